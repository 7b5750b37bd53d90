import { Stack } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { MEAL_LABELS, optionsFrom, type Meal } from '../../../lib/labels.ts';
import { AllergyWarning } from '../AllergyWarning/AllergyWarning.tsx';
import { FavouriteStar } from '../FavouriteStar/FavouriteStar.tsx';
import { useAllergyCheck } from '../use-allergy-check.ts';
import { FoodChoiceFields } from '../AmountFields/FoodChoiceFields.tsx';
import { useFoodAmount } from '../AmountFields/use-food-amount.ts';
import { DietPreview } from './DietPreview.tsx';
import { SaveFooter } from './SaveFooter.tsx';
import { useEntryForm, type EntryFormProps } from './use-entry-form.ts';
import { WhenFields } from './WhenFields.tsx';

type MealChoice = Meal | 'none';
const MEAL_OPTIONS = [{ value: 'none' as const, label: 'No meal' }, ...optionsFrom(MEAL_LABELS)];
const SHOWN = ['foodId', 'grams', 'amount', 'meal', 'date', 'time'];
/** Shown in the allergy warning, while there is one. */
const ALLERGY_FIELDS = ['allergyConfirmation', 'allergyConfirmation.reason'];

/**
 * A food entry: food by search, amount as a household measure × count or in grams, meal, time. A new
 * entry may start with a food already chosen (`initialFood`, e.g. one found by its barcode).
 */
export function DietEntryForm(props: EntryFormProps & { initialFood?: { id: string; name: string } }) {
  const { clientId, entry, onCancel, initialFood } = props;
  const [meal, setMeal] = useState<MealChoice>(entry?.meal ?? 'none');
  const amount = useFoodAmount(
    entry
      ? { food: entry.food, grams: entry.food?.grams ?? null, amountText: entry.food?.amountText ?? null }
      : initialFood
        ? { food: initialFood, grams: null }
        : undefined,
  );
  const hit = amount.hit;
  const state = useEntryForm(props);
  const allergy = useAllergyCheck(clientId, hit ? [hit.id] : []);
  const conflict = hit ? allergy.conflicts.get(hit.id) : undefined;
  // An entry saved despite the allergy keeps its reason; an edit starts from it.
  const [reason, setReason] = useState(entry?.allergyConfirmation?.reason ?? '');
  const needsReason = conflict !== undefined && reason.trim() === '';

  const food = amount.food;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    await state.save({
      kind: 'diet',
      meal: meal === 'none' ? null : meal,
      foodId: hit?.id ?? '',
      ...amount.payload(),
      allergyConfirmation: conflict ? { reason: reason.trim() } : null,
    });
  };

  const errors = state.errors;
  const allergyError = errors['allergyConfirmation.reason'] ?? errors.allergyConfirmation;
  // The core refused a food the check had not flagged (the record changed meanwhile): ask again.
  const conflictShown = conflict !== undefined;
  const { recheck } = allergy;
  useEffect(() => {
    if (allergyError && !conflictShown) recheck();
  }, [allergyError, conflictShown, recheck]);
  const shown = conflict ? [...SHOWN, ...ALLERGY_FIELDS] : SHOWN;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="log-diet-form">
      <Stack gap="sm">
        <FoodChoiceFields
          amount={amount}
          clientId={clientId}
          autoFocus={!entry}
          errors={{ food: errors.foodId, count: errors.amount, grams: errors.grams ?? errors.amount }}
          testIdPrefix="log"
        >
          {hit && <FavouriteStar clientId={clientId} foodId={hit.id} foodName={hit.name} withLabel />}
          {conflict && (
            <AllergyWarning
              conflict={conflict}
              reason={reason}
              onReasonChange={setReason}
              error={allergyError}
              disabled={state.saving}
              testIdPrefix="log-allergy"
            />
          )}
        </FoodChoiceFields>
        <WhenFields {...state.when} errors={errors}>
          <ChoiceSelect<MealChoice>
            label="Meal"
            data={MEAL_OPTIONS}
            value={meal}
            onChange={(v) => v && setMeal(v)}
            error={errors.meal}
            data-testid="log-meal"
          />
        </WhenFields>
        <DietPreview food={food} grams={amount.gramsValue} />
        <SaveFooter
          state={state}
          onCancel={onCancel}
          shown={shown}
          saveLabel={conflict ? 'Save despite allergy' : 'Save'}
          saveColor={conflict ? 'red' : undefined}
          saveDisabled={allergy.checking || needsReason}
        />
      </Stack>
    </form>
  );
}
