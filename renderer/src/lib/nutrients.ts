import type { NutrientKey, Nutrients } from '@contract/foods.ts';

export type { NutrientKey, Nutrients };

/**
 * Words and units for the contract's nutrient keys (typed over the contract's union, so a new key in
 * core fails the type check here until it has a label). Units match core/foods/nutrients.ts.
 */
export const NUTRIENT_INFO: Record<NutrientKey, { label: string; unit: string }> = {
  energyKcal: { label: 'Energy', unit: 'kcal' },
  proteinG: { label: 'Protein', unit: 'g' },
  carbG: { label: 'Carbohydrate', unit: 'g' },
  fatG: { label: 'Fat', unit: 'g' },
  satFatG: { label: 'Saturated fat', unit: 'g' },
  monoFatG: { label: 'Monounsaturated fat', unit: 'g' },
  polyFatG: { label: 'Polyunsaturated fat', unit: 'g' },
  cholesterolMg: { label: 'Cholesterol', unit: 'mg' },
  sugarG: { label: 'Sugars', unit: 'g' },
  addedSugarG: { label: 'Added sugars', unit: 'g' },
  fibreG: { label: 'Fibre', unit: 'g' },
  waterG: { label: 'Water', unit: 'g' },
  sodiumMg: { label: 'Sodium', unit: 'mg' },
  potassiumMg: { label: 'Potassium', unit: 'mg' },
  calciumMg: { label: 'Calcium', unit: 'mg' },
  ironMg: { label: 'Iron', unit: 'mg' },
  magnesiumMg: { label: 'Magnesium', unit: 'mg' },
  phosphorusMg: { label: 'Phosphorus', unit: 'mg' },
  zincMg: { label: 'Zinc', unit: 'mg' },
  vitaminDMcg: { label: 'Vitamin D', unit: 'µg' },
  vitaminB12Mcg: { label: 'Vitamin B12', unit: 'µg' },
  folateMcg: { label: 'Folate (DFE)', unit: 'µg' },
  vitaminCMg: { label: 'Vitamin C', unit: 'mg' },
  vitaminAMcg: { label: 'Vitamin A (RAE)', unit: 'µg' },
  vitaminEMg: { label: 'Vitamin E', unit: 'mg' },
  vitaminKMcg: { label: 'Vitamin K', unit: 'µg' },
  caffeineMg: { label: 'Caffeine', unit: 'mg' },
  alcoholG: { label: 'Alcohol', unit: 'g' },
};

/** Every nutrient key, in the table order above. */
export const NUTRIENT_KEYS = Object.keys(NUTRIENT_INFO) as NutrientKey[];

/** The nutrients a custom-food form asks for first (the rest are optional extras). */
export const MAIN_NUTRIENTS: readonly NutrientKey[] = [
  'energyKcal',
  'proteinG',
  'carbG',
  'fatG',
  'satFatG',
  'sugarG',
  'fibreG',
  'sodiumMg',
];

/** Energy and the macronutrients, for previews and totals. */
export const MACROS: readonly NutrientKey[] = ['energyKcal', 'proteinG', 'carbG', 'fatG'];

export function isNutrientKey(key: string): key is NutrientKey {
  return Object.hasOwn(NUTRIENT_INFO, key);
}

/** Nutrients in `grams` of a food given per 100 g. Unknown stays unknown (absent), never zero. */
export function scaleNutrients(per100g: Nutrients, grams: number): Nutrients {
  const out: Nutrients = {};
  for (const key of NUTRIENT_KEYS) {
    const v = per100g[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = (v * grams) / 100;
  }
  return out;
}

/** Sum of several nutrient sets; a key is present when at least one set has it. */
export function sumNutrients(list: readonly Nutrients[]): Nutrients {
  const out: Nutrients = {};
  for (const n of list) {
    for (const key of NUTRIENT_KEYS) {
      const v = n[key];
      if (typeof v === 'number' && Number.isFinite(v)) out[key] = (out[key] ?? 0) + v;
    }
  }
  return out;
}
