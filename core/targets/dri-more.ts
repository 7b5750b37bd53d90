import { childRows, reproRows, sexRows, type NutrientReference } from './dri-tables.ts';

/**
 * Iodine, choline, vitamin K and alpha-linolenic acid (omega-3 ALA): the DRIs added for issue 13, in
 * the same form as dri-tables.ts (same life-stage groups; per day). Of these only vitamin K has values
 * in the bundled food data (USDA SR28), so the others are shown as "not tracked" (compute.ts).
 *
 * DHA has no DRI: the IOM (2005, ch. 8) set AIs for ALA and linoleic acid only. EFSA (2010, Scientific
 * Opinion on Dietary Reference Values for fats, EFSA Journal 8(3):1461) advises 100–200 mg DHA a day on
 * top of the adult 250 mg EPA + DHA in pregnancy and lactation. It is not a target here, because the
 * food data has no DHA values and the US/Canadian DRIs the other targets come from set none; it is shown
 * as a note on the ALA target of pregnant and lactating clients instead (adjustments.ts).
 */

/**
 * Iodine RDA and UL, µg (IOM 2001, Dietary Reference Intakes for Vitamin A, Vitamin K, Arsenic, Boron,
 * Chromium, Copper, Iodine, Iron, Manganese, Molybdenum, Nickel, Silicon, Vanadium, and Zinc, ch. 8):
 * 90 µg at 1–8 y, 120 at 9–13, 150 from 14 y; 220 in pregnancy and 290 in lactation. UL 200 µg at 1–3 y,
 * 300 at 4–8, 600 at 9–13, 900 at 14–18 (pregnancy and lactation ≤ 18 y too), 1,100 from 19 y.
 */
export const IODINE: NutrientReference = {
  kind: 'rda',
  report: 'IOM 2001',
  values: {
    children: childRows(90, 90),
    male: sexRows(120, 150, 150, 150, 150, 150),
    female: sexRows(120, 150, 150, 150, 150, 150),
    pregnancy: reproRows(220, 220, 220),
    lactation: reproRows(290, 290, 290),
  },
  ul: {
    values: {
      children: childRows(200, 300),
      male: sexRows(600, 900, 1100, 1100, 1100, 1100),
      female: sexRows(600, 900, 1100, 1100, 1100, 1100),
      pregnancy: reproRows(900, 1100, 1100),
      lactation: reproRows(900, 1100, 1100),
    },
    fromFood: true,
    note: null,
  },
};

/**
 * Choline AI and UL, mg (IOM 1998, Dietary Reference Intakes for Thiamin, Riboflavin, Niacin, Vitamin
 * B6, Folate, Vitamin B12, Pantothenic Acid, Biotin, and Choline, ch. 12): 200 mg at 1–3 y, 250 at 4–8,
 * 375 at 9–13; 14–18 y 550 (boys) and 400 (girls); adults 550 (men) and 425 (women); 450 in pregnancy
 * and 550 in lactation. UL 1.0 g at 1–8 y, 2.0 g at 9–13, 3.0 g at 14–18 (pregnancy and lactation
 * ≤ 18 y too), 3.5 g from 19 y.
 */
export const CHOLINE: NutrientReference = {
  kind: 'ai',
  report: 'IOM 1998',
  values: {
    children: childRows(200, 250),
    male: sexRows(375, 550, 550, 550, 550, 550),
    female: sexRows(375, 400, 425, 425, 425, 425),
    pregnancy: reproRows(450, 450, 450),
    lactation: reproRows(550, 550, 550),
  },
  ul: {
    values: {
      children: childRows(1000, 1000),
      male: sexRows(2000, 3000, 3500, 3500, 3500, 3500),
      female: sexRows(2000, 3000, 3500, 3500, 3500, 3500),
      pregnancy: reproRows(3000, 3500, 3500),
      lactation: reproRows(3000, 3500, 3500),
    },
    fromFood: true,
    note: null,
  },
};

/**
 * Vitamin K AI, µg (IOM 2001, ch. 5): 30 µg at 1–3 y, 55 at 4–8, 60 at 9–13, 75 at 14–18; adults 120
 * (men) and 90 (women); pregnancy and lactation 75 (≤ 18 y) and 90 (19–50 y). No UL was set (no adverse
 * effect from food or supplements was found).
 */
export const VITAMIN_K: NutrientReference = {
  kind: 'ai',
  report: 'IOM 2001',
  values: {
    children: childRows(30, 55),
    male: sexRows(60, 75, 120, 120, 120, 120),
    female: sexRows(60, 75, 90, 90, 90, 90),
    pregnancy: reproRows(75, 90, 90),
    lactation: reproRows(75, 90, 90),
  },
  ul: null,
};

/**
 * Alpha-linolenic acid (omega-3 ALA) AI, g (IOM 2005, Dietary Reference Intakes for Energy,
 * Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol, Protein, and Amino Acids, ch. 8): 0.7 g at 1–3 y,
 * 0.9 at 4–8; 9–13 y 1.2 (boys) and 1.0 (girls); from 14 y 1.6 (males) and 1.1 (females); 1.4 in
 * pregnancy and 1.3 in lactation. No UL was set.
 */
export const ALA: NutrientReference = {
  kind: 'ai',
  report: 'IOM 2005',
  values: {
    children: childRows(0.7, 0.9),
    male: sexRows(1.2, 1.6, 1.6, 1.6, 1.6, 1.6),
    female: sexRows(1.0, 1.1, 1.1, 1.1, 1.1, 1.1),
    pregnancy: reproRows(1.4, 1.4, 1.4),
    lactation: reproRows(1.3, 1.3, 1.3),
  },
  ul: null,
};
