import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomFoodInput, RecipeInput } from '../contract/foods.ts';
import { createAudit } from '../audit/audit.ts';
import { openDatabase, type OpenedDatabase } from '../db/open.ts';
import { auditLog, dailyTotals, events } from '../db/schema.ts';
import { insertClientRow } from '../test-utils/clients.ts';
import { eventNutrientValues } from '../log/event-columns.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { ensureBundledFoods } from './bundled.ts';
import { createFoodsService, type FoodsService } from './foods-service.ts';
import { recipeNutrients } from './recipe-math.ts';
import { scaleNutrients, type NutrientValues } from './nutrients.ts';

// One real SQLCipher database with the bundled table for the file; each test makes its own foods.
let dir: string;
let opened: OpenedDatabase;
let foods: FoodsService;
let clock = Date.parse('2026-03-15T10:00:00Z');
const clientId = '0190a000-0000-7000-8000-00000000c001';
const otherClient = '0190a000-0000-7000-8000-00000000c002';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-foods-'));
  opened = openDatabase({ file: path.join(dir, 'bioai.db'), key: randomBytes(32), create: true });
  ensureBundledFoods(opened, 1000);
  const now = (): number => (clock += 1000);
  const audit = createAudit(opened.db, { actor: () => 'tester', host: 'cli', now });
  foods = createFoodsService(opened.db, opened.sqlite, { audit, now });
  for (const id of [clientId, otherClient]) insertClientRow(opened.db, id, 'Client');
});
afterAll(() => {
  opened.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const custom = (
  name: string,
  nutrients: NutrientValues,
  portions: CustomFoodInput['portions'] = [],
): CustomFoodInput => ({
  name,
  foodGroup: null,
  brand: null,
  nutrients,
  portions,
});
const recipe = (
  name: string,
  ingredients: RecipeInput['ingredients'],
  more: Partial<RecipeInput> = {},
): RecipeInput => ({
  name,
  foodGroup: 'Recipes',
  ingredients,
  servings: 1,
  finalWeightG: null,
  ...more,
});

/** A diet entry as the log service stores it: nutrient columns plus detail.grams / detail.nutrients. */
function logEntry(
  foodId: string,
  grams: number,
  per100g: NutrientValues,
  opts: { client?: string; date?: string; deleted?: boolean } = {},
): string {
  const id = uuidv7();
  const nutrients = scaleNutrients(per100g, grams);
  opened.db
    .insert(events)
    .values({
      id,
      clientId: opts.client ?? clientId,
      kind: 'diet',
      occurredAt: 1,
      localDate: opts.date ?? '2026-03-01',
      source: 'manual',
      foodId,
      ...eventNutrientValues(nutrients),
      detail: { foodId, foodName: 'old name', grams, amountLabel: `${grams} g`, amountText: null, nutrients },
      createdAt: 1,
      updatedAt: 1,
      deletedAt: opts.deleted ? 2 : null,
    })
    .run();
  return id;
}
const eventRow = (id: string) => opened.db.select().from(events).where(eq(events.id, id)).get()!;

describe('bundled foods through the service', () => {
  it('gets a USDA food with provenance and labelled measures, read-only', () => {
    const banana = foods.get('usda:09040');
    expect(banana).toMatchObject({
      name: 'Bananas, raw',
      source: 'usda-sr28',
      sourceId: '09040',
      editable: false,
      recipe: null,
    });
    expect(banana.provenance).toMatch(/^USDA SR28\. US Department of Agriculture.*Release 28/);
    expect(banana.nutrients.energyKcal).toBe(89);
    expect(banana.portions).toContainEqual({
      id: 'usda:09040:5',
      amount: 1,
      unit: 'medium (7" to 7-7/8" long)',
      label: '1 medium (7" to 7-7/8" long)',
      grams: 118,
    });
  });

  it('resolves household amounts and grams to nutrients', () => {
    const r = foods.resolveAmount('usda:09040', { text: '1 medium' });
    expect(r).toMatchObject({ grams: 118, label: '1 medium (118 g)', foodName: 'Bananas, raw' });
    expect(r.nutrients.energyKcal).toBeCloseTo(105.02, 9);
    expect(r.nutrients.fibreG).toBeCloseTo(3.068, 9);
    expect(foods.resolveAmount('usda:09040', { grams: 150 }).label).toBe('150 g');
    expect(() => foods.resolveAmount('usda:09040', { text: '1 bowl' })).toThrow(
      /Bananas, raw has no measure called "bowl"/,
    );
    expect(() => foods.resolveAmount('usda:99999', { grams: 1 })).toThrow(/not in the food database/);
  });

  it('refuses to edit or delete bundled foods, with a reason', () => {
    expect(() => foods.remove('usda:09040')).toThrow(
      'Bananas, raw comes from USDA SR28 and cannot be deleted. Only custom foods and recipes can be deleted.',
    );
    expect(() => foods.updateCustom('usda:09040', custom('x', { energyKcal: 1 }), false)).toThrow(/cannot be changed/);
  });

  it('lists the dataset and maps names to ids', () => {
    expect(foods.datasets()).toEqual([
      expect.objectContaining({ id: 'usda-sr28', foodCount: 8789, format: 'bundled' }),
    ]);
    expect(foods.idByName('bananas, RAW')).toBe('usda:09040');
    expect(foods.idByName('usda:09040')).toBe('usda:09040');
    expect(foods.idByName('no such food')).toBeNull();
  });
});

describe('custom foods', () => {
  it('creates a custom food with portions, found by search and by name', () => {
    const f = foods.createCustom(
      custom('Grandma flatbread', { energyKcal: 250, proteinG: 8 }, [{ amount: 1, unit: 'piece', grams: 60 }]),
    );
    expect(f).toMatchObject({
      source: 'custom',
      editable: true,
      recipe: null,
      nutrients: { energyKcal: 250, proteinG: 8 },
    });
    expect(f.portions).toEqual([expect.objectContaining({ label: '1 piece', grams: 60 })]);
    expect(foods.resolveAmount(f.id, { text: '2 pieces' })).toMatchObject({ grams: 120, label: '2 pieces (120 g)' });
    expect(foods.search('grandma flat', undefined, 5).map((h) => h.id)).toEqual([f.id]);
    expect(foods.idByName('Grandma flatbread')).toBe(f.id);
    const audit = opened.db.select().from(auditLog).where(eq(auditLog.entityId, f.id)).all();
    expect(audit.map((a) => [a.entity, a.action])).toEqual([['food', 'create']]);
  });

  it('keeps past entries unless applyToPast', () => {
    const f = foods.createCustom(custom('Protein bar A', { energyKcal: 400, proteinG: 20 }));
    const e1 = logEntry(f.id, 50, f.nutrients, { date: '2026-02-01' });
    const gone = logEntry(f.id, 50, f.nutrients, { deleted: true });

    const kept = foods.updateCustom(f.id, custom('Protein bar A', { energyKcal: 360, proteinG: 30 }), false);
    expect(kept).toMatchObject({ pastEntries: 1, updatedPast: 0 });
    expect(kept.food.nutrients).toEqual({ energyKcal: 360, proteinG: 30 });
    expect(eventRow(e1)).toMatchObject({ energyKcal: 200, proteinG: 10 });
    expect(foods.resolveAmount(f.id, { grams: 50 }).nutrients).toEqual({ energyKcal: 180, proteinG: 15 });

    const applied = foods.updateCustom(
      f.id,
      custom('Protein bar A (2026)', { energyKcal: 360, proteinG: 30, sugarG: 12 }),
      true,
    );
    expect(applied).toMatchObject({ pastEntries: 1, updatedPast: 1 });
    const row = eventRow(e1);
    expect(row).toMatchObject({ energyKcal: 180, proteinG: 15, sugarG: 6, fibreG: null });
    expect(row.detail).toMatchObject({
      grams: 50,
      foodName: 'Protein bar A (2026)',
      nutrients: { energyKcal: 180, proteinG: 15, sugarG: 6 },
    });
    // The daily totals follow (events triggers), and the deleted entry is untouched.
    const day = opened.db.select().from(dailyTotals).where(eq(dailyTotals.localDate, '2026-02-01')).get();
    expect(day?.energyKcal).toBe(180);
    expect(eventRow(gone).energyKcal).toBe(200);
    const audit = opened.db.select().from(auditLog).where(eq(auditLog.entityId, f.id)).all();
    expect(audit.at(-1)).toMatchObject({ action: 'update', fields: ['name', 'nutrients', 'pastEntries'] });
  });

  it('reports usage and soft-deletes, keeping past entries', () => {
    const f = foods.createCustom(custom('Kefir, homemade', { energyKcal: 60 }));
    logEntry(f.id, 200, f.nutrients, { date: '2026-03-02' });
    const e = logEntry(f.id, 100, f.nutrients, { client: otherClient, date: '2026-03-05' });
    expect(foods.usage(f.id)).toEqual({ entries: 2, clients: 2, lastUsed: '2026-03-05' });

    expect(foods.remove(f.id)).toEqual({ id: f.id });
    expect(() => foods.get(f.id)).toThrow(/may have been deleted/);
    expect(foods.search('kefir homemade', undefined, 5)).toEqual([]);
    expect(foods.idByName('Kefir, homemade')).toBeNull();
    expect(eventRow(e).energyKcal).toBe(60);
    // An old entry that uses it can still be edited.
    expect(foods.resolveAmount(f.id, { grams: 50 }).nutrients.energyKcal).toBe(30);
    expect(() => foods.remove(f.id)).toThrow(/may have been deleted/);
  });
});

describe('recipes', () => {
  it('sums ingredients by hand-checked arithmetic', () => {
    // Oats 380 kcal, 13 g protein, 10 g fibre per 100 g (no calcium value); milk 60 kcal, 3.2 g
    // protein, 120 mg calcium (no fibre value). 50 g oats + 200 g milk, 2 servings:
    // energy 190 + 120 = 310 kcal in 250 g → 124 kcal/100 g, 155 kcal a serving;
    // protein 6.5 + 6.4 = 12.9 g → 5.16 g/100 g; fibre 5 g (oats only) → 2 g/100 g; calcium 240 mg → 96 mg/100 g.
    const oats = foods.createCustom(custom('Oats test', { energyKcal: 380, proteinG: 13, fibreG: 10 }));
    const milk = foods.createCustom(custom('Milk test', { energyKcal: 60, proteinG: 3.2, calciumMg: 120 }));
    const porridge = foods.createRecipe(
      recipe(
        'Porridge',
        [
          { foodId: oats.id, grams: 50 },
          { foodId: milk.id, grams: 200 },
        ],
        { servings: 2 },
      ),
    );
    expect(porridge.source).toBe('recipe');
    expect(porridge.nutrients.energyKcal).toBeCloseTo(124, 9);
    expect(porridge.nutrients.proteinG).toBeCloseTo(5.16, 9);
    expect(porridge.nutrients.fibreG).toBeCloseTo(2, 9);
    expect(porridge.nutrients.calciumMg).toBeCloseTo(96, 9);
    expect(porridge.nutrients).not.toHaveProperty('vitaminCMg'); // no ingredient has it: unknown
    expect(porridge.recipe).toMatchObject({
      servings: 2,
      totalGrams: 250,
      ingredients: [
        { foodId: oats.id, name: 'Oats test', grams: 50 },
        { foodId: milk.id, name: 'Milk test', grams: 200 },
      ],
    });
    expect(porridge.recipe?.perServing.energyKcal).toBeCloseTo(155, 9);
    expect(porridge.portions).toEqual([expect.objectContaining({ unit: 'serving', label: '1 serving', grams: 125 })]);
    expect(foods.resolveAmount(porridge.id, { text: '1 serving' })).toMatchObject({
      grams: 125,
      label: '1 serving (125 g)',
    });

    // Cooked down to 200 g: per 100 g rises (310 / 200 × 100 = 155), a serving is the same 155 kcal.
    const e = logEntry(porridge.id, 125, porridge.nutrients);
    const r = foods.updateRecipe(
      porridge.id,
      recipe(
        'Porridge',
        [
          { foodId: oats.id, grams: 50 },
          { foodId: milk.id, grams: 200 },
        ],
        { servings: 2, finalWeightG: 200 },
      ),
      true,
    );
    expect(r.food.nutrients.energyKcal).toBeCloseTo(155, 9);
    expect(r.food.recipe?.perServing.energyKcal).toBeCloseTo(155, 9);
    expect(r.food.portions[0]?.grams).toBe(100);
    expect(r).toMatchObject({ pastEntries: 1, updatedPast: 1 });
    expect(eventRow(e).energyKcal).toBeCloseTo(193.75, 9); // the entry's 125 g at 155 kcal/100 g
  });

  it('matches the pure function', () => {
    const m = recipeNutrients(
      [
        { nutrients: { energyKcal: 100 }, grams: 100 },
        { nutrients: { energyKcal: 300, proteinG: 10 }, grams: 100 },
      ],
      null,
      4,
    );
    expect(m).toEqual({
      per100g: { energyKcal: 200, proteinG: 5 },
      total: { energyKcal: 400, proteinG: 10 },
      totalGrams: 200,
      perServing: { energyKcal: 100, proteinG: 2.5 },
    });
  });

  it('refuses a recipe that contains itself, directly or through another recipe', () => {
    const flour = foods.createCustom(custom('Flour test', { energyKcal: 360 }));
    const dough = foods.createRecipe(recipe('Dough', [{ foodId: flour.id, grams: 100 }]));
    const pizza = foods.createRecipe(recipe('Pizza', [{ foodId: dough.id, grams: 300 }]));
    expect(() => foods.updateRecipe(dough.id, recipe('Dough', [{ foodId: dough.id, grams: 10 }]), false)).toThrow(
      'Dough cannot be an ingredient of itself.',
    );
    expect(() => foods.updateRecipe(dough.id, recipe('Dough', [{ foodId: pizza.id, grams: 10 }]), false)).toThrow(
      'Pizza already contains Dough, so it cannot be one of its ingredients (a recipe cannot contain itself).',
    );
    expect(() =>
      foods.createRecipe(recipe('Bad', [{ foodId: '0190a000-0000-7000-8000-0000000000ff', grams: 10 }])),
    ).toThrow('Ingredient 1 is not in the food database (it may have been deleted). Choose another food.');
    expect(() => foods.updateCustom(pizza.id, custom('Pizza', { energyKcal: 1 }), false)).toThrow(
      'Pizza is a recipe: edit it as a recipe.',
    );
    // Using a bundled food as an ingredient works: 118 g banana = 105.02 kcal.
    const smoothie = foods.createRecipe(recipe('Smoothie', [{ foodId: 'usda:09040', grams: 118 }]));
    expect(smoothie.nutrients.energyKcal).toBeCloseTo(89, 9);
    expect(foods.remove(pizza.id)).toEqual({ id: pizza.id });
  });
});
