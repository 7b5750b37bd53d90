import { NUTRIENT_KEYS, scaleNutrients, type NutrientKey, type NutrientValues } from './nutrients.ts';

/** Known, finite values only, in NUTRIENTS order (an absent key means unknown, never zero). */
export function cleanNutrients(values: Record<string, number | undefined>): NutrientValues {
  const out: NutrientValues = {};
  for (const k of NUTRIENT_KEYS) {
    const v = values[k];
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/**
 * A recipe's nutrients from its ingredients (each per 100 g) and amounts:
 * total = Σ ingredient nutrients in its grams; per 100 g = total / (finalWeightG ?? Σ grams) × 100.
 * A nutrient that some ingredients lack (not analysed in SR28, say) is the sum of the known values,
 * and unknown only when no ingredient has it. That under-counts rather than discarding a whole
 * nutrient for one gap (SR28 lacks vitamin D or added sugars for many foods); the Food view's
 * ingredient list lets a practitioner check which foods carry a value.
 */
export function recipeNutrients(
  ingredients: { nutrients: NutrientValues; grams: number }[],
  finalWeightG: number | null,
  servings: number,
): { per100g: NutrientValues; total: NutrientValues; totalGrams: number; perServing: NutrientValues } {
  const total: NutrientValues = {};
  let sum = 0;
  for (const ing of ingredients) {
    sum += ing.grams;
    for (const [k, v] of Object.entries(scaleNutrients(ing.nutrients, ing.grams)) as [NutrientKey, number][]) {
      total[k] = (total[k] ?? 0) + v;
    }
  }
  const totalGrams = finalWeightG ?? sum;
  const per100g = totalGrams > 0 ? scaleNutrients(total, 10000 / totalGrams) : {};
  return { per100g, total, totalGrams, perServing: scaleNutrients(per100g, totalGrams / servings) };
}
