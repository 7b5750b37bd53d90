import { SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { FoodHit } from '@contract/foods.ts';
import type { LogEntry } from '@contract/log.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { MEAL_LABELS, optionsFrom, type Meal } from '../../../lib/labels.ts';
import { useCall } from '../../../lib/query.ts';
import { numberOrNull, type NumberField } from '../../foods/custom-food-values.ts';
import { AllergenBadges } from '../../foods/AllergenBadges/AllergenBadges.tsx';
import { FoodPicker } from '../../foods/FoodPicker/FoodPicker.tsx';
import { AllergyWarning } from '../AllergyWarning/AllergyWarning.tsx';
import { useAllergyCheck } from '../use-allergy-check.ts';
import { AmountFields } from '../AmountFields/AmountFields.tsx';
import { amountText, measureGrams } from '../log-text.ts';
import { DietPreview } from './DietPreview.tsx';
import { SaveFooter } from './SaveFooter.tsx';
import { useEntryForm, type EntryFormProps } from './use-entry-form.ts';
import { WhenFields } from './WhenFields.tsx';

type MealChoice = Meal | 'none';
type AmountMode = 'measure' | 'grams';
const MEAL_OPTIONS = [{ value: 'none' as const, label: 'No meal' }, ...optionsFrom(MEAL_LABELS)];
const SHOWN = ['foodId', 'grams', 'amount', 'meal', 'date', 'time'];
/** Shown in the allergy warning, while there is one. */
const ALLERGY_FIELDS = ['allergyConfirmation', 'allergyConfirmation.reason'];

function hitFromEntry(entry: LogEntry | null): FoodHit | null {
  if (!entry?.food) return null;
  const { id, name } = entry.food;
  return { id, name, foodGroup: null, source: 'usda-sr28', energyKcalPer100g: null, recent: true, allergens: [] };
}

/** A food entry: food by search, amount as a household measure × count or in grams, meal, time. */
export function DietEntryForm(props: EntryFormProps) {
  const { clientId, entry, onCancel } = props;
  const [hit, setHit] = useState<FoodHit | null>(() => hitFromEntry(entry));
  const [meal, setMeal] = useState<MealChoice>(entry?.meal ?? 'none');
  const [mode, setMode] = useState<AmountMode | null>(entry ? 'grams' : null);
  const [portionId, setPortionId] = useState<string | null>(null);
  const [count, setCount] = useState<NumberField>(1);
  const [grams, setGrams] = useState<NumberField>(entry?.food?.grams ?? '');
  const state = useEntryForm(props);
  const allergy = useAllergyCheck(clientId, hit ? [hit.id] : []);
  const conflict = hit ? allergy.conflicts.get(hit.id) : undefined;
  // An entry saved despite the allergy keeps its reason; an edit starts from it.
  const [reason, setReason] = useState(entry?.allergyConfirmation?.reason ?? '');
  const needsReason = conflict !== undefined && reason.trim() === '';

  const foodQuery = useCall('foods.get', { id: hit?.id ?? '' }, { enabled: hit !== null, staleTime: Infinity });
  const food = hit && foodQuery.data?.id === hit.id ? foodQuery.data : undefined;
  const portions = food?.portions ?? [];
  const effectiveMode: AmountMode = mode ?? (portions.length > 0 ? 'measure' : 'grams');
  const portion = portions.find((p) => p.id === portionId) ?? portions[0];
  const countValue = numberOrNull(count);
  const gramsValue =
    effectiveMode === 'measure'
      ? portion && countValue !== null
        ? measureGrams(countValue, portion)
        : null
      : numberOrNull(grams);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const amount =
      effectiveMode === 'measure' && portion && countValue !== null ? amountText(countValue, portion) : null;
    await state.save({
      kind: 'diet',
      meal: meal === 'none' ? null : meal,
      foodId: hit?.id ?? '',
      grams: effectiveMode === 'grams' ? numberOrNull(grams) : null,
      amount: effectiveMode === 'measure' ? (amount ?? '') : null,
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
            setPortionId(null);
            setMode(null);
          }}
          clientId={clientId}
          error={errors.foodId}
          autoFocus={!entry}
          testId="log-food-search"
          optionTestId="log-food-option"
        />
        {hit && !food && !foodQuery.error && <Skeleton height={60} aria-label="Loading the food’s measures" />}
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
        {foodQuery.error && (
          <Text size="sm" c="red" role="alert">
            {foodQuery.error.message}
          </Text>
        )}
        {food && (
          <Stack gap="xs">
            <SegmentedControl
              aria-label="Amount as"
              data={[
                { value: 'measure', label: 'Household measure', disabled: portions.length === 0 },
                { value: 'grams', label: 'Grams' },
              ]}
              value={effectiveMode}
              onChange={(v) => setMode(v === 'grams' ? 'grams' : 'measure')}
              data-testid="log-amount-mode"
            />
            <AmountFields
              portion={effectiveMode === 'measure' ? portion : undefined}
              portions={portions}
              count={count}
              onCountChange={setCount}
              onPortionChange={(p) => setPortionId(p.id)}
              grams={grams}
              onGramsChange={setGrams}
              countError={errors.amount}
              gramsError={errors.grams ?? errors.amount}
              countWidth={140}
              gramsDescription={portions.length === 0 ? 'This food has no household measures.' : undefined}
              testIds={{ count: 'log-amount-count', measure: 'log-amount-measure', grams: 'log-grams' }}
            />
          </Stack>
        )}
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
        <DietPreview food={food} grams={gramsValue} />
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
