import { Button, Group, Stack } from '@mantine/core';
import { SaveProblems } from '../../../components/SaveProblems/SaveProblems.tsx';
import type { SaveEntry } from './use-save-entry.ts';

interface SaveFooterProps {
  state: SaveEntry;
  onCancel: () => void;
  /** Field errors the form does not show beside a field. */
  unshownErrors: string[];
  /** "Save despite allergy" while the food conflicts with the client's allergies. */
  saveLabel?: string;
  saveColor?: string;
  /** Held until what the save needs is there (an allergy reason). */
  saveDisabled?: boolean;
}

/** Errors, the implausible-value warning with "Save anyway", and the form's buttons. */
export function SaveFooter(props: SaveFooterProps): React.JSX.Element {
  const { state, onCancel, unshownErrors, saveLabel = 'Save', saveColor, saveDisabled = false } = props;
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
        <Button type="submit" loading={state.saving} disabled={saveDisabled} color={saveColor} data-testid="log-save">
          {saveLabel}
        </Button>
      </Group>
    </Stack>
  );
}
