import { Stack } from '@mantine/core';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { SaveProblems } from '../../../components/SaveProblems/SaveProblems.tsx';
import type { SaveEntry } from './use-entry-form.ts';

interface SaveFooterProps {
  state: SaveEntry;
  onCancel: () => void;
  /** The fields the form shows beside an input; the core's messages for any other field are listed here. */
  shown: readonly string[];
  /** "Save despite allergy" while the food conflicts with the client's allergies. */
  saveLabel?: string;
  saveColor?: string;
  /** Held until what the save needs is there (an allergy reason). */
  saveDisabled?: boolean;
}

/** Errors, the implausible-value warning with "Save anyway", and the form's buttons. */
export function SaveFooter(props: SaveFooterProps): React.JSX.Element {
  const { state, onCancel, shown, saveLabel = 'Save', saveColor, saveDisabled = false } = props;
  const unshown = Object.entries(state.errors)
    .filter(([k]) => !shown.includes(k))
    .map(([, m]) => m);
  return (
    <Stack gap="sm">
      <SaveProblems
        messages={[...(state.generalError ? [state.generalError] : []), ...unshown]}
        implausible={state.implausible}
        saving={state.saving}
        onSaveAnyway={() => void state.saveAnyway()}
        implausibleTitle="Please check this entry"
        correctHint="or correct the values and save again."
        testIds={{ error: 'log-error', implausible: 'log-implausible', saveAnyway: 'log-save-anyway' }}
      />
      <FormActions
        busy={state.saving}
        onCancel={onCancel}
        confirmLabel={saveLabel}
        confirmColor={saveColor}
        confirmDisabled={saveDisabled}
        testIds={{ cancel: 'log-cancel', confirm: 'log-save' }}
      />
    </Stack>
  );
}
