import type { NutrientValues } from '../foods/nutrients.ts';
import type { LabelBasis, LabelFieldKey } from './parse.ts';

/**
 * From the values a label prints to the per-100 g values the app stores (foods are per 100 g, see
 * core/foods/nutrients.ts). The renderer repeats these few lines for the review table as the
 * practitioner edits (renderer/src/features/labels/label-values.ts); scripts/label-values.test.ts checks the
 * two agree on every label of the test set.
 *
 * - Salt → sodium: sodium = salt ÷ 2.5 (Regulation (EU) No 1169/2011, Annex I point 11: "salt" means
 *   the salt equivalent content calculated using the formula salt = sodium × 2.5), in mg: × 1000.
 *   (Annex XIV of the Regulation holds the energy conversion factors, not this formula.)
 * - kJ → kcal: ÷ 4.184 (1 kcal = 4.184 kJ, the thermochemical calorie, ISO 80000-5), only when the
 *   label gives no kcal.
 * - Per serving → per 100 g: × 100 ÷ serving grams. Drinks labelled per 100 ml are stored as if
 *   per 100 g (1 ml taken as 1 g), as the app has no volume basis for foods.
 */
export const SALT_PER_SODIUM = 2.5;
export const KJ_PER_KCAL = 4.184;

/** The label fields the app stores, by nutrient (trans fat and kJ have no column of their own). */
const STORED: Partial<Record<LabelFieldKey, keyof NutrientValues>> = {
  energyKcal: 'energyKcal',
  fatG: 'fatG',
  satFatG: 'satFatG',
  cholesterolMg: 'cholesterolMg',
  sodiumMg: 'sodiumMg',
  carbG: 'carbG',
  sugarG: 'sugarG',
  addedSugarG: 'addedSugarG',
  fibreG: 'fibreG',
  proteinG: 'proteinG',
};

const round = (n: number, dp: number): number => Math.round(n * 10 ** dp) / 10 ** dp;

/**
 * Per-100 g nutrients from label values in their basis; null when the values are per serving and the
 * serving's weight is not known (the review asks for it).
 */
export function toPer100g(
  values: Partial<Record<LabelFieldKey, number>>,
  basis: LabelBasis,
  servingGrams: number | null,
): NutrientValues | null {
  let factor = 1;
  if (basis === 'serving') {
    if (servingGrams === null || !(servingGrams > 0)) return null;
    factor = 100 / servingGrams;
  }
  const out: NutrientValues = {};
  for (const [key, nutrient] of Object.entries(STORED) as [LabelFieldKey, keyof NutrientValues][]) {
    const v = values[key];
    if (v !== undefined && Number.isFinite(v)) out[nutrient] = round(v * factor, 3);
  }
  if (out.energyKcal === undefined && values.energyKj !== undefined) {
    out.energyKcal = round((values.energyKj / KJ_PER_KCAL) * factor, 3);
  }
  if (out.sodiumMg === undefined && values.saltG !== undefined) {
    out.sodiumMg = round((values.saltG / SALT_PER_SODIUM) * 1000 * factor, 3);
  }
  return out;
}
