import type { TargetKey } from '../contract/targets.ts';

/** Display names, units and trackability of the target keys (core/contract/targets.ts TARGET_KEYS). */

export const NUTRIENT_LABELS: Readonly<Record<TargetKey, string>> = {
  energyKcal: 'Energy',
  proteinG: 'Protein',
  carbG: 'Carbohydrate',
  fatG: 'Fat',
  satFatG: 'Saturated fat',
  addedSugarG: 'Added sugars',
  fibreG: 'Fibre',
  waterL: 'Water',
  sodiumMg: 'Sodium',
  potassiumMg: 'Potassium',
  calciumMg: 'Calcium',
  ironMg: 'Iron',
  magnesiumMg: 'Magnesium',
  zincMg: 'Zinc',
  vitaminDMcg: 'Vitamin D',
  vitaminB12Mcg: 'Vitamin B12',
  folateMcg: 'Folate (DFE)',
  vitaminCMg: 'Vitamin C',
  vitaminAMcg: 'Vitamin A (RAE)',
  vitaminKMcg: 'Vitamin K',
  iodineMcg: 'Iodine',
  cholineMg: 'Choline',
  alaG: 'Omega-3 ALA',
};

export const NUTRIENT_UNITS: Readonly<Record<TargetKey, string>> = {
  energyKcal: 'kcal',
  proteinG: 'g',
  carbG: 'g',
  fatG: 'g',
  satFatG: 'g',
  addedSugarG: 'g',
  fibreG: 'g',
  waterL: 'L',
  sodiumMg: 'mg',
  potassiumMg: 'mg',
  calciumMg: 'mg',
  ironMg: 'mg',
  magnesiumMg: 'mg',
  zincMg: 'mg',
  vitaminDMcg: 'µg',
  vitaminB12Mcg: 'µg',
  folateMcg: 'µg',
  vitaminCMg: 'mg',
  vitaminAMcg: 'µg',
  vitaminKMcg: 'µg',
  iodineMcg: 'µg',
  cholineMg: 'mg',
  alaG: 'g',
};

/**
 * Targets whose intake the log cannot give, and why (TargetValue.tracked is false for these):
 * - iodine, choline, ALA: the bundled USDA SR28 extract carries no values for them (core/foods/nutrients.ts
 *   lists what it carries), and imported food tables are mapped onto the same nutrient list.
 * Water is tracked: the AI is for total water (IOM 2004), and every food and drink in SR28 has its water
 * content, so the day's water is the sum over what was eaten and drunk (drinks are logged like foods).
 * Vitamin K is tracked: SR28 has it, each diet entry keeps it in events.detail, and the dashboard sums it
 * per day from there (core/features/dashboard.ts).
 */
export const UNTRACKED: Readonly<Partial<Record<TargetKey, string>>> = {
  iodineMcg: 'The food data has no iodine values.',
  cholineMg: 'The food data has no choline values.',
  alaG: 'The food data has no omega-3 ALA values.',
};
