import { describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import type { Food } from '../contract/foods.ts';
import type { Plan, PoolFood } from '../contract/plans.ts';
import { addClient } from '../test-utils/clients.ts';
import { ok, unlockedCore } from '../test-utils/core-harness.ts';
import { servicesOf } from '../test-utils/services.ts';
import { loadCuratedPool } from './generator/pool.ts';

/**
 * The practitioner's own foods in generated plans, through the contract with the real generator in its
 * worker. A dinner slot must hold one main dish (when one is eligible) and a main may not be eaten two
 * days running, so with the curated dinner mains excluded the practitioner's mains are the only ones
 * the generator can use: a food that should never be used would be used on one of two days.
 */

type Result = { plan: Plan; inRange: number; cancelled: boolean };

/** Every curated food that may be a dinner's main dish, read from the pool file. */
const curatedDinnerMains = (): string[] =>
  loadCuratedPool()
    .filter((f) => f.main && f.mealTypes.includes('dinner'))
    .map((f) => f.foodId);

const DINNER_MAIN = { mealTypes: ['dinner'], main: true, measure: null };

/** Rice with broccoli and olive oil (4 servings): vegan, no major allergen. */
function riceBowl(core: Core, planUse: unknown = DINNER_MAIN): Promise<Food> {
  return ok<Food>(core, 'foods.createRecipe', {
    name: 'Broccoli rice bowl',
    ingredients: [
      { foodId: 'usda:20045', grams: 600 },
      { foodId: 'usda:11090', grams: 400 },
      { foodId: 'usda:04053', grams: 30 },
    ],
    servings: 4,
    planUse,
  });
}

async function planFor(core: Core, clientId: string, days: number): Promise<Plan> {
  return ok<Plan>(core, 'plans.create', {
    clientId,
    name: 'With my recipes',
    startDate: '2026-12-07',
    days,
    excludedFoodIds: curatedDinnerMains(),
  });
}

const dinnersOf = (plan: Plan) =>
  plan.entries.filter((e) => plan.slots.find((s) => s.key === e.slot)?.mealType === 'dinner');

describe('practitioner foods in generated plans', () => {
  it('uses a plan-ready dinner recipe as the main dish, with its serving label, and lists it in the pool', async () => {
    const core = await unlockedCore();
    const client = await addClient(core, { name: 'Rita Recipe' });
    const bowl = await riceBowl(core);
    expect(bowl.planUse).toEqual(DINNER_MAIN);
    const plan = await planFor(core, client.id, 1);

    const r = await ok<Result>(core, 'plans.generate', { planId: plan.id, jobId: 'job-recipe' });
    const stored = await ok<Plan>(core, 'plans.get', { planId: plan.id });
    const used = dinnersOf(stored).filter((e) => e.food.id === bowl.id);
    expect(used).toHaveLength(1);
    // The recipe's one serving is 1030 g / 4 = 257.5 g; the label names it with its weight.
    expect(used[0]?.food.amountLabel).toMatch(/serving \(\d+(\.\d)? g\)$/);
    expect(r.plan.entries.map((e) => e.id).sort()).toEqual(stored.entries.map((e) => e.id).sort());

    const pool = await ok<PoolFood[]>(core, 'plans.pool', {});
    expect(pool.find((f) => f.foodId === bowl.id)).toMatchObject({
      origin: 'practitioner',
      mealTypes: ['dinner'],
      main: true,
      storeSection: 'Recipes',
      measure: { label: '1 serving (258 g)', grams: 257.5 },
    });
  });

  it("never uses a plan-ready food with the client's allergen, nor a food taken out of the pool or never in it", async () => {
    const core = await unlockedCore();
    const client = await addClient(core, { name: 'Petra Peanut', allergies: ['peanut'] });
    const bowl = await riceBowl(core);
    const satay = await ok<Food>(core, 'foods.createCustom', {
      name: 'Tofu satay',
      foodGroup: 'Legumes and Legume Products',
      nutrients: { energyKcal: 210, proteinG: 12, carbG: 9, fatG: 14, fibreG: 3 },
      portions: [{ amount: 1, unit: 'plate', grams: 250 }],
      allergens: ['peanut', 'soy'],
      planUse: DINNER_MAIN,
    });
    const chilli = await ok<Food>(core, 'foods.createCustom', {
      name: 'Bean chilli',
      foodGroup: 'Legumes and Legume Products',
      nutrients: { energyKcal: 120, proteinG: 8, carbG: 16, fatG: 2, fibreG: 6 },
      portions: [{ amount: 1, unit: 'bowl', grams: 300 }],
      planUse: DINNER_MAIN,
    });
    // Taken out of the pool again: an edit with no meal type.
    const edited = await ok<{ food: Food }>(core, 'foods.updateCustom', {
      id: chilli.id,
      food: {
        name: 'Bean chilli',
        foodGroup: 'Legumes and Legume Products',
        nutrients: chilli.nutrients,
        portions: [{ amount: 1, unit: 'bowl', grams: 300 }],
        planUse: { mealTypes: [], main: true, measure: null },
      },
    });
    expect(edited.food.planUse).toBeNull();
    const never = await ok<Food>(core, 'foods.createCustom', {
      name: 'Lentil dhal',
      foodGroup: 'Legumes and Legume Products',
      nutrients: { energyKcal: 130, proteinG: 9, carbG: 18, fatG: 2, fibreG: 7 },
      portions: [{ amount: 1, unit: 'bowl', grams: 300 }],
    });
    expect(never.planUse).toBeNull();

    const plan = await planFor(core, client.id, 2);
    await ok<Result>(core, 'plans.generate', { planId: plan.id, jobId: 'job-allergen' });
    const stored = await ok<Plan>(core, 'plans.get', { planId: plan.id });
    const ids = stored.entries.map((e) => e.food.id);
    expect(ids).toContain(bowl.id);
    expect(ids).not.toContain(satay.id);
    expect(ids).not.toContain(chilli.id);
    expect(ids).not.toContain(never.id);
    for (const e of stored.entries) expect(e.allergens, e.food.name).toEqual([]);
  });

  it("offers a practitioner food only where the client's diet pattern allows it, read from its own data", async () => {
    const core = await unlockedCore();
    const vegetarian = await addClient(core, { name: 'Vera Veg', dietPattern: 'vegetarian' });
    const omnivore = await addClient(core, { name: 'Otto Omni' });
    const bowl = await riceBowl(core);
    // A recipe named and grouped like a side, but one ingredient is chicken.
    const pilaf = await ok<Food>(core, 'foods.createRecipe', {
      name: 'Festive rice',
      ingredients: [
        { foodId: 'usda:20045', grams: 500 },
        { foodId: 'usda:05064', grams: 200 },
      ],
      servings: 4,
      planUse: DINNER_MAIN,
    });
    // A custom food whose group the app does not know: its diet cannot be read.
    const unknown = await ok<Food>(core, 'foods.createCustom', {
      name: 'Grandma pie',
      foodGroup: 'Family favourites',
      nutrients: { energyKcal: 250, proteinG: 10 },
      portions: [{ amount: 1, unit: 'slice', grams: 150 }],
      planUse: DINNER_MAIN,
    });
    // A recipe with that food as an ingredient cannot be read either.
    const plate = await ok<Food>(core, 'foods.createRecipe', {
      name: 'Pie and greens',
      ingredients: [
        { foodId: unknown.id, grams: 150 },
        { foodId: 'usda:11090', grams: 100 },
      ],
      planUse: { mealTypes: ['lunch', 'dinner'], main: true, measure: { label: '1 plate', grams: 250 } },
    });
    const s = servicesOf(core);
    const extraFor = async (clientId: string, excludedFoodIds: string[] = []) => {
      const plan = await ok<Plan>(core, 'plans.create', {
        clientId,
        name: 'Diet',
        startDate: '2026-12-07',
        days: 1,
        excludedFoodIds,
      });
      return s.plans.generateInput(plan.id, { kind: 'plan', keepExisting: false }).extraFoods.map((f) => f.foodId);
    };
    expect((await extraFor(omnivore.id)).sort()).toEqual([bowl.id, pilaf.id, unknown.id, plate.id].sort());
    expect(await extraFor(vegetarian.id)).toEqual([bowl.id]);
    // A plan that excludes broccoli excludes the recipes made with it.
    expect((await extraFor(omnivore.id, ['usda:11090'])).sort()).toEqual([pilaf.id, unknown.id].sort());
  });
});
