import type {
  ACTIVITY_LEVELS,
  CONDITIONS,
  DIET_PATTERNS,
  ENERGY_EQUATIONS,
  GOALS,
  LIFE_STAGES,
  SEXES,
} from '../contract/common.ts';

/**
 * Plain string-union aliases of the contract's enums. Derived with `typeof` from the schema's
 * `as const` tuples so this module needs no runtime import of zod and cannot drift from the contract.
 */
export type Sex = (typeof SEXES)[number];
export type ActivityLevel = (typeof ACTIVITY_LEVELS)[number];
export type LifeStage = (typeof LIFE_STAGES)[number];
export type EnergyEquation = (typeof ENERGY_EQUATIONS)[number];
export type DietPattern = (typeof DIET_PATTERNS)[number];
export type Goal = (typeof GOALS)[number];
export type Condition = (typeof CONDITIONS)[number];
