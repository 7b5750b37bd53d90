import { describe, expect, it } from 'vitest';
import type { Food } from '@contract/foods.ts';
import { emptyCustomFood, formErrorKey, inputFromValues, numberOrNull, valuesFromFood } from './custom-food-values.ts';

const food: Food = {
  id: '01890000-0000-7000-8000-000000000001',
  name: 'Granola (house)',
  foodGroup: 'Cereals',
  brand: null,
  source: 'custom',
  sourceId: null,
  provenance: 'Custom food',
  nutrients: { energyKcal: 450, proteinG: 10, fibreG: 7.5 },
  portions: [{ id: 'p1', amount: 1, unit: 'cup', label: '1 cup', grams: 120 }],
  editable: true,
  allergens: ['milk', 'gluten'],
  allergenBasis: 'practitioner',
  recipe: null,
  updatedAt: 0,
};

describe('custom food form values', () => {
  it('reads numbers from NumberInput values', () => {
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull(undefined)).toBeNull();
    expect(numberOrNull('2.5')).toBe(2.5);
    expect(numberOrNull('abc')).toBeNull();
    expect(numberOrNull(0)).toBe(0);
  });

  it('round-trips a food through the form', () => {
    const values = valuesFromFood(food);
    expect(values.nutrients.fibreG).toBe(7.5);
    expect(inputFromValues(values)).toEqual({
      name: 'Granola (house)',
      foodGroup: 'Cereals',
      brand: null,
      nutrients: { energyKcal: 450, proteinG: 10, fibreG: 7.5 },
      portions: [{ amount: 1, unit: 'cup', grams: 120 }],
      allergens: ['milk', 'gluten'],
    });
  });

  it("sends the allergens once ticked by hand, and leaves a new food's to the core until then", () => {
    const fresh = { ...emptyCustomFood(), name: 'Peanut cookies', nutrients: { energyKcal: 480 } };
    expect('allergens' in inputFromValues(fresh)).toBe(false);
    expect(inputFromValues({ ...fresh, allergens: [], allergensTouched: true }).allergens).toEqual([]);
  });

  it('leaves empty nutrients out (unknown, not zero) and keeps zeros', () => {
    const values = { ...emptyCustomFood(), name: '  Tea ', nutrients: { energyKcal: 0, proteinG: '' } };
    const input = inputFromValues(values);
    expect(input.name).toBe('Tea');
    expect(input.nutrients).toEqual({ energyKcal: 0 });
    expect(input.foodGroup).toBeNull();
  });

  it('defaults a measure amount to 1', () => {
    const values = { ...emptyCustomFood(), measures: [{ key: 1, amount: '', unit: ' slice ', grams: 30 }] };
    expect(inputFromValues(values).portions).toEqual([{ amount: 1, unit: 'slice', grams: 30 }]);
  });

  it('maps server field names to the form', () => {
    expect(formErrorKey('portions.0.grams')).toBe('measures.0.grams');
    expect(formErrorKey('nutrients.energyKcal')).toBe('nutrients.energyKcal');
  });
});
