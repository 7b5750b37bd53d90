import { describe, expect, it } from 'vitest';
import {
  allergenList,
  confirmedText,
  conflictAllergens,
  containsText,
  recordedText,
  sortAllergens,
  type AllergyConflict,
} from './allergen-text.ts';

const conflict = (items: AllergyConflict['items']): AllergyConflict => ({
  foodId: 'usda:16098',
  foodName: 'Peanut butter',
  items,
  message: '',
});

describe('allergen text', () => {
  it('orders and names allergens as the core does', () => {
    expect(sortAllergens(['gluten', 'milk', 'nonsense', 'milk'])).toEqual(['milk', 'gluten']);
    expect(allergenList(['tree-nut', 'shellfish'])).toBe('crustacean shellfish, tree nuts');
    expect(containsText(['gluten', 'milk'])).toBe('Contains: milk, gluten');
    expect(containsText([])).toBe('No major allergens flagged in its ingredients.');
    expect(confirmedText(['peanut', 'kiwi'])).toBe('peanut, kiwi');
  });

  it('says which allergen and which recorded allergy a conflict is about', () => {
    const c = conflict([
      { allergen: 'tree-nut', label: 'tree nuts', allergies: ['nuts'] },
      { allergen: 'peanut', label: 'peanut', allergies: ['nuts', 'Peanut'] },
    ]);
    expect(conflictAllergens(c)).toBe('tree nuts and peanut');
    expect(recordedText(c)).toBe('Recorded allergies: “nuts”, “Peanut”');
    const byName = conflict([{ allergen: null, label: 'kiwi', allergies: ['kiwi'] }]);
    expect(conflictAllergens(byName)).toBe('“kiwi” (named in the food)');
    expect(recordedText(byName)).toBe('Recorded allergy: “kiwi”');
  });
});
