import { childRows, sexRows, type NonReproTable } from './life-stage.ts';

// ---------------------------------------------------------------------------------------------------
// Macronutrients: IOM (2002/2005) Dietary Reference Intakes for Energy, Carbohydrate, Fiber, Fat, Fatty
// Acids, Cholesterol, Protein, and Amino Acids. National Academies Press.
// ---------------------------------------------------------------------------------------------------

/**
 * Protein RDA in g per kg body weight per day (IOM 2005, ch. 10 Protein and Amino Acids: 1.05 g/kg at
 * 1–3 y, 0.95 at 4–13 y, 0.85 at 14–18 y, 0.80 for adults). Pregnancy and lactation are not rows here:
 * the report gives them both as g/kg of pre-pregnancy weight (1.1 and 1.3 g/kg) and as the non-pregnant
 * RDA plus 25 g/day; the app holds only current weight, which rises in pregnancy, so it uses the
 * additive form (PROTEIN_EXTRA_G_PREGNANCY_LACTATION) on the non-pregnant row of the same age.
 */
export const PROTEIN_RDA_G_PER_KG: NonReproTable = {
  children: childRows(1.05, 0.95),
  male: sexRows(0.95, 0.85, 0.8, 0.8, 0.8, 0.8),
  female: sexRows(0.95, 0.85, 0.8, 0.8, 0.8, 0.8),
};

/**
 * Extra protein in the 2nd and 3rd trimesters and in lactation: RDA + 25 g/day (IOM 2005, ch. 10; EAR
 * + 21 g/day for pregnancy). The report adds protein only for the second half of pregnancy, so the 1st
 * trimester gets none.
 */
export const PROTEIN_EXTRA_G_PREGNANCY_LACTATION = 25;

export interface Amdr {
  /** Fractions of energy. */
  protein: readonly [number, number];
  carbohydrate: readonly [number, number];
  fat: readonly [number, number];
}

/**
 * Acceptable Macronutrient Distribution Ranges (IOM 2005, ch. 11 Macronutrients and Healthful Diets): protein 5–20 % at 1–3 y,
 * 10–30 % at 4–18 y, 10–35 % for adults; carbohydrate 45–65 % at all ages; fat 30–40 % at 1–3 y,
 * 25–35 % at 4–18 y, 20–35 % for adults.
 */
export function amdrFor(ageYears: number): Amdr {
  if (ageYears < 4) return { protein: [0.05, 0.2], carbohydrate: [0.45, 0.65], fat: [0.3, 0.4] };
  if (ageYears < 19) return { protein: [0.1, 0.3], carbohydrate: [0.45, 0.65], fat: [0.25, 0.35] };
  return { protein: [0.1, 0.35], carbohydrate: [0.45, 0.65], fat: [0.2, 0.35] };
}

/** Total fibre AI: 14 g per 1000 kcal (IOM 2005, ch. 7), applied here to the energy target. */
export const FIBRE_G_PER_1000_KCAL = 14;

/** Atwater energy factors, kcal per g. */
export const KCAL_PER_G = { protein: 4, carbohydrate: 4, fat: 9 } as const;

/**
 * Saturated fat and added sugars: each < 10 % of energy from age 2; no added sugars before age 2
 * (Dietary Guidelines for Americans 2020–2025, USDA/HHS, Key Recommendations).
 */
export const DGA_SAT_FAT_MAX_FRACTION = 0.1;
export const DGA_ADDED_SUGAR_MAX_FRACTION = 0.1;
export const DGA_LIMITS_FROM_AGE = 2;
