import { conflictAllergens, recordedText, type AllergyConflict } from '../../foods/allergen-text.ts';
import { AllergyReasonAlert } from './AllergyReasonAlert.tsx';

interface AllergyWarningProps {
  conflict: AllergyConflict;
  reason: string;
  onReasonChange: (reason: string) => void;
  error?: string | undefined;
  disabled?: boolean;
  /** "log-allergy" → log-allergy-alert, log-allergy-reason. */
  testIdPrefix: string;
}

/**
 * The warning for a food that contains an allergen of the client: red, with no close button (it goes
 * only when the food changes), and the reason the save button waits for.
 */
export function AllergyWarning(props: AllergyWarningProps): React.JSX.Element {
  const { conflict, reason, onReasonChange, error, disabled, testIdPrefix } = props;
  return (
    <AllergyReasonAlert
      title={`Allergy: ${conflict.foodName} contains ${conflictAllergens(conflict)}`}
      message={`${recordedText(conflict)}. Check with the client before saving. Allergen flags are derived from food names and recipes: a safety net, not a guarantee.`}
      reasonLabel="Reason for saving despite the allergy"
      description="Kept with the entry and shown beside it."
      placeholder="e.g. Tolerates small amounts, confirmed by the allergist"
      reason={reason}
      onReasonChange={onReasonChange}
      error={error}
      disabled={disabled}
      testIds={{ alert: `${testIdPrefix}-alert`, reason: `${testIdPrefix}-reason` }}
    />
  );
}
