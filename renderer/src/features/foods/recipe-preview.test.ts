import { describe, expect, it } from 'vitest';
import type { Food, FoodHit } from '@contract/foods.ts';
import { recipeInputFromValues, recipePreview, recipeValuesFromFood, type RecipeValues } from './recipe-preview.ts';

const OATS = '01890000-0000-7000-8000-00000000000a';
const MILK = '01890000-0000-7000-8000-00000000000b';

function food(id: string, name: string, nutrients: Food['nutrients']): Food {
  return {
    id,
    name,
    foodGroup: null,
    brand: null,
    source: 'custom',
    sourceId: null,
    provenance: '',
    nutrients,
    portions: [],
    editable: true,
    allergens: [],
    allergenBasis: 'practitioner',
    recipe: null,
    updatedAt: 0,
  };
}
const hit = (id: string, name: string): FoodHit => ({
  id,
  name,
  foodGroup: null,
  source: 'custom',
  energyKcalPer100g: null,
  recent: false,
  allergens: [],
});

const foods = new Map<string, Food>([
  [OATS, food(OATS, 'Oats', { energyKcal: 380, proteinG: 13 })],
  [MILK, food(MILK, 'Milk', { energyKcal: 60, proteinG: 3.2, fatG: 3.5 })],
]);

const porridge: RecipeValues = {
  name: 'Porridge',
  servings: 2,
  cookedWeightG: '',
  ingredients: [
    { key: 1, hit: hit(OATS, 'Oats'), grams: 100 },
    { key: 2, hit: hit(MILK, 'Milk'), grams: 300 },
  ],
};

describe('recipe preview', () => {
  it('sums ingredients, per serving and per 100 g of the raw total', () => {
    const p = recipePreview(porridge, foods);
    expect(p?.totalGrams).toBe(400);
    expect(p?.servingGrams).toBe(200);
    expect(p?.perServing.energyKcal).toBeCloseTo((380 + 180) / 2);
    expect(p?.per100g.energyKcal).toBeCloseTo(560 / 4);
    expect(p?.perServing.fatG).toBeCloseTo(10.5 / 2);
    expect(p?.incomplete).toBe(0);
  });

  it('uses the cooked weight for per-100 g values only', () => {
    const p = recipePreview({ ...porridge, cookedWeightG: 350 }, foods);
    expect(p?.per100g.energyKcal).toBeCloseTo(160);
    expect(p?.perServing.energyKcal).toBeCloseTo(280);
    expect(p?.servingGrams).toBe(175);
  });

  it('skips incomplete rows and returns null with nothing to show', () => {
    const partial = { ...porridge, ingredients: [...porridge.ingredients, { key: 3, hit: null, grams: 10 }] };
    expect(recipePreview(partial, foods)?.incomplete).toBe(1);
    expect(recipePreview({ ...porridge, ingredients: [{ key: 1, hit: null, grams: '' }] }, foods)).toBeNull();
    expect(recipePreview(porridge, new Map())).toBeNull();
  });

  it('builds the contract input and reads a stored recipe back', () => {
    expect(recipeInputFromValues({ ...porridge, name: ' Porridge ' })).toEqual({
      name: 'Porridge',
      servings: 2,
      finalWeightG: null,
      ingredients: [
        { foodId: OATS, grams: 100 },
        { foodId: MILK, grams: 300 },
      ],
    });
    const stored = {
      ...food(OATS, 'Porridge', {}),
      recipe: {
        ingredients: [{ foodId: OATS, name: 'Oats', grams: 100 }],
        servings: 2,
        totalGrams: 250,
        perServing: {},
      },
    };
    const values = recipeValuesFromFood(stored);
    expect(values.cookedWeightG).toBe(250);
    expect(values.ingredients[0]?.hit?.name).toBe('Oats');
  });
});
