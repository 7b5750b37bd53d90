import { describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import type { Food } from '../contract/foods.ts';
import { ok, unlockedCore } from '../test-utils/core-harness.ts';

/**
 * The meal-plan setting of custom foods and recipes through the contract: stored with the food, read
 * back, kept by an edit that leaves it out, cleared by null or by no meal type, and checked.
 */

const KEFIR = {
  name: 'Kefir, homemade',
  foodGroup: 'Dairy and Egg Products',
  nutrients: { energyKcal: 60, proteinG: 3.5 },
  portions: [{ amount: 1, unit: 'glass', grams: 200 }],
};
const SNACK = { mealTypes: ['breakfast', 'snack'], main: false, measure: null };

async function refused(core: Core, method: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await core.dispatch(method, input);
  if (r.ok) throw new Error(`${method} was accepted`);
  return { code: r.code, message: r.message };
}

describe('plan-ready custom foods and recipes', () => {
  it('stores the setting, keeps it when an edit leaves it out, and clears it with null or no meal type', async () => {
    const core = await unlockedCore();
    const kefir = await ok<Food>(core, 'foods.createCustom', { ...KEFIR, planUse: SNACK });
    expect(kefir.planUse).toEqual(SNACK);
    expect((await ok<Food>(core, 'foods.get', { id: kefir.id })).planUse).toEqual(SNACK);

    const renamed = await ok<{ food: Food }>(core, 'foods.updateCustom', {
      id: kefir.id,
      food: { ...KEFIR, name: 'Kefir' },
    });
    expect(renamed.food.planUse).toEqual(SNACK);

    const measured = { mealTypes: ['snack'], main: false, measure: { label: '1 small glass', grams: 150 } };
    const changed = await ok<{ food: Food }>(core, 'foods.updateCustom', {
      id: kefir.id,
      food: { ...KEFIR, planUse: measured },
    });
    expect(changed.food.planUse).toEqual(measured);

    const cleared = await ok<{ food: Food }>(core, 'foods.updateCustom', {
      id: kefir.id,
      food: { ...KEFIR, planUse: null },
    });
    expect(cleared.food.planUse).toBeNull();

    const stew = await ok<Food>(core, 'foods.createRecipe', {
      name: 'Lentil stew',
      ingredients: [{ foodId: 'usda:16070', grams: 400 }],
      servings: 2,
      planUse: { mealTypes: ['dinner'], main: true, measure: null },
    });
    const edited = await ok<{ food: Food }>(core, 'foods.updateRecipe', {
      id: stew.id,
      recipe: { name: 'Lentil stew', ingredients: [{ foodId: 'usda:16070', grams: 500 }], servings: 2 },
    });
    expect(edited.food.planUse).toEqual({ mealTypes: ['dinner'], main: true, measure: null });
    const out = await ok<{ food: Food }>(core, 'foods.updateRecipe', {
      id: stew.id,
      recipe: {
        name: 'Lentil stew',
        ingredients: [{ foodId: 'usda:16070', grams: 500 }],
        servings: 2,
        planUse: { mealTypes: [], main: true, measure: null },
      },
    });
    expect(out.food.planUse).toBeNull();
    // Foods of the food database have no plan setting.
    expect((await ok<Food>(core, 'foods.get', { id: 'usda:16070' })).planUse ?? null).toBeNull();
  });

  it('asks for a serving when the food has no household measure, and refuses a setting that does not fit', async () => {
    const core = await unlockedCore();
    const bare = { ...KEFIR, portions: [] };
    const noServing = await refused(core, 'foods.createCustom', { ...bare, planUse: SNACK });
    expect(noServing.code).toBe('invalid-input');
    expect(noServing.message).toMatch(/Kefir, homemade has no household measure: name the serving/);
    // Nothing was stored by the refused create.
    expect((await ok<{ id: string }[]>(core, 'foods.search', { query: 'Kefir homemade' })).length).toBe(0);

    const named = await ok<Food>(core, 'foods.createCustom', {
      ...bare,
      planUse: { ...SNACK, measure: { label: '1 glass', grams: 200 } },
    });
    expect(named.planUse?.measure).toEqual({ label: '1 glass', grams: 200 });

    for (const [planUse, message] of [
      [{ ...SNACK, mealTypes: ['brunch'] }, /Choose breakfast, lunch, dinner or snack/],
      [{ ...SNACK, mealTypes: ['snack', 'snack'] }, /Each meal type once/],
      [{ ...SNACK, measure: { label: '1 glass', grams: 0 } }, /more than 0 g/],
      [{ ...SNACK, measure: { label: ' ', grams: 100 } }, /Name the serving/],
      [{ mealTypes: ['snack'], measure: null }, /main dish/],
    ] as const) {
      const r = await refused(core, 'foods.createCustom', { ...KEFIR, planUse });
      expect(r.code).toBe('invalid-input');
      expect(r.message).toMatch(message);
    }
  });
});
