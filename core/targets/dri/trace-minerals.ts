import { childRows, reproRows, sexRows, type NutrientReference } from './life-stage.ts';

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
