import { Button, Group, Stack } from '@mantine/core';
import { SaveProblems } from '../../../components/SaveProblems/SaveProblems.tsx';
import type { SaveEntry } from './use-save-entry.ts';

interface SaveFooterProps {
  state: SaveEntry;
  onCancel: () => void;
  /** Field errors the form does not show beside a field. */
  unshownErrors: string[];
}

/** Errors, the implausible-value warning with "Save anyway", and the form's buttons. */
export function SaveFooter({ state, onCancel, unshownErrors }: SaveFooterProps): React.JSX.Element {
  return (
    <Stack gap="sm">
      <SaveProblems
        messages={[...(state.generalError ? [state.generalError] : []), ...unshownErrors]}
        implausible={state.implausible}
        saving={state.saving}
        onSaveAnyway={() => void state.saveAnyway()}
        implausibleTitle="Please check this entry"
        correctHint="or correct the values and save again."
        testIds={{ error: 'log-error', implausible: 'log-implausible', saveAnyway: 'log-save-anyway' }}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={state.saving} data-testid="log-cancel">
          Cancel
        </Button>
        <Button type="submit" loading={state.saving} data-testid="log-save">
          Save
        </Button>
      </Group>
    </Stack>
  );
}
