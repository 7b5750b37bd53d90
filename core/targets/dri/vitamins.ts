import { childRows, reproRows, sexRows, type NutrientReference } from './life-stage.ts';

/**
 * Vitamin A RDA, µg retinol activity equivalents, and UL (IOM 2001, Dietary Reference Intakes for
 * Vitamin A, Vitamin K, Arsenic, Boron, Chromium, Copper, Iodine, Iron, Manganese, Molybdenum, Nickel,
 * Silicon, Vanadium, and Zinc, ch. 4). The UL is for preformed
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
