import { Skeleton, Stack, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { FoodHit } from '@contract/foods.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { MEAL_LABELS, optionsFrom, type Meal } from '../../../lib/labels.ts';
import { AllergenBadges } from '../../foods/AllergenBadges/AllergenBadges.tsx';
import { FoodPicker } from '../../foods/FoodPicker/FoodPicker.tsx';
import { AllergyWarning } from '../AllergyWarning/AllergyWarning.tsx';
import { useAllergyCheck } from '../use-allergy-check.ts';
import { FoodAmountFields } from '../AmountFields/FoodAmountFields.tsx';
import { chosenFood, useFoodAmount } from '../AmountFields/use-food-amount.ts';
import { DietPreview } from './DietPreview.tsx';
import { SaveFooter } from './SaveFooter.tsx';
import { useEntryForm, type EntryFormProps } from './use-entry-form.ts';
import { WhenFields } from './WhenFields.tsx';

type MealChoice = Meal | 'none';
const MEAL_OPTIONS = [{ value: 'none' as const, label: 'No meal' }, ...optionsFrom(MEAL_LABELS)];
const SHOWN = ['foodId', 'grams', 'amount', 'meal', 'date', 'time'];
/** Shown in the allergy warning, while there is one. */
const ALLERGY_FIELDS = ['allergyConfirmation', 'allergyConfirmation.reason'];

/** A food entry: food by search, amount as a household measure × count or in grams, meal, time. */
export function DietEntryForm(props: EntryFormProps) {
  const { clientId, entry, onCancel } = props;
  const [hit, setHit] = useState<FoodHit | null>(() => chosenFood(entry?.food));
  const [meal, setMeal] = useState<MealChoice>(entry?.meal ?? 'none');
  const amount = useFoodAmount(hit, entry ? { grams: entry.food?.grams ?? null } : undefined);
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
        <FoodPicker
          label="Food"
          value={hit}
          onChange={(h) => {
            setHit(h);
            amount.reset();
          }}
          clientId={clientId}
          error={errors.foodId}
          autoFocus={!entry}
          testId="log-food-search"
          optionTestId="log-food-option"
        />
        {hit && !food && !amount.foodError && <Skeleton height={60} aria-label="Loading the food’s measures" />}
        {food && <AllergenBadges allergens={food.allergens} testId="log-food-allergens" />}
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
        {amount.foodError && (
          <Text size="sm" c="red" role="alert">
            {amount.foodError.message}
          </Text>
        )}
        <FoodAmountFields
          amount={amount}
          countError={errors.amount}
          gramsError={errors.grams ?? errors.amount}
          testIdPrefix="log"
        />
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
