import { Button, Group, Stack } from '@mantine/core';
import { SaveProblems } from '../../../components/SaveProblems/SaveProblems.tsx';
import type { SavePhoto } from './use-save-photo.ts';

interface ReviewFooterProps {
  state: SavePhoto;
  /** Problems found before sending (an item without a food or an amount). */
  localError: string | null;
  onDiscard: () => void;
}

/** Errors, the implausible-amount warning with "Save anyway", and Discard / Save meal. */
export function ReviewFooter({ state, localError, onDiscard }: ReviewFooterProps): React.JSX.Element {
  return (
    <Stack gap="sm">
      <SaveProblems
        messages={[localError, state.generalError].filter((m): m is string => Boolean(m))}
        implausible={state.implausible}
        saving={state.saving}
        onSaveAnyway={() => void state.saveAnyway()}
        implausibleTitle="Please check this meal"
        correctHint="or correct the amounts and save again."
        testIds={{ error: 'photo-save-error', implausible: 'photo-implausible', saveAnyway: 'photo-save-anyway' }}
      />
      <Group justify="space-between">
        <Button variant="subtle" color="red" onClick={onDiscard} disabled={state.saving} data-testid="photo-discard">
          Discard photo
        </Button>
        <Button type="submit" loading={state.saving} data-testid="photo-save">
          Save meal
        </Button>
      </Group>
    </Stack>
  );
}
