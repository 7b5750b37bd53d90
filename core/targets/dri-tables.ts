import type { LifeStage, Sex } from './types.ts';

/**
 * Dietary Reference Intakes (DRIs) of the US/Canadian Food and Nutrition Board (IOM, since 2016 NASEM),
 * transcribed from the published reports' summary tables. Every table cites its report; numbers are per
 * day. Infants (< 1 y) are out of scope, so tables start at 1–3 y.
 *
 * Life-stage groups are those of the reports: children 1–3 and 4–8 y (both sexes), then by sex 9–13,
 * 14–18, 19–30, 31–50, 51–70 and > 70 y, plus pregnancy and lactation at ≤ 18, 19–30 and 31–50 y.
 * Ages are completed years, so 18 is in 14–18, 19 in 19–30, 70 in 51–70 and 71 in > 70.
 */

export type ChildGroup = '1-3' | '4-8';
export type SexGroup = '9-13' | '14-18' | '19-30' | '31-50' | '51-70' | '>70';
export type ReproGroup = '14-18' | '19-30' | '31-50';

export interface LifeStageTable {
  children: Record<ChildGroup, number>;
  male: Record<SexGroup, number>;
  female: Record<SexGroup, number>;
  pregnancy: Record<ReproGroup, number>;
  lactation: Record<ReproGroup, number>;
}

/** A resolved row of a LifeStageTable, with a label for `source` strings. */
export type DriGroup =
  | { table: 'children'; group: ChildGroup; label: string }
  | { table: 'male' | 'female'; group: SexGroup; label: string }
  | { table: 'pregnancy' | 'lactation'; group: ReproGroup; label: string };

export interface UpperLimit {
  values: LifeStageTable;
  /**
   * True where the UL covers total intake (food, water and supplements). Magnesium's UL covers only
   * pharmacological agents and supplements (IOM 1997), so it cannot bound food intake.
   */
  fromFood: boolean;
  /** What the UL covers when that is narrower than the nutrient itself (vitamin A, folate). */
  note: string | null;
}

export interface NutrientReference {
  kind: 'rda' | 'ai' | 'cdrr';
  /** Short citation used in `source`, e.g. 'IOM 2011'. */
  report: string;
  values: LifeStageTable;
  ul: UpperLimit | null;
}

// Positional helpers keep each table on a few readable lines. Order is always that of the report.
export function sexRows(
  g9: number,
  g14: number,
  g19: number,
  g31: number,
  g51: number,
  g71: number,
): Record<SexGroup, number> {
  return { '9-13': g9, '14-18': g14, '19-30': g19, '31-50': g31, '51-70': g51, '>70': g71 };
}
export function reproRows(g14: number, g19: number, g31: number): Record<ReproGroup, number> {
  return { '14-18': g14, '19-30': g19, '31-50': g31 };
}
export function childRows(g1: number, g4: number): Record<ChildGroup, number> {
  return { '1-3': g1, '4-8': g4 };
}

const CHILD_LABEL: Record<ChildGroup, string> = { '1-3': '1–3 y', '4-8': '4–8 y' };
const SEX_LABEL: Record<SexGroup, string> = {
  '9-13': '9–13 y',
  '14-18': '14–18 y',
  '19-30': '19–30 y',
  '31-50': '31–50 y',
  '51-70': '51–70 y',
  '>70': '>70 y',
};
const REPRO_LABEL: Record<ReproGroup, string> = { '14-18': '≤18 y', '19-30': '19–30 y', '31-50': '31–50 y' };

/**
 * The DRI row for a person. `lifeStage` must already be the effective one (only females are pregnant or
 * lactating). The reports give pregnancy and lactation rows for 14–50 y only; outside that range the
 * nearest row is used (≤ 18 for younger, 31–50 for older) and the label says so.
 */
export function driGroup(sex: Sex, ageYears: number, lifeStage: LifeStage): DriGroup {
  if (lifeStage === 'pregnant' || lifeStage === 'lactating') {
    const table = lifeStage === 'pregnant' ? 'pregnancy' : 'lactation';
    const group: ReproGroup = ageYears <= 18 ? '14-18' : ageYears <= 30 ? '19-30' : '31-50';
    const outside = ageYears < 14 || ageYears > 50 ? ' (nearest group)' : '';
    return { table, group, label: `${table} ${REPRO_LABEL[group]}${outside}` };
  }
  if (ageYears < 4) return { table: 'children', group: '1-3', label: `children ${CHILD_LABEL['1-3']}` };
  if (ageYears < 9) return { table: 'children', group: '4-8', label: `children ${CHILD_LABEL['4-8']}` };
  const group: SexGroup =
    ageYears <= 13
      ? '9-13'
      : ageYears <= 18
        ? '14-18'
        : ageYears <= 30
          ? '19-30'
          : ageYears <= 50
            ? '31-50'
            : ageYears <= 70
              ? '51-70'
              : '>70';
  return { table: sex, group, label: `${sex} ${SEX_LABEL[group]}` };
}

export function lookup(table: LifeStageTable, g: DriGroup): number {
  switch (g.table) {
    case 'children':
      return table.children[g.group];
    case 'male':
    case 'female':
      return table[g.table][g.group];
    case 'pregnancy':
    case 'lactation':
      return table[g.table][g.group];
  }
}

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
export type NonReproTable = Omit<LifeStageTable, 'pregnancy' | 'lactation'>;

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

/** A row of a table without pregnancy and lactation rows; `g` must come from driGroup(sex, age, 'none'). */
export function lookupNonRepro(table: NonReproTable, g: DriGroup): number {
  switch (g.table) {
    case 'children':
      return table.children[g.group];
    case 'male':
    case 'female':
      return table[g.table][g.group];
    default:
      throw new RangeError(`No ${g.table} row in this table: look up the non-pregnant row instead.`);
  }
}

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

// ---------------------------------------------------------------------------------------------------
// Minerals and vitamins.
// ---------------------------------------------------------------------------------------------------

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

/** Calcium RDA and UL, mg (IOM 2011, Dietary Reference Intakes for Calcium and Vitamin D, Summary tables). */
export const CALCIUM: NutrientReference = {
  kind: 'rda',
  report: 'IOM 2011',
  values: {
    children: childRows(700, 1000),
    male: sexRows(1300, 1300, 1000, 1000, 1000, 1200),
    female: sexRows(1300, 1300, 1000, 1000, 1200, 1200),
    pregnancy: reproRows(1300, 1000, 1000),
    lactation: reproRows(1300, 1000, 1000),
  },
  ul: {
    values: {
      children: childRows(2500, 2500),
      male: sexRows(3000, 3000, 2500, 2500, 2000, 2000),
      female: sexRows(3000, 3000, 2500, 2500, 2000, 2000),
      pregnancy: reproRows(3000, 2500, 2500),
      lactation: reproRows(3000, 2500, 2500),
    },
    fromFood: true,
    note: null,
  },
};

/**
 * Vitamin D RDA and UL, µg (IOM 2011, Summary tables): 15 µg (600 IU) at 1–70 y, 20 µg (800 IU) over 70.
 * ULs 2500 IU at 1–3 y, published as 63 µg; 3000 IU (75 µg) at 4–8 y; 4000 IU (100 µg) from 9 y.
 */
export const VITAMIN_D: NutrientReference = {
  kind: 'rda',
  report: 'IOM 2011',
  values: {
    children: childRows(15, 15),
    male: sexRows(15, 15, 15, 15, 15, 20),
    female: sexRows(15, 15, 15, 15, 15, 20),
    pregnancy: reproRows(15, 15, 15),
    lactation: reproRows(15, 15, 15),
  },
  ul: {
    values: {
      children: childRows(63, 75),
      male: sexRows(100, 100, 100, 100, 100, 100),
      female: sexRows(100, 100, 100, 100, 100, 100),
      pregnancy: reproRows(100, 100, 100),
      lactation: reproRows(100, 100, 100),
    },
    fromFood: true,
    note: null,
  },
};

/**
 * Iron RDA and UL, mg (IOM 2001, Dietary Reference Intakes for Vitamin A, Vitamin K, Arsenic, Boron,
 * Chromium, Copper, Iodine, Iron, Manganese, Molybdenum, Nickel, Silicon, Vanadium, and Zinc, ch. 9).
 * The report sets vegetarians' needs 1.8 × higher (core/targets/adjustments.ts applies it).
 */
export const IRON: NutrientReference = {
  kind: 'rda',
  report: 'IOM 2001',
  values: {
    children: childRows(7, 10),
    male: sexRows(8, 11, 8, 8, 8, 8),
    female: sexRows(8, 15, 18, 18, 8, 8),
    pregnancy: reproRows(27, 27, 27),
    lactation: reproRows(10, 9, 9),
  },
  ul: {
    values: {
      children: childRows(40, 40),
      male: sexRows(40, 45, 45, 45, 45, 45),
      female: sexRows(40, 45, 45, 45, 45, 45),
      pregnancy: reproRows(45, 45, 45),
      lactation: reproRows(45, 45, 45),
    },
    fromFood: true,
    note: null,
  },
};

/**
 * Zinc RDA and UL, mg (IOM 2001, ch. 12). The report puts vegetarians' needs up to 50 % higher
 * (core/targets/adjustments.ts applies × 1.5).
 */
export const ZINC: NutrientReference = {
  kind: 'rda',
  report: 'IOM 2001',
  values: {
    children: childRows(3, 5),
    male: sexRows(8, 11, 11, 11, 11, 11),
    female: sexRows(8, 9, 8, 8, 8, 8),
    pregnancy: reproRows(12, 11, 11),
    lactation: reproRows(13, 12, 12),
  },
  ul: {
    values: {
      children: childRows(7, 12),
      male: sexRows(23, 34, 40, 40, 40, 40),
      female: sexRows(23, 34, 40, 40, 40, 40),
      pregnancy: reproRows(34, 40, 40),
      lactation: reproRows(34, 40, 40),
    },
    fromFood: true,
    note: null,
  },
};

/**
 * Vitamin A RDA, µg retinol activity equivalents, and UL (IOM 2001, ch. 4). The UL is for preformed
 * vitamin A (retinol) only; carotenoids do not count towards it.
 */
export const VITAMIN_A: NutrientReference = {
  kind: 'rda',
  report: 'IOM 2001',
  values: {
    children: childRows(300, 400),
    male: sexRows(600, 900, 900, 900, 900, 900),
    female: sexRows(600, 700, 700, 700, 700, 700),
    pregnancy: reproRows(750, 770, 770),
    lactation: reproRows(1200, 1300, 1300),
  },
  ul: {
    values: {
      children: childRows(600, 900),
      male: sexRows(1700, 2800, 3000, 3000, 3000, 3000),
      female: sexRows(1700, 2800, 3000, 3000, 3000, 3000),
      pregnancy: reproRows(2800, 3000, 3000),
      lactation: reproRows(2800, 3000, 3000),
    },
    fromFood: true,
    note: 'UL applies to preformed vitamin A',
  },
};

/**
 * Magnesium RDA, mg (IOM 1997, Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D,
 * and Fluoride, ch. 6). Its UL (65 mg at 1–3 y, 110 at 4–8, 350 from 9 y) applies to supplements and
 * medicines only, not to food, so it is kept for reference but never used as a food-intake maximum.
 */
export const MAGNESIUM: NutrientReference = {
  kind: 'rda',
  report: 'IOM 1997',
  values: {
    children: childRows(80, 130),
    male: sexRows(240, 410, 400, 420, 420, 420),
    female: sexRows(240, 360, 310, 320, 320, 320),
    pregnancy: reproRows(400, 350, 360),
    lactation: reproRows(360, 310, 320),
  },
  ul: {
    values: {
      children: childRows(65, 110),
      male: sexRows(350, 350, 350, 350, 350, 350),
      female: sexRows(350, 350, 350, 350, 350, 350),
      pregnancy: reproRows(350, 350, 350),
      lactation: reproRows(350, 350, 350),
    },
    fromFood: false,
    note: 'UL applies to supplements only',
  },
};

/**
 * Vitamin B12 RDA, µg (IOM 1998, Dietary Reference Intakes for Thiamin, Riboflavin, Niacin, Vitamin B6,
 * Folate, Vitamin B12, Pantothenic Acid, Biotin, and Choline, ch. 9). No UL was set.
 */
export const VITAMIN_B12: NutrientReference = {
  kind: 'rda',
  report: 'IOM 1998',
  values: {
    children: childRows(0.9, 1.2),
    male: sexRows(1.8, 2.4, 2.4, 2.4, 2.4, 2.4),
    female: sexRows(1.8, 2.4, 2.4, 2.4, 2.4, 2.4),
    pregnancy: reproRows(2.6, 2.6, 2.6),
    lactation: reproRows(2.8, 2.8, 2.8),
  },
  ul: null,
};

/**
 * Folate RDA, µg dietary folate equivalents, and UL (IOM 1998, ch. 8). The UL is for synthetic folic
 * acid from fortified food and supplements only, not for food folate.
 */
export const FOLATE: NutrientReference = {
  kind: 'rda',
  report: 'IOM 1998',
  values: {
    children: childRows(150, 200),
    male: sexRows(300, 400, 400, 400, 400, 400),
    female: sexRows(300, 400, 400, 400, 400, 400),
    pregnancy: reproRows(600, 600, 600),
    lactation: reproRows(500, 500, 500),
  },
  ul: {
    values: {
      children: childRows(300, 400),
      male: sexRows(600, 800, 1000, 1000, 1000, 1000),
      female: sexRows(600, 800, 1000, 1000, 1000, 1000),
      pregnancy: reproRows(800, 1000, 1000),
      lactation: reproRows(800, 1000, 1000),
    },
    fromFood: true,
    note: 'UL applies to folic acid',
  },
};

/**
 * Vitamin C RDA and UL, mg (IOM 2000, Dietary Reference Intakes for Vitamin C, Vitamin E, Selenium, and
 * Carotenoids, ch. 5). Smokers need 35 mg more; not modelled (the profile does not record smoking).
 */
export const VITAMIN_C: NutrientReference = {
  kind: 'rda',
  report: 'IOM 2000',
  values: {
    children: childRows(15, 25),
    male: sexRows(45, 75, 90, 90, 90, 90),
    female: sexRows(45, 65, 75, 75, 75, 75),
    pregnancy: reproRows(80, 85, 85),
    lactation: reproRows(115, 120, 120),
  },
  ul: {
    values: {
      children: childRows(400, 650),
      male: sexRows(1200, 1800, 2000, 2000, 2000, 2000),
      female: sexRows(1200, 1800, 2000, 2000, 2000, 2000),
      pregnancy: reproRows(1800, 2000, 2000),
      lactation: reproRows(1800, 2000, 2000),
    },
    fromFood: true,
    note: null,
  },
};
