import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { allergenConflicts, allergenGroups, clientAllergens, confirmAllergy, conflictText } from './allergens.ts';

const client = (allergies: string[], conditions: string[] = []) => ({ allergies, conditions });

describe('clientAllergens: what a client avoids, from their record as typed', () => {
  it('maps free text to allergen ids, keeping the words the practitioner typed', () => {
    const { avoided, other } = clientAllergens(client(['Peanut', 'nuts', 'lactose', 'Shellfish', 'kiwi']));
    expect(Object.fromEntries(avoided)).toEqual({
      peanut: ['Peanut', 'nuts'],
      'tree-nut': ['nuts'],
      milk: ['lactose'],
      shellfish: ['Shellfish'],
    });
    expect(other).toEqual(['kiwi']);
  });

  it('counts a coeliac client as avoiding gluten, and lactose intolerance (a condition) as no allergy', () => {
    expect([...clientAllergens(client([], ['coeliac-disease'])).avoided]).toEqual([['gluten', ['coeliac disease']]]);
    expect(clientAllergens(client([], ['lactose-intolerance'])).avoided.size).toBe(0);
    expect(clientAllergens(client(['Wheat'], ['coeliac-disease'])).avoided.get('gluten')).toEqual([
      'Wheat',
      'coeliac disease',
    ]);
  });

  it("uses the app ids and still reads the rule packs' words (tree nut, wheat, milk, soy, gluten)", () => {
    expect([...allergenGroups('tree nut')]).toEqual(['tree-nut']);
    expect([...allergenGroups('tree-nuts')]).toEqual(['tree-nut']);
    expect([...allergenGroups('wheat')]).toEqual(['gluten']);
    expect([...allergenGroups('Soya')]).toEqual(['soy']);
    expect([...allergenGroups('Mussels')]).toEqual(['mussel']);
  });
});

describe('allergenConflicts and confirmAllergy', () => {
  const peanutButter = { name: 'Peanut butter, smooth style, with salt', allergens: ['peanut'] };

  it('names the allergen and the recorded allergy behind it', () => {
    const conflicts = allergenConflicts(peanutButter, client(['Peanut']));
    expect(conflicts).toEqual([{ allergen: 'peanut', label: 'peanut', allergies: ['Peanut'] }]);
    expect(conflictText(conflicts)).toBe('contains peanut (recorded allergy: "Peanut")');
    expect(allergenConflicts(peanutButter, client(['Milk']))).toEqual([]);
  });

  it('matches a recorded allergy without an allergen id by the food name, singular or plural', () => {
    expect(allergenConflicts({ name: 'Mollusks, mussel, blue, raw', allergens: [] }, client(['mussels']))).toEqual([
      { allergen: null, label: 'mussels', allergies: ['mussels'] },
    ]);
    expect(allergenConflicts({ name: 'Kiwifruit, green, raw', allergens: [] }, client(['Kiwis']))).toHaveLength(1);
    expect(allergenConflicts({ name: 'Peanuts, all types, raw', allergens: [] }, client(['pea']))).toEqual([]);
  });

  it('refuses without a reason, keeps a given reason, and honours a confirmation already on the entry', () => {
    const refusal = (() => {
      try {
        confirmAllergy(peanutButter, client(['Peanut']), { given: null, at: 1 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('allergen-conflict');
    expect((refusal as AppError).message).toBe(
      'Peanut butter, smooth style, with salt contains peanut (recorded allergy: "Peanut"). It was not saved. Check with the client; to save it anyway, confirm the allergy warning and give a reason.',
    );
    expect(() => confirmAllergy(peanutButter, client(['Peanut']), { given: { reason: '   ' }, at: 1 })).toThrow(
      AppError,
    );
    expect(
      confirmAllergy(peanutButter, client(['Peanut']), { given: { reason: ' Tolerates small amounts ' }, at: 5 }),
    ).toEqual({
      allergens: ['peanut'],
      reason: 'Tolerates small amounts',
      at: 5,
    });
    expect(confirmAllergy(peanutButter, client([]), { given: null, at: 5 })).toBeNull();
    const carried = { allergens: ['peanut'], reason: 'Allergist cleared it', at: 2 };
    expect(confirmAllergy(peanutButter, client(['Peanut']), { given: null, at: 9, carried })).toBe(carried);
    // A confirmation for another allergen does not cover this one.
    expect(() =>
      confirmAllergy(peanutButter, client(['Peanut']), {
        given: null,
        at: 9,
        carried: { allergens: ['milk'], reason: 'x', at: 2 },
      }),
    ).toThrow(AppError);
  });
});
