/**
 * The nutrients the app stores per food (per 100 g edible portion) and per logged entry. Keys match
 * the target keys where a target exists (core/contract/targets.ts TARGET_KEYS). `sr28` names the column
 * of USDA SR28's ABBREV.txt each value comes from (USDA ARS, National Nutrient Database for Standard
 * Reference, Release 28, 2016, "ABBREV" file documentation, sr28_doc.pdf p. 37).
 *
 * Added sugars are not in SR28 (only total sugars), so the added-sugar target cannot be tracked from
 * the bundled data; imported or custom foods may still carry it.
 *
 * Caffeine and alcohol (ethyl) are not in ABBREV.txt either: the bundled table takes them from USDA SR24
 * (SR nutrient numbers 262 "Caffeine", mg, and 221 "Alcohol, ethyl", g), whose per-food files carry
 * them; see `SR24_NUTRIENTS` in scripts/build-foods.ts. They have no target (no DRI exists for either),
 * and like vitamin K they have no events column: each entry keeps them in events.detail.
 */
export const NUTRIENTS = [
  { key: 'energyKcal', label: 'Energy', unit: 'kcal', sr28: 'Energ_Kcal', column: 'energy_kcal' },
  { key: 'proteinG', label: 'Protein', unit: 'g', sr28: 'Protein_(g)', column: 'protein_g' },
  { key: 'carbG', label: 'Carbohydrate', unit: 'g', sr28: 'Carbohydrt_(g)', column: 'carb_g' },
  { key: 'fatG', label: 'Fat', unit: 'g', sr28: 'Lipid_Tot_(g)', column: 'fat_g' },
  { key: 'satFatG', label: 'Saturated fat', unit: 'g', sr28: 'FA_Sat_(g)', column: 'sat_fat_g' },
  { key: 'monoFatG', label: 'Monounsaturated fat', unit: 'g', sr28: 'FA_Mono_(g)', column: null },
  { key: 'polyFatG', label: 'Polyunsaturated fat', unit: 'g', sr28: 'FA_Poly_(g)', column: null },
  { key: 'cholesterolMg', label: 'Cholesterol', unit: 'mg', sr28: 'Cholestrl_(mg)', column: null },
  { key: 'sugarG', label: 'Sugars', unit: 'g', sr28: 'Sugar_Tot_(g)', column: 'sugar_g' },
  { key: 'addedSugarG', label: 'Added sugars', unit: 'g', sr28: null, column: 'added_sugar_g' },
  { key: 'fibreG', label: 'Fibre', unit: 'g', sr28: 'Fiber_TD_(g)', column: 'fibre_g' },
  { key: 'waterG', label: 'Water', unit: 'g', sr28: 'Water_(g)', column: 'water_g' },
  { key: 'sodiumMg', label: 'Sodium', unit: 'mg', sr28: 'Sodium_(mg)', column: 'sodium_mg' },
  { key: 'potassiumMg', label: 'Potassium', unit: 'mg', sr28: 'Potassium_(mg)', column: 'potassium_mg' },
  { key: 'calciumMg', label: 'Calcium', unit: 'mg', sr28: 'Calcium_(mg)', column: 'calcium_mg' },
  { key: 'ironMg', label: 'Iron', unit: 'mg', sr28: 'Iron_(mg)', column: 'iron_mg' },
  { key: 'magnesiumMg', label: 'Magnesium', unit: 'mg', sr28: 'Magnesium_(mg)', column: 'magnesium_mg' },
  { key: 'phosphorusMg', label: 'Phosphorus', unit: 'mg', sr28: 'Phosphorus_(mg)', column: null },
  { key: 'zincMg', label: 'Zinc', unit: 'mg', sr28: 'Zinc_(mg)', column: 'zinc_mg' },
  { key: 'vitaminDMcg', label: 'Vitamin D', unit: 'µg', sr28: 'Vit_D_mcg', column: 'vitamin_d_mcg' },
  { key: 'vitaminB12Mcg', label: 'Vitamin B12', unit: 'µg', sr28: 'Vit_B12_(µg)', column: 'vitamin_b12_mcg' },
  { key: 'folateMcg', label: 'Folate (DFE)', unit: 'µg', sr28: 'Folate_DFE_(µg)', column: 'folate_mcg' },
  { key: 'vitaminCMg', label: 'Vitamin C', unit: 'mg', sr28: 'Vit_C_(mg)', column: 'vitamin_c_mg' },
  { key: 'vitaminAMcg', label: 'Vitamin A (RAE)', unit: 'µg', sr28: 'Vit_A_RAE', column: 'vitamin_a_mcg' },
  { key: 'vitaminEMg', label: 'Vitamin E', unit: 'mg', sr28: 'Vit_E_(mg)', column: null },
  { key: 'vitaminKMcg', label: 'Vitamin K', unit: 'µg', sr28: 'Vit_K_(µg)', column: null },
  { key: 'caffeineMg', label: 'Caffeine', unit: 'mg', sr28: null, column: null },
  { key: 'alcoholG', label: 'Alcohol', unit: 'g', sr28: null, column: null },
] as const;

export type NutrientKey = (typeof NUTRIENTS)[number]['key'];
export const NUTRIENT_KEYS = NUTRIENTS.map((n) => n.key) as [NutrientKey, ...NutrientKey[]];
/** Nutrients with a typed column on events (summed in SQL for daily totals). */
export const TRACKED = NUTRIENTS.filter(
  (n): n is Extract<(typeof NUTRIENTS)[number], { column: string }> => n.column !== null,
);
export type NutrientValues = Partial<Record<NutrientKey, number>>;

/** Nutrients in `grams` of a food given per 100 g. Unknown stays unknown (absent), never zero. */
export function scaleNutrients(per100g: NutrientValues, grams: number): NutrientValues {
  const out: NutrientValues = {};
  for (const [k, v] of Object.entries(per100g) as [NutrientKey, number][]) {
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = (v * grams) / 100;
  }
  return out;
}
