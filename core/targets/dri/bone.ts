import { childRows, reproRows, sexRows, type NutrientReference } from './life-stage.ts';

// Bone minerals and vitamin D: calcium and vitamin D (IOM 2011) and magnesium (IOM 1997).

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
