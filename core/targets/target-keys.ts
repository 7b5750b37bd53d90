// A module of its own, with no imports, so code that needs only the key list (the rule worker's
// variable table) does not load the contract's schemas (zod and every namespace, about 0.4 s of a
// worker's start).

/** Nutrient keys for targets. Units are fixed per key (see NUTRIENT_UNITS in core/targets). */
export const TARGET_KEYS = [
  'energyKcal',
  'proteinG',
  'carbG',
  'fatG',
  'satFatG',
  'addedSugarG',
  'fibreG',
  'waterL',
  'sodiumMg',
  'potassiumMg',
  'calciumMg',
  'ironMg',
  'magnesiumMg',
  'zincMg',
  'vitaminDMcg',
  'vitaminB12Mcg',
  'folateMcg',
  'vitaminCMg',
  'vitaminAMcg',
  'vitaminKMcg',
  'iodineMcg',
  'cholineMg',
  'alaG',
] as const;
