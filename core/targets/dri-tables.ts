/**
 * Dietary Reference Intakes by nutrient family (./dri/): the life-stage groups and lookups, the
 * macronutrients, water and electrolytes, bone minerals, trace minerals and vitamins. Each table cites
 * the report it was transcribed from.
 */
export * from './dri/life-stage.ts';
export * from './dri/macronutrients.ts';
export * from './dri/water-electrolytes.ts';
export * from './dri/bone.ts';
export * from './dri/trace-minerals.ts';
export * from './dri/vitamins.ts';
