import type { Allergen } from './common.ts';

/**
 * Words the core and the renderer both show, as plain data with type-only imports: the one contract
 * module the renderer may import values from (lint enforces both sides), so a label is written once.
 */

/** How an allergen is named in sentences and badges, in the order of ALLERGENS. */
export const ALLERGEN_LABELS: Readonly<Record<Allergen, string>> = {
  milk: 'milk',
  egg: 'egg',
  fish: 'fish',
  shellfish: 'crustacean shellfish',
  'tree-nut': 'tree nuts',
  peanut: 'peanut',
  gluten: 'gluten',
  soy: 'soy',
  sesame: 'sesame',
};
