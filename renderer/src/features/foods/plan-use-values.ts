import type { Food, PLAN_MEAL_TYPES, PlanUse } from '@contract/foods.ts';
import { numberOrNull, type NumberField } from './custom-food-values.ts';

export type PlanMealType = (typeof PLAN_MEAL_TYPES)[number];

export const MEAL_TYPE_LABELS: Record<PlanMealType, string> = {
  breakfast: 'Breakfast',
  lunch: 'Lunch',
  dinner: 'Dinner',
  snack: 'Snack',
};

/** The meal types in the order the app lists them. */
export const PLAN_MEAL_TYPE_ORDER = Object.keys(MEAL_TYPE_LABELS) as PlanMealType[];

/** The "Use in meal plans" fields of a custom food or recipe; an empty serving means the default one. */
export interface PlanUseValues {
  mealTypes: PlanMealType[];
  main: boolean;
  servingLabel: string;
  servingGrams: NumberField;
}

export function planUseValuesFrom(food: Food | null): PlanUseValues {
  const use = food?.planUse ?? null;
  return {
    mealTypes: use ? [...use.mealTypes] : [],
    main: use?.main ?? false,
    servingLabel: use?.measure?.label ?? '',
    servingGrams: use?.measure?.grams ?? '',
  };
}

/**
 * The contract's setting from the fields: null when no meal type is ticked (not in the plan pool);
 * the serving only when named or weighed (else the food's first measure, a recipe's one serving). A
 * half-filled serving is sent as it is, so the core's message stands beside the empty field.
 */
export function planUseInput(values: PlanUseValues): PlanUse | null {
  if (values.mealTypes.length === 0) return null;
  const label = values.servingLabel.trim();
  const grams = numberOrNull(values.servingGrams);
  const measure = label === '' && grams === null ? null : { label, grams: grams ?? Number.NaN };
  // In the order the app lists meal types, whatever order they were ticked in.
  const mealTypes = PLAN_MEAL_TYPE_ORDER.filter((m) => values.mealTypes.includes(m));
  return { mealTypes, main: values.main, measure };
}
