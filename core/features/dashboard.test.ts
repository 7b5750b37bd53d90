import { describe, expect, it } from 'vitest';
import type { TargetValue } from '../contract/targets.ts';
import type { DayView, TrendsView } from '../contract/log.ts';
import type { Food } from '../contract/foods.ts';
import { coreWithClient } from '../test-utils/clients.ts';
import { fixedClock, ok } from '../test-utils/core-harness.ts';
import { statusOf } from './dashboard.ts';

const DATE = '2026-02-03';

async function clientWithLog(extra: Record<string, unknown> = {}) {
  const { core, client: c } = await coreWithClient({ name: 'Dashboard Check', birthDate: '1990-05-01', ...extra });
  const log = (foodId: string, grams: number, date = DATE) =>
    ok<{ entry: { id: string } }>(core, 'log.add', { kind: 'diet', clientId: c.id, date, foodId, grams });
  return { core, c, log };
}

describe('dashboard.day: vitamin K summed from each entry, untracked and informational targets', () => {
  it('vitamin K is the sum over the day of grams × the food value per 100 g; deleted entries do not count', async () => {
    const { core, c, log } = await clientWithLog();
    const spinach = await ok<Food>(core, 'foods.get', { id: 'usda:11457' });
    const banana = await ok<Food>(core, 'foods.get', { id: 'usda:09040' });
    const k = (f: Food): number => f.nutrients.vitaminKMcg ?? Number.NaN;
    await log('usda:11457', 30);
    await log('usda:09040', 120);
    const gone = await log('usda:11457', 200);
    await log('usda:11457', 500, '2026-02-04'); // another day
    await ok(core, 'log.delete', { id: gone.entry.id });
    const day = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: DATE });
    const expected = (30 * k(spinach)) / 100 + (120 * k(banana)) / 100;
    expect(day.totals.vitaminKMcg).toBeCloseTo(expected, 9);
    const row = day.statuses?.find((s) => s.key === 'vitaminKMcg');
    expect(row?.value).toBeCloseTo(expected, 9);
    expect(row?.status).toBe(expected < 90 ? 'low' : 'ok');
  });

  it('a day with no value for vitamin K leaves it unknown, not zero', async () => {
    const { core, c } = await clientWithLog();
    const food = await ok<Food>(core, 'foods.createCustom', {
      name: 'Home-made broth',
      foodGroup: null,
      brand: null,
      nutrients: { energyKcal: 20 },
      portions: [],
    });
    await ok(core, 'log.add', { kind: 'diet', clientId: c.id, date: DATE, foodId: food.id, grams: 250 });
    const day = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: DATE });
    expect(day.totals.vitaminKMcg).toBeUndefined();
    expect(day.statuses?.find((s) => s.key === 'vitaminKMcg')).toMatchObject({ value: null, status: 'untracked' });
  });

  it('water is the water of everything eaten and drunk, in litres: a glass of water and a mug of tea count', async () => {
    const { core, c } = await clientWithLog({ sex: 'female', heightCm: 165, weightKg: 60 });
    const add = (foodId: string, amount: string) =>
      ok<{ entry: { food: { grams: number } } }>(core, 'log.add', {
        kind: 'diet',
        clientId: c.id,
        date: DATE,
        foodId,
        amount,
      });
    const glass = await add('usda:14411', 'a glass of water'); // tap water
    const mugs = await add('usda:14355', '2 mugs of tea'); // black tea, brewed
    const banana = await add('usda:09040', '1 medium');
    const water = async (id: string) => (await ok<Food>(core, 'foods.get', { id })).nutrients.waterG ?? Number.NaN;
    // A glass is 240 mL and a mug 355 mL, through each drink's own fl oz or cup measure.
    expect(glass.entry.food.grams).toBeGreaterThan(230);
    expect(glass.entry.food.grams).toBeLessThan(250);
    expect(mugs.entry.food.grams).toBeGreaterThan(690);
    expect(mugs.entry.food.grams).toBeLessThan(730);
    const expected =
      ((glass.entry.food.grams * (await water('usda:14411'))) / 100 +
        (mugs.entry.food.grams * (await water('usda:14355'))) / 100 +
        (banana.entry.food.grams * (await water('usda:09040'))) / 100) /
      1000;
    const day = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: DATE });
    const row = day.statuses?.find((s) => s.key === 'waterL');
    expect(row?.value).toBeCloseTo(expected, 9);
    expect(row).toMatchObject({ unit: 'L', target: 2.7, status: 'low' }); // about 1.1 L against the 2.7 L AI
  });

  it('iodine, choline and ALA are "not tracked"; potassium in CKD stage 3 is for information', async () => {
    const { core, c, log } = await clientWithLog({ conditions: ['chronic-kidney-disease'], ckdStage: 3 });
    await log('usda:09040', 120);
    const day = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: DATE });
    const status = (key: string) => day.statuses?.find((s) => s.key === key);
    for (const key of ['iodineMcg', 'cholineMg', 'alaG'])
      expect(status(key)).toMatchObject({ value: null, status: 'untracked' });
    expect(status('potassiumMg')).toMatchObject({ kind: 'info', status: 'info' });
    expect(status('potassiumMg')?.value).toBeGreaterThan(0);
  });
});

describe('dashboard.day and trends: caffeine and alcohol from the entries, with a reference and no target', () => {
  // USDA SR24 via the bundled table: brewed coffee 14209, regular beer 14003, red wine 14096.
  it('sums caffeine and alcohol over the day as grams × the food value per 100 g, and charts the same numbers', async () => {
    const { core, c, log } = await clientWithLog({ sex: 'male', heightCm: 180, weightKg: 80 });
    const per100 = async (id: string) => (await ok<Food>(core, 'foods.get', { id })).nutrients;
    const coffee = await per100('usda:14209');
    const beer = await per100('usda:14003');
    expect(coffee.caffeineMg).toBe(40);
    expect(beer.alcoholG).toBe(3.9);
    await log('usda:14209', 237);
    await log('usda:14209', 474);
    await log('usda:14003', 356);
    const gone = await log('usda:14003', 356);
    await ok(core, 'log.delete', { id: gone.entry.id });
    await log('usda:14209', 1000, '2026-02-04'); // another day
    const day = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: DATE });
    const caffeine = ((237 + 474) * coffee.caffeineMg!) / 100 + (356 * beer.caffeineMg!) / 100;
    const alcohol = ((237 + 474) * coffee.alcoholG!) / 100 + (356 * beer.alcoholG!) / 100;
    expect(day.totals.caffeineMg).toBeCloseTo(caffeine, 9);
    expect(day.totals.alcoholG).toBeCloseTo(alcohol, 9);
    const extra = (key: string) => day.extras.find((x) => x.key === key);
    expect(extra('caffeineMg')).toMatchObject({ label: 'Caffeine', unit: 'mg', entriesWithValue: 3 });
    expect(extra('caffeineMg')?.value).toBeCloseTo(caffeine, 9);
    expect(extra('alcoholG')?.value).toBeCloseTo(alcohol, 9);
    // No target: neither appears among the statuses; a man's references (EFSA 2015; DGA 2020–2025).
    expect(day.statuses?.some((s) => (s.key as string) === 'caffeineMg' || (s.key as string) === 'alcoholG')).toBe(
      false,
    );
    expect(extra('caffeineMg')).toMatchObject({ reference: { max: 400 }, aboveReference: false }); // 284.4 mg
    expect(extra('alcoholG')).toMatchObject({ reference: { max: 28 }, aboveReference: false }); // 13.9 g

    const trends = await ok<TrendsView>(core, 'dashboard.trends', { clientId: c.id, from: DATE, to: '2026-02-04' });
    expect(trends.days[0]?.values.caffeineMg).toBeCloseTo(caffeine, 9);
    expect(trends.days[0]?.values.alcoholG).toBeCloseTo(alcohol, 9);
    expect(trends.days[1]?.values.caffeineMg).toBeCloseTo(400, 9);
    expect(trends.days[1]?.mean7.caffeineMg).toBeCloseTo((caffeine + 400) / 2, 9);
    expect(trends.targets).not.toHaveProperty('caffeineMg');
  });

  it('a food without caffeine data adds nothing and is counted out; a day without any is unknown, not zero', async () => {
    const { core, c, log } = await clientWithLog();
    const broth = await ok<Food>(core, 'foods.createCustom', {
      name: 'Home-made broth',
      foodGroup: null,
      brand: null,
      nutrients: { energyKcal: 20 },
      portions: [],
    });
    const espresso = await ok<Food>(core, 'foods.createCustom', {
      name: 'Café espresso',
      foodGroup: null,
      brand: null,
      nutrients: { energyKcal: 9, caffeineMg: 212 },
      portions: [],
    });
    await log(broth.id, 250);
    await log(broth.id, 250, '2026-02-04');
    await log(espresso.id, 30, '2026-02-04');
    const onlyBroth = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: DATE });
    expect(onlyBroth.totals.caffeineMg).toBeUndefined();
    expect(onlyBroth.extras.find((x) => x.key === 'caffeineMg')).toMatchObject({ value: null, entriesWithValue: 0 });
    const both = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: '2026-02-04' });
    expect(both.extras.find((x) => x.key === 'caffeineMg')).toMatchObject({ entriesWithValue: 1 });
    expect(both.extras.find((x) => x.key === 'caffeineMg')?.value).toBeCloseTo((30 * 212) / 100, 9);
    const empty = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: '2026-02-05' });
    expect(empty.extras).toEqual([]);
  });

  it('in pregnancy the references are 200 mg caffeine and no alcohol, and a glass of wine is above it', async () => {
    const { core, c, log } = await clientWithLog({ sex: 'female', lifeStage: 'pregnant', lifeStageDetail: 2 });
    await log('usda:14209', 474); // two cups of coffee: 189.6 mg
    await log('usda:14096', 150); // a glass of red wine: 15.9 g alcohol
    const day = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: DATE });
    const caffeine = day.extras.find((x) => x.key === 'caffeineMg');
    const alcohol = day.extras.find((x) => x.key === 'alcoholG');
    expect(caffeine).toMatchObject({ reference: { max: 200 }, aboveReference: false });
    expect(caffeine?.reference?.source).toMatch(/EFSA.*2015.*ACOG/);
    expect(alcohol).toMatchObject({ reference: { max: 0 }, aboveReference: true });
    expect(alcohol?.value).toBeCloseTo((150 * 10.6) / 100, 9);
    await log('usda:14209', 100); // 40 mg more: 229.6 mg
    const later = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: DATE });
    expect(later.extras.find((x) => x.key === 'caffeineMg')).toMatchObject({ aboveReference: true });
  });

  it('under 18 the caffeine reference is 3 mg per kg of the weight in force that day', async () => {
    const clock = fixedClock('2026-02-01T10:00:00Z');
    const { core, client: c } = await coreWithClient(
      { name: 'Teen Check', sex: 'female', birthDate: '2011-01-01', heightCm: 160, weightKg: 50 },
      { clock },
    );
    clock.advance(10 * 86_400_000);
    await ok(core, 'measures.add', { clientId: c.id, kind: 'weight', value: 56, date: '2026-02-08' });
    const reference = async (date: string) => {
      await ok(core, 'log.add', { kind: 'diet', clientId: c.id, date, foodId: 'usda:14209', grams: 100 });
      const day = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date });
      return day.extras.find((x) => x.key === 'caffeineMg')?.reference?.max;
    };
    // EFSA 2015: 3 mg/kg a day for children and adolescents; 50 kg until 8 February, 56 kg from it.
    expect(await reference('2026-02-05')).toBeCloseTo(3 * 50, 9);
    expect(await reference('2026-02-10')).toBeCloseTo(3 * 56, 9);
  });

  it('shows caffeine and alcohol to eating-disorder-sensitive care, as every nutrient but energy', async () => {
    const { core, c, log } = await clientWithLog({ sex: 'female', edSensitive: true });
    await log('usda:14209', 237);
    const day = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: DATE });
    // Energy figures are hidden where they are shown (the dashboard's views, the report); these are not energy.
    expect(day.extras.find((x) => x.key === 'caffeineMg')?.value).toBeCloseTo(94.8, 9);
    expect(day.extras.find((x) => x.key === 'caffeineMg')?.reference?.max).toBe(400);
  });
});

describe('statusOf', () => {
  const base: TargetValue = {
    key: 'potassiumMg',
    label: 'Potassium',
    unit: 'mg',
    value: 2600,
    min: 2600,
    max: null,
    ul: null,
    kind: 'ai',
    source: 's',
    computedSource: 's',
    computedValue: 2600,
    overridden: false,
    overrideNote: null,
    tracked: true,
    suggestion: null,
    notes: [],
  };
  it('judges an AI, never an informational target, and nothing untracked', () => {
    expect(statusOf(base, 1000)).toBe('low');
    expect(statusOf({ ...base, kind: 'info', min: null }, 1000)).toBe('info');
    expect(statusOf({ ...base, tracked: false }, 1000)).toBe('untracked');
    expect(statusOf(base, null)).toBe('untracked');
  });
});
