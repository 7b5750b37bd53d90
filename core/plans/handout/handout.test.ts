import { describe, expect, it } from 'vitest';
import type { Food } from '../../contract/foods.ts';
import type { NutrientStatus } from '../../contract/log.ts';
import { DEFAULT_PLAN_SLOTS, type Plan, type PlanEntry } from '../../contract/plans.ts';
import { handoutModel, type HandoutDeps } from './export-handout.ts';
import { renderHandoutHtml } from './render-handout.ts';
import { buildShoppingList, OTHER_SECTION, shoppingAmount } from './shopping.ts';

let n = 0;
const id = () => `0190a1b2-0000-7000-8000-${String(++n).padStart(12, '0')}`;

function entry(day: number, slot: string, foodId: string, name: string, grams: number, extra: Partial<PlanEntry> = {}) {
  return {
    id: id(),
    day,
    slot,
    position: n,
    food: { id: foodId, name, amountLabel: `${grams} g`, grams },
    altOf: null,
    pinned: false,
    note: null,
    nutrients: {},
    allergens: [],
    dietConflict: null,
    ...extra,
  } satisfies PlanEntry;
}

const status = (key: 'energyKcal' | 'proteinG', label: string, unit: string, value: number, target: number) =>
  ({
    key,
    label,
    unit,
    value,
    target,
    min: null,
    max: null,
    kind: 'goal',
    status: 'ok',
    ratio: value / target,
  }) satisfies NutrientStatus;

const oats = entry(1, 'breakfast', 'usda:08121', 'Oats, cooked', 234);
const plan: Plan = {
  id: id(),
  clientId: id(),
  name: 'Spring week',
  startDate: '2026-12-07',
  days: 2,
  status: 'draft',
  version: 1,
  sentAt: null,
  updatedAt: 0,
  slots: DEFAULT_PLAN_SLOTS,
  showNumbers: true,
  excludedFoodIds: [],
  previousVersionId: null,
  entries: [
    oats,
    entry(1, 'breakfast', 'usda:01077', 'Milk, whole', 250, { altOf: oats.id }),
    entry(1, 'dinner', 'custom:stew', 'Lentil stew', 300),
    entry(2, 'breakfast', 'usda:08121', 'Oats, cooked', 117),
    entry(2, 'snack', 'usda:09040', 'Bananas, raw', 236),
  ],
  notes: [
    { day: 1, slot: null, text: 'Drink water with every meal.' },
    { day: 2, slot: 'snack', text: 'Take the banana to work.' },
  ],
  dayTotals: [
    { day: 1, date: '2026-12-07', totals: {}, statuses: [status('energyKcal', 'Energy', 'kcal', 1987, 2000)] },
    { day: 2, date: '2026-12-08', totals: {}, statuses: [status('energyKcal', 'Energy', 'kcal', 1711, 2000)] },
  ],
  average: { totals: {}, statuses: [status('proteinG', 'Protein', 'g', 81.5, 70)] },
  numbersHidden: false,
};

const food = (over: Partial<Food> & Pick<Food, 'id' | 'name'>): Food => ({
  foodGroup: null,
  brand: null,
  source: 'usda-sr28',
  sourceId: null,
  provenance: '',
  nutrients: {},
  portions: [],
  editable: false,
  allergens: [],
  allergenBasis: 'derived',
  recipe: null,
  updatedAt: 0,
  ...over,
});

const FOODS: Record<string, Food> = {
  'usda:08121': food({
    id: 'usda:08121',
    name: 'Oats, cooked',
    portions: [{ id: 'p', amount: 1, unit: 'cup', label: '1 cup', grams: 234 }],
  }),
  'usda:09040': food({
    id: 'usda:09040',
    name: 'Bananas, raw',
    portions: [
      { id: 'a', amount: 1, unit: 'cup, mashed', label: '1 cup, mashed', grams: 225 },
      { id: 'b', amount: 1, unit: 'medium (7" to 7-7/8" long)', label: '1 medium', grams: 118 },
    ],
  }),
  'custom:stew': food({
    id: 'custom:stew',
    name: 'Lentil stew',
    source: 'recipe',
    recipe: {
      servings: 4,
      totalGrams: 1200,
      perServing: {},
      ingredients: [
        { foodId: 'usda:16070', name: 'Lentils, cooked', grams: 800 },
        { foodId: 'usda:11282', name: 'Onions, raw', grams: 400 },
      ],
    },
  }),
};

const deps: HandoutDeps = {
  food: (foodId) => FOODS[foodId] ?? null,
  section: (foodId) =>
    ({ 'usda:08121': 'Grains', 'usda:09040': 'Fruit and vegetables', 'usda:11282': 'Fruit and vegetables' })[foodId] ??
    null,
  practitioner: () => ({ name: 'Dr Test', credentials: 'RD', contact: '', logo: null }),
  now: () => Date.parse('2026-12-06T12:00:00Z'),
  printer: () => {
    throw new Error('not printed here');
  },
};

describe('the plan shopping list', () => {
  it('sums each food over the days, leaves out "or" alternatives, buys recipes as their ingredients', () => {
    const list = buildShoppingList(plan, deps);
    const by = Object.fromEntries(list.map((i) => [i.name, i]));
    expect(by['Oats, cooked']?.grams).toBe(351); // 234 + 117
    expect(by['Milk, whole']).toBeUndefined(); // an alternative, not an extra meal
    expect(by['Lentil stew']).toBeUndefined();
    expect(by['Lentils, cooked']?.grams).toBe(200); // 300 g of a 1,200 g recipe with 800 g lentils
    expect(by['Onions, raw']?.grams).toBe(100);
    expect(list.map((i) => i.storeSection)).toEqual([
      'Fruit and vegetables',
      'Fruit and vegetables',
      'Grains',
      OTHER_SECTION,
    ]);
    expect(by['Oats, cooked']?.amountLabel).toBe('about 1 1/2 cups (351 g)');
    // Whole items a shopper counts come before volume measures.
    expect(by['Bananas, raw']?.amountLabel).toBe('about 2 medium (236 g)');
  });

  it('says the weight where no household measure fits', () => {
    expect(shoppingAmount(1530, [])).toBe('1.5 kg');
    expect(shoppingAmount(40, [{ id: 'x', amount: 1, unit: 'tsp', label: '1 tsp', grams: 2 }])).toBe('40 g');
  });
});

describe('the plan handout', () => {
  it('prints every day with its meals, notes, alternatives and, when chosen, the day figures', () => {
    const html = renderHandoutHtml(handoutModel(deps, plan, 'Ada Client'), { pageSize: 'A4' });
    expect(html).toContain('Meal plan: Spring week');
    expect(html).toContain('For Ada Client');
    expect(html).toContain('Day 1 · Mon 7 Dec');
    expect(html).toContain('234 g Oats, cooked');
    expect(html).toContain('or 250 g Milk, whole');
    expect(html).toContain('Drink water with every meal.');
    expect(html).toContain('Take the banana to work.');
    expect(html).toContain('Energy 1,987 kcal');
    expect(html).toContain('Energy 1,711 kcal');
    expect(html).toContain('Protein');
    expect(html).toContain('Lentil stew (makes 4 servings)');
    expect(html).toContain('Lentils, cooked: 200 g');
  });

  it('prints no energy or nutrient figure for an eating-disorder-sensitive client, whatever the plan chose', () => {
    const hidden = { ...plan, numbersHidden: true, showNumbers: true };
    const html = renderHandoutHtml(handoutModel(deps, hidden, 'Ada Client'), { pageSize: 'A4' });
    expect(html).not.toMatch(/kcal|calorie|energy|protein|target/i);
    expect(html).toContain('234 g Oats, cooked'); // the amounts to eat stay
  });

  it('prints no figures when the practitioner chose so', () => {
    const html = renderHandoutHtml(handoutModel(deps, { ...plan, showNumbers: false }, 'Ada Client'), {
      pageSize: 'A4',
    });
    expect(html).not.toMatch(/kcal|Protein/);
  });
});
