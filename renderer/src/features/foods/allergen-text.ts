import type { AllergyCheck } from '@contract/foods.ts';
import { ALLERGEN_LABELS, type Allergen } from '../../lib/labels.ts';

const ORDER = Object.keys(ALLERGEN_LABELS) as Allergen[];

/** Allergen ids in the app's order, once each. */
export function sortAllergens(list: Iterable<string>): Allergen[] {
  const set = new Set(list);
  return ORDER.filter((a) => set.has(a));
}

/** "milk, gluten" */
export function allergenList(allergens: readonly string[]): string {
  return sortAllergens(allergens)
    .map((a) => ALLERGEN_LABELS[a])
    .join(', ');
}

/** "peanut" for ids, the word itself for a recorded allergy matched by name ("kiwi"). */
export function confirmedText(allergens: readonly string[]): string {
  return allergens.map((a) => (a in ALLERGEN_LABELS ? ALLERGEN_LABELS[a as Allergen] : a)).join(', ');
}

/** A recipe's flags while it is typed: the union of its ingredients' ("Contains: milk, gluten"). */
export function containsText(allergens: readonly string[]): string {
  const list = allergenList(allergens);
  return list === '' ? 'No major allergens flagged in its ingredients.' : `Contains: ${list}`;
}

/** Where a food's flags come from, said so that nobody reads them as a guarantee. */
export const ALLERGEN_BASIS_TEXT = {
  derived:
    'Derived from the food’s name and group by a reviewed keyword table: a safety net, not a guarantee. Check the label or recipe.',
  /** A packaged (branded) food: its printed ingredient list is read too. */
  derivedWithIngredients:
    'Derived from the food’s name, group and printed ingredients by a reviewed keyword table: a safety net, not a guarantee. Check the label.',
  practitioner: 'As set by the practitioner for this custom food.',
  ingredients: 'All the allergens of its ingredients.',
} as const;

export type AllergyConflict = AllergyCheck['conflicts'][number];

/** "Recorded allergy: “Peanut”" / "Recorded allergies: “nuts”, “coeliac disease”" for one conflict. */
export function recordedText(conflict: AllergyConflict): string {
  const said = [...new Set(conflict.items.flatMap((i) => i.allergies))];
  return `${said.length === 1 ? 'Recorded allergy' : 'Recorded allergies'}: ${said.map((s) => `“${s}”`).join(', ')}`;
}

/** "peanut" / "tree nuts and peanut" / "“kiwi” (named in the food)" */
export function conflictAllergens(conflict: AllergyConflict): string {
  const parts = conflict.items.map((i) => (i.allergen === null ? `“${i.label}” (named in the food)` : i.label));
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}
