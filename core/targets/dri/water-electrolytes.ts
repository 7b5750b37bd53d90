import { childRows, reproRows, sexRows, type LifeStageTable, type NutrientReference } from './life-stage.ts';

// ---------------------------------------------------------------------------------------------------
// Water: IOM (2004/2005) Dietary Reference Intakes for Water, Potassium, Sodium, Chloride, and Sulfate.
// Total water (drinks plus food moisture) AI, L/day.
// ---------------------------------------------------------------------------------------------------
export const WATER_AI_L: LifeStageTable = {
  children: childRows(1.3, 1.7),
  male: sexRows(2.4, 3.3, 3.7, 3.7, 3.7, 3.7),
  female: sexRows(2.1, 2.3, 2.7, 2.7, 2.7, 2.7),
  pregnancy: reproRows(3.0, 3.0, 3.0),
  lactation: reproRows(3.8, 3.8, 3.8),
};

/**
 * Sodium Chronic Disease Risk Reduction Intake (NASEM 2019, Dietary Reference Intakes for Sodium and
 * Potassium, Summary): reduce intake if above 1200 mg at 1–3 y, 1500 at 4–8, 1800 at 9–13, 2300 from
 * 14 y including pregnancy and lactation. (The sodium AI is 800/1000/1200/1500 mg; not used as a target.)
 */
export const SODIUM: NutrientReference = {
  kind: 'cdrr',
  report: 'NASEM 2019',
  values: {
    children: childRows(1200, 1500),
    male: sexRows(1800, 2300, 2300, 2300, 2300, 2300),
    female: sexRows(1800, 2300, 2300, 2300, 2300, 2300),
    pregnancy: reproRows(2300, 2300, 2300),
    lactation: reproRows(2300, 2300, 2300),
  },
  ul: null,
};

/** Potassium AI (NASEM 2019, Summary Table S-1). No UL was set. */
export const POTASSIUM: NutrientReference = {
  kind: 'ai',
  report: 'NASEM 2019',
  values: {
    children: childRows(2000, 2300),
    male: sexRows(2500, 3000, 3400, 3400, 3400, 3400),
    female: sexRows(2300, 2300, 2600, 2600, 2600, 2600),
    pregnancy: reproRows(2600, 2900, 2900),
    lactation: reproRows(2500, 2800, 2800),
  },
  ul: null,
};
