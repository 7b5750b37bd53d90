import { Button, Group, Stack } from '@mantine/core';
import { SaveProblems } from '../../../components/SaveProblems/SaveProblems.tsx';
import type { SavePhoto } from './use-save-photo.ts';

interface ReviewFooterProps {
  state: SavePhoto;
  /** Problems found before sending (an item without a food or an amount). */
  localError: string | null;
  onDiscard: () => void;
  /** An item conflicts with the client's allergies: the button says so. */
  allergy?: boolean;
  /** Held until every conflicting item has its reason. */
  saveDisabled?: boolean;
}

/** Errors, the implausible-amount warning with "Save anyway", and Discard / Save meal. */
export function ReviewFooter(props: ReviewFooterProps): React.JSX.Element {
  const { state, localError, onDiscard, allergy = false, saveDisabled = false } = props;
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
        <Button
          type="submit"
          loading={state.saving}
          disabled={saveDisabled}
          color={allergy ? 'red' : undefined}
          data-testid="photo-save"
        >
          {allergy ? 'Save meal despite allergy' : 'Save meal'}
        </Button>
      </Group>
    </Stack>
  );
}
