import type { CustomFoodInput, Food, NutrientKey, Nutrients } from '@contract/foods.ts';
import type { Allergen } from '../../lib/labels.ts';
import type { ApiError } from '../../lib/api.ts';
import { fieldErrorsFor } from '../../lib/errors.ts';
import { NUTRIENT_KEYS } from '../../lib/nutrients.ts';
import type { FieldErrors } from '../../lib/use-form-save.ts';

/** A NumberInput's value: a number, or '' (and partial text) while empty or being typed. */
export type NumberField = number | string;

export interface MeasureValues {
  /** Stable React key for the row. */
  key: number;
  amount: NumberField;
  unit: string;
  grams: NumberField;
}

export interface CustomFoodValues {
  name: string;
  foodGroup: string;
  brand: string;
  nutrients: Partial<Record<NutrientKey, NumberField>>;
  measures: MeasureValues[];
  /** The allergens the practitioner ticked. */
  allergens: Allergen[];
  /**
   * False until the practitioner changes a tick: the form shows the flags derived from the name, and the
   * core derives them again from the saved name (so a save before the suggestion arrives loses nothing).
   */
  allergensTouched: boolean;
}

export function emptyCustomFood(): CustomFoodValues {
  return { name: '', foodGroup: '', brand: '', nutrients: {}, measures: [], allergens: [], allergensTouched: false };
}

/** A number from a NumberInput, or null when empty or not a number. */
export function numberOrNull(value: NumberField | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function valuesFromFood(food: Food): CustomFoodValues {
  const nutrients: CustomFoodValues['nutrients'] = {};
  for (const key of NUTRIENT_KEYS) {
    const v = food.nutrients[key];
    if (typeof v === 'number') nutrients[key] = v;
  }
  return {
    name: food.name,
    foodGroup: food.foodGroup ?? '',
    brand: food.brand ?? '',
    nutrients,
    measures: food.portions.map((p, i) => ({ key: i + 1, amount: p.amount, unit: p.unit, grams: p.grams })),
    allergens: [...food.allergens],
    allergensTouched: true,
  };
}

/**
 * The contract's input from the form. Empty nutrient fields are left out (unknown, not zero); a
 * measure's empty amount means 1. Typing errors (a missing name or energy) are left for the core's
 * messages, which the form shows beside the fields.
 */
export function inputFromValues(values: CustomFoodValues): CustomFoodInput {
  const nutrients: Nutrients = {};
  for (const key of NUTRIENT_KEYS) {
    const n = numberOrNull(values.nutrients[key]);
    if (n !== null) nutrients[key] = n;
  }
  return {
    name: values.name.trim(),
    foodGroup: values.foodGroup.trim() || null,
    brand: values.brand.trim() || null,
    nutrients,
    portions: values.measures.map((m) => ({
      amount: numberOrNull(m.amount) ?? 1,
      unit: m.unit.trim(),
      grams: numberOrNull(m.grams) ?? Number.NaN,
    })),
    ...(values.allergensTouched ? { allergens: values.allergens } : {}),
  };
}

/** Server field errors ('nutrients.energyKcal', 'portions.0.grams') under the form's own names. */
export function formErrorKey(serverKey: string): string {
  return serverKey.replace(/^portions\./, 'measures.');
}

/**
 * The core's refusal of a custom food (an edit nests it under `food`) under the form's names. The
 * nutrients and measures as a whole have no field of their own: their messages go in the alert.
 */
export function customFoodFieldErrors(error: ApiError, editing: boolean): FieldErrors {
  const fields: Record<string, string> = {};
  for (const [k, m] of Object.entries(fieldErrorsFor(error, editing ? 'food' : ''))) fields[formErrorKey(k)] = m;
  return { fields, shown: Object.keys(fields).filter((k) => k !== 'nutrients' && k !== 'measures') };
}
