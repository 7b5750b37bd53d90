import type { LabelField, LabelReading } from '@contract/food-labels.ts';
import type { Nutrients } from '@contract/foods.ts';

/**
 * The review's per-100 g values, recomputed as the practitioner edits a field or the serving weight.
 * The same rules as the core's core/labels/convert.ts (a test checks the two agree on
 * every label of the test set, in scripts/label-values.test.ts):
 * - salt → sodium: sodium = salt ÷ 2.5 (Regulation (EU) No 1169/2011, Annex I point 11), in mg × 1000;
 * - kJ → kcal ÷ 4.184, only when the label gives no kcal;
 * - per serving → per 100 g: × 100 ÷ serving grams; per 100 ml is kept as per 100 g (1 ml = 1 g).
 */
export const SALT_PER_SODIUM = 2.5;
export const KJ_PER_KCAL = 4.184;

type FieldKey = LabelField['key'];
type NutrientKey = keyof Nutrients;

const STORED: Partial<Record<FieldKey, NutrientKey>> = {
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

/** A typed value: a number ≥ 0 ("1,5" accepted), null when empty, NaN when not a number. */
export function parseAmount(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : Number.NaN;
}

export function toPer100g(
  values: Partial<Record<FieldKey, number>>,
  basis: LabelReading['basis'],
  servingGrams: number | null,
): Nutrients | null {
  let factor = 1;
  if (basis === 'serving') {
    if (servingGrams === null || !(servingGrams > 0)) return null;
    factor = 100 / servingGrams;
  }
  const out: Nutrients = {};
  for (const [key, nutrient] of Object.entries(STORED) as [FieldKey, NutrientKey][]) {
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

/** What the review says the values are per. */
export function basisSentence(basis: LabelReading['basis']): string {
  if (basis === '100g') return 'The label gives these values per 100 g.';
  if (basis === '100ml')
    return 'The label gives these values per 100 ml; they are saved as per 100 g (1 ml taken as 1 g).';
  return 'The label gives these values per serving; they are turned into per 100 g with the serving’s weight.';
}

/** The nutrient a field's per-100 g value is saved as, with its unit, or null (shown only). */
export function storedAs(key: FieldKey): { nutrient: NutrientKey; unit: string } | null {
  if (key === 'saltG') return { nutrient: 'sodiumMg', unit: 'mg sodium' };
  if (key === 'energyKj') return { nutrient: 'energyKcal', unit: 'kcal' };
  const n = STORED[key];
  if (!n) return null;
  const unit = n === 'energyKcal' ? 'kcal' : n.endsWith('Mg') ? 'mg' : 'g';
  return { nutrient: n, unit };
}
