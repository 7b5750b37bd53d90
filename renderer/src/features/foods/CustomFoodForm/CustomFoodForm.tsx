import { Accordion, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Food, NutrientKey } from '@contract/foods.ts';
import { MAIN_NUTRIENTS, NUTRIENT_INFO, NUTRIENT_KEYS } from '../../../lib/nutrients.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';
import {
  emptyCustomFood,
  customFoodFieldErrors,
  inputFromValues,
  numberOrNull,
  valuesFromFood,
  type CustomFoodValues,
} from '../custom-food-values.ts';
import { FoodEditorForm } from '../FoodEditorForm/FoodEditorForm.tsx';
import { planUseInput, planUseValuesFrom, type PlanUseValues } from '../plan-use-values.ts';
import { PlanUseSection } from '../PlanUseSection/PlanUseSection.tsx';
import { useFoodForm, type FoodSaved } from '../FoodEditorForm/use-food-form.ts';
import { AllergenChecks } from './AllergenChecks.tsx';
import { MeasuresEditor } from './MeasuresEditor.tsx';

interface CustomFoodFormProps {
  /** The food being edited, or null for a new one. */
  food: Food | null;
  onSaved: (saved: FoodSaved) => void;
  onCancel: () => void;
}

const EXTRA_NUTRIENTS = NUTRIENT_KEYS.filter((k) => !MAIN_NUTRIENTS.includes(k));

/** A practitioner's own food: name, group, nutrients per 100 g, household measures. */
export function CustomFoodForm({ food, onSaved, onCancel }: CustomFoodFormProps): React.JSX.Element {
  const [values, setValues] = useState<CustomFoodValues>(() => (food ? valuesFromFood(food) : emptyCustomFood()));
  const [planUse, setPlanUse] = useState<PlanUseValues>(() => planUseValuesFrom(food));

  // Until the practitioner ticks by hand, the ticks follow the name (the core derives them the same way).
  const nameForFlags = useDebounced(`${values.name.trim()}\u0000${values.foodGroup.trim()}`, 300);
  const [name = '', foodGroup = ''] = nameForFlags.split('\u0000');
  const derived = useCall(
    'foods.deriveAllergens',
    { name, foodGroup: foodGroup || null },
    { enabled: name !== '', staleTime: Infinity },
  );
  const derivedAllergens = name === '' ? [] : (derived.data?.allergens ?? []);
  const allergens = values.allergensTouched ? values.allergens : derivedAllergens;
  const update = useMutation('foods.updateCustom', { invalidates: ['foods', ...LOG_DATA] });
  const create = useMutation('foods.createCustom', { invalidates: ['foods'] });

  const setNutrient = (key: NutrientKey, v: number | string): void =>
    setValues((prev) => ({ ...prev, nutrients: { ...prev.nutrients, [key]: v } }));

  const send = async (applyToPast: boolean): Promise<FoodSaved> => {
    const input = { ...inputFromValues(values), planUse: planUseInput(planUse) };
    if (!food) return { food: await create.run(input), updatedPast: 0 };
    const { food: saved, updatedPast } = await update.run({ id: food.id, food: input, applyToPast });
    return { food: saved, updatedPast };
  };
  const form = useFoodForm({ food: food, onSaved, onCancel, send, fieldErrors: customFoodFieldErrors });
  const { errors } = form.state;

  const nutrientInput = (key: NutrientKey): React.JSX.Element => (
    <NumberInput
      key={key}
      label={`${NUTRIENT_INFO[key].label} (${NUTRIENT_INFO[key].unit})`}
      withAsterisk={key === 'energyKcal'}
      min={0}
      clampBehavior="none"
      decimalScale={3}
      value={values.nutrients[key] ?? ''}
      onChange={(v) => setNutrient(key, v)}
      error={errors[`nutrients.${key}`] ?? (key === 'energyKcal' ? errors.nutrients : undefined)}
      data-testid={`custom-food-nutrient-${key}`}
    />
  );

  return (
    <FoodEditorForm form={form} kind="custom-food" values={values} onValuesChange={setValues}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Food group"
          placeholder="e.g. Baked products"
          value={values.foodGroup}
          onChange={(e) => setValues({ ...values, foodGroup: e.currentTarget.value })}
          error={errors.foodGroup}
          data-testid="custom-food-group"
        />
        <TextInput
          label="Brand"
          value={values.brand}
          onChange={(e) => setValues({ ...values, brand: e.currentTarget.value })}
          error={errors.brand}
          data-testid="custom-food-brand"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" role="group" aria-label="Nutrients per 100 g">
        {MAIN_NUTRIENTS.map(nutrientInput)}
      </SimpleGrid>
      <Accordion variant="contained" defaultValue={null}>
        <Accordion.Item value="more">
          <Accordion.Control data-testid="custom-food-more">More nutrients (per 100 g)</Accordion.Control>
          <Accordion.Panel>
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
              {EXTRA_NUTRIENTS.map(nutrientInput)}
            </SimpleGrid>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <AllergenChecks
        value={allergens}
        suggested={!values.allergensTouched}
        onChange={(next) => setValues({ ...values, allergens: next, allergensTouched: true })}
      />
      <MeasuresEditor
        measures={values.measures}
        errors={errors}
        onChange={(measures) => setValues({ ...values, measures })}
      />
      <PlanUseSection
        values={planUse}
        onChange={setPlanUse}
        errors={errors}
        defaultServing={firstMeasure(values)}
        testIdPrefix="custom-food"
      />
    </FoodEditorForm>
  );
}

/** The first household measure as plans would show it ("1 glass (200 g)"), or null when there is none. */
function firstMeasure(values: CustomFoodValues): string | null {
  const m = values.measures[0];
  const grams = m ? numberOrNull(m.grams) : null;
  if (!m || grams === null || m.unit.trim() === '') return null;
  return `${numberOrNull(m.amount) ?? 1} ${m.unit.trim()} (${Math.round(grams)} g)`;
}
