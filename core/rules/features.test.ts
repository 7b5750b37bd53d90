import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { DayView } from '../contract/log.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { computeVariables, practiceVariables } from './features.ts';
import { rulesKit } from './test-kit.ts';
import { VARIABLES } from './variables.ts';

const AS_OF = '2026-03-15';

async function setup(): Promise<{ kit: ReturnType<typeof rulesKit>; clientId: string; now: number }> {
  const clock = fixedClock('2026-03-15T10:00:00Z');
  const core = await unlockedCore({ clock });
  const kit = rulesKit(core, clock.now);
  const c = kit.addClient({
    name: 'Ada Example',
    sex: 'female',
    birthDate: '1990-01-01',
    heightCm: 165,
    weightKg: 60,
    tags: ['runner'],
    allergies: ['Peanut'],
  });
  kit.addFood('test-apple', 'Fruits and Fruit Juices');
  kit.addFood('test-bread', 'Baked Products');
  kit.addFood('test-potato', 'Vegetables and Vegetable Products', 'Potatoes, baked, flesh and skin');
  const id = c.id;
  // 15th: two diet entries (one an apple, one planned for tonight), saturated fat known for one.
  kit.addEvent({
    clientId: id,
    date: '2026-03-15',
    at: '2026-03-15T08:00:00Z',
    foodId: 'test-apple',
    grams: 150,
    energyKcal: 1000,
    proteinG: 50,
    satFatG: 20,
    fibreG: 10,
  });
  kit.addEvent({
    clientId: id,
    date: '2026-03-15',
    at: '2026-03-15T20:00:00Z',
    foodId: 'test-bread',
    grams: 80,
    energyKcal: 800,
    proteinG: 30,
    fibreG: 5,
  });
  kit.addEvent({ clientId: id, date: '2026-03-14', energyKcal: 2000, proteinG: 100, satFatG: 10 });
  // Potatoes are filed under vegetables in SR28 but do not count as fruit and vegetables.
  kit.addEvent({ clientId: id, date: '2026-03-14', foodId: 'test-potato', grams: 200 });
  // 13th: no diet entry, only activity and sleep (not a logged day for intake).
  kit.addEvent({ clientId: id, kind: 'activity', date: '2026-03-13', durationMin: 30 });
  kit.addEvent({ clientId: id, kind: 'sleep', date: '2026-03-13', sleepHours: 7, sleepQuality: 3 });
  kit.addEvent({ clientId: id, date: '2026-03-12', energyKcal: 1500, proteinG: 60 });
  kit.addEvent({ clientId: id, kind: 'sleep', date: '2026-03-12', sleepHours: 8, sleepQuality: 5 });
  // Inside the 30-day window only; then outside both windows.
  kit.addEvent({ clientId: id, date: '2026-03-01', energyKcal: 3000 });
  for (const day of ['02', '03', '04', '05', '06', '07'])
    kit.addEvent({ clientId: id, date: `2026-03-${day}`, energyKcal: 2000 });
  kit.addEvent({ clientId: id, date: '2026-02-10', energyKcal: 9999 });
  return { kit, clientId: id, now: clock.now() };
}

describe('computeVariables', () => {
  it('computes 7- and 30-day features over logged days, in SQL, with exact numbers', async () => {
    const { kit, clientId, now } = await setup();
    const v = computeVariables(kit.sqlite, kit.targets, kit.clients.get(clientId), AS_OF, now);
    const f = v.features;
    expect(f.days_logged_7d).toBe(3);
    expect(f.days_logged_30d).toBe(10);
    expect(f.energy_kcal_7d_mean).toBeCloseTo((1800 + 2000 + 1500) / 3, 9);
    expect(f.energy_kcal_30d_mean).toBeCloseTo(20300 / 10, 9);
    expect(f.protein_g_7d_mean).toBeCloseTo(80, 9);
    expect(f.protein_g_per_kg_7d).toBeCloseTo(80 / 60, 9);
    // Unknown values are skipped, never counted as zero.
    expect(f.sat_fat_g_7d_mean).toBeCloseTo(15, 9);
    expect(f.fibre_g_7d_mean).toBeCloseTo(15, 9);
    expect(f.energy_from_sat_fat_pct_7d).toBeCloseTo((100 * 9 * 15) / (5300 / 3), 9);
    expect(f.energy_from_added_sugar_pct_7d).toBeNull();
    expect(f.vitamin_d_mcg_7d_mean).toBeNull();
    expect(f.vitamin_d_mcg_7d_ratio).toBeNull();
    expect(f.fruit_veg_g_7d_mean).toBeCloseTo(150 / 3, 9);
    expect(f.logging_streak_days).toBe(2);
    // The 20:00 entry is in the future at 10:00; the 08:00 one was two hours ago.
    expect(f.hours_since_last_log).toBeCloseTo(2, 9);
    expect(f.sleep_hours_7d_mean).toBeCloseTo(7.5, 9);
    expect(f.sleep_quality_7d_mean).toBeCloseTo(4, 9);
    expect(f.activity_min_7d_total).toBe(30);
    expect(f.activity_days_7d).toBe(1);

    const energyTarget = kit.targets.get(clientId, AS_OF).targets?.find((t) => t.key === 'energyKcal')?.value;
    expect(energyTarget).toBeGreaterThan(0);
    expect(v.targets.energy_kcal).toBe(energyTarget);
    expect(f.energy_kcal_7d_ratio).toBeCloseTo((1800 + 2000 + 1500) / 3 / (energyTarget ?? 1), 9);
    expect('sugar_g_7d_ratio' in f).toBe(false); // no target for total sugars

    expect(v.client).toMatchObject({
      age_years: 36,
      sex: 'female',
      diet_pattern: 'omnivore',
      life_stage: 'none',
      weight_kg: 60,
      height_cm: 165,
      allergies: ['peanut'],
      tags: ['runner'],
      ed_sensitive: false,
    });
    expect(v.client.bmi).toBeCloseTo(60 / 1.65 ** 2, 9);
  });

  it('counts the streak from yesterday when nothing is logged yet today, and nulls without data', async () => {
    const { kit, clientId, now } = await setup();
    const client = kit.clients.get(clientId);
    expect(computeVariables(kit.sqlite, kit.targets, client, '2026-03-16', now).features.logging_streak_days).toBe(2);
    const later = computeVariables(kit.sqlite, kit.targets, client, '2026-04-30', now).features;
    expect(later.logging_streak_days).toBe(0);
    expect(later.days_logged_7d).toBe(0);
    expect(later.energy_kcal_7d_mean).toBeNull();
    expect(later.energy_kcal_7d_ratio).toBeNull();
    expect(later.fruit_veg_g_7d_mean).toBeNull();
    // No activity logged in 30 days: the client may not track it, so unknown rather than zero.
    expect(later.activity_min_7d_total).toBeNull();
    expect(later.activity_days_7d).toBeNull();
    const quietWeek = computeVariables(kit.sqlite, kit.targets, client, '2026-03-25', now).features;
    expect(quietWeek.activity_min_7d_total).toBe(0);
    expect(quietWeek.activity_days_7d).toBe(0);
  });

  it('ignores deleted entries and gives null targets for an incomplete profile', async () => {
    const { kit, clientId, now } = await setup();
    kit.sqlite
      .prepare("UPDATE events SET deleted_at = 1 WHERE client_id = ? AND local_date = '2026-03-14'")
      .run(clientId);
    const f = computeVariables(kit.sqlite, kit.targets, kit.clients.get(clientId), AS_OF, now).features;
    expect(f.days_logged_7d).toBe(2);
    expect(f.days_logged_30d).toBe(9);
    // Under 3 (7 days) and 10 (30 days) logged days, means are not a habit yet: null.
    expect(f.energy_kcal_7d_mean).toBeNull();
    expect(f.energy_kcal_30d_mean).toBeNull();
    expect(f.energy_kcal_7d_ratio).toBeNull();
    expect(f.fruit_veg_g_7d_mean).toBeNull();
    const bare = kit.addClient({ name: 'No Profile' });
    const v = computeVariables(kit.sqlite, kit.targets, bare, AS_OF, now);
    expect(Object.values(v.targets).every((t) => t === null)).toBe(true);
    expect(v.client.age_years).toBeNull();
    expect(v.client.bmi).toBeNull();
    expect(v.features.hours_since_last_log).toBeNull();
  });

  it('produces exactly the declared variables', async () => {
    const { kit, clientId, now } = await setup();
    const v = computeVariables(kit.sqlite, kit.targets, kit.clients.get(clientId), AS_OF, now);
    for (const group of ['features', 'targets', 'client'] as const) {
      const declared = VARIABLES.filter((d) => d.group === group).map((d) => d.name);
      expect(Object.keys(v[group]).sort(), group).toEqual(declared.sort());
    }
  });
});

describe('caffeine, alcohol and water features', () => {
  it('are the means of the days the dashboard shows, over the days whose entries carry a value', async () => {
    const clock = fixedClock('2026-03-15T10:00:00Z');
    const core = await unlockedCore({ clock });
    const kit = rulesKit(core, clock.now);
    const c = await ok<Client>(core, 'clients.create', {
      name: 'Cafe Example',
      sex: 'female',
      birthDate: '1990-01-01',
      lifeStage: 'pregnant',
      lifeStageDetail: 2,
    });
    const broth = await ok<{ id: string }>(core, 'foods.createCustom', {
      name: 'Broth without caffeine data',
      foodGroup: null,
      brand: null,
      nutrients: { energyKcal: 20, waterG: 95 },
      portions: [],
    });
    const log = (date: string, foodId: string, grams: number) =>
      ok(core, 'log.add', { kind: 'diet', clientId: c.id, date, foodId, grams });
    // USDA SR24 per 100 g: brewed coffee (14209) 40 mg caffeine, regular beer (14003) 3.9 g alcohol.
    await log('2026-03-12', 'usda:14209', 474);
    await log('2026-03-13', 'usda:14209', 711);
    await log('2026-03-13', 'usda:14003', 356);
    await log('2026-03-14', broth.id, 300); // a logged day with no caffeine or alcohol value
    await log('2026-03-15', 'usda:14411', 500); // tap water: analysed, 0 mg caffeine
    const days: DayView[] = [];
    for (const date of ['2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15'])
      days.push(await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date }));
    const extra = (d: DayView, key: string) => d.extras.find((x) => x.key === key)?.value ?? null;
    const meanKnown = (xs: (number | null)[]) => {
      const known = xs.filter((x): x is number => x !== null);
      return known.reduce((a, b) => a + b, 0) / known.length;
    };

    const v = computeVariables(kit.sqlite, kit.targets, kit.clients.get(c.id), AS_OF, clock.now());
    const f = v.features;
    expect(f.days_logged_7d).toBe(4);
    expect(days.map((d) => extra(d, 'caffeineMg'))[2]).toBeNull();
    expect(f.caffeine_mg_7d_mean).toBeCloseTo(meanKnown(days.map((d) => extra(d, 'caffeineMg'))), 9);
    expect(f.caffeine_mg_7d_mean).toBeCloseTo(((474 + 711) * 0.4) / 3, 9); // 3 days with a value, one of them 0
    expect(f.alcohol_g_7d_mean).toBeCloseTo(meanKnown(days.map((d) => extra(d, 'alcoholG'))), 9);
    expect(f.alcohol_g_7d_mean).toBeCloseTo((356 * 3.9) / 100 / 3, 9);
    expect(f.water_g_7d_mean).toBeCloseTo(meanKnown(days.map((d) => d.totals.waterG ?? null)), 9);
    expect(f.caffeine_mg_30d_mean).toBeNull(); // 4 logged days: under the 10 a 30-day mean needs
    expect('caffeine_mg_7d_ratio' in f).toBe(false); // no target, so no ratio
    expect('water_g_7d_ratio' in f).toBe(false); // the target is in litres (targets.water_l)
    // The practice-wide path reads the same numbers.
    const [practice] = practiceVariables(kit.sqlite, kit.targets, [kit.clients.get(c.id)], AS_OF, clock.now());
    expect(practice?.features).toEqual(f);
  });
});
