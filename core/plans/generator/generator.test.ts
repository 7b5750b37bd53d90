import { afterAll, describe, expect, it } from 'vitest';
import { DIET_PATTERNS } from '../../contract/common.ts';
import type { TargetValue } from '../../contract/targets.ts';
import { allergenGroups, ENERGY_FIGURE } from '../../rules/guardrails.ts';
import { mulberry32 } from '../../util/prng.ts';
import type { GenerateInput, GenerateOutput } from '../generator-api.ts';
import { ARCHETYPES, archetypeInput } from './archetypes.ts';
import { amountOf, targetRanges } from './constraints.ts';
import { closePlanGenerator, generatePlan } from './index.ts';
import { MAX_SERVINGS_PER_DAY } from './model.ts';
import { loadCuratedPool } from './pool.ts';

/**
 * Property tests of the generator through its worker, as the app runs it: random clients (seeded, so a
 * failure names a seed that replays it), short plans and small time limits.
 */

const pool = loadCuratedPool();
const byId = new Map(pool.map((f) => [f.foodId, f]));

afterAll(() => closePlanGenerator());

/** Pool groups each pattern must never be given (written out here, independently of the generator). */
const FORBIDDEN: Record<string, string[]> = {
  vegan: ['dairy', 'eggs', 'poultry', 'meat', 'fish', 'shellfish'],
  vegetarian: ['poultry', 'meat', 'fish', 'shellfish'],
  'lacto-vegetarian': ['poultry', 'meat', 'fish', 'shellfish', 'eggs'],
  'ovo-vegetarian': ['poultry', 'meat', 'fish', 'shellfish', 'dairy'],
  pescatarian: ['poultry', 'meat'],
};

function withTarget(targets: TargetValue[], key: string, patch: Partial<TargetValue>): TargetValue[] {
  return targets.map((t) => (t.key === key ? { ...t, ...patch } : t));
}

function randomInput(seed: number): GenerateInput {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const base = archetypeInput(pick(ARCHETYPES), 2, seed, 0.4);
  const allergies = ['Peanut', 'milk', 'Tree nuts', 'wheat', 'soy', 'Sesame', 'egg', 'fish'].filter(() => rnd() < 0.25);
  const dietPattern = pick(DIET_PATTERNS);
  const excludedFoodIds = pool.filter(() => rnd() < 0.1).map((f) => f.foodId);
  return { ...base, client: { ...base.client, dietPattern, allergies }, excludedFoodIds };
}

function checkHard(input: GenerateInput, out: GenerateOutput): void {
  const ranges = targetRanges(input.targets).filter((r) => r.hard !== null);
  const slotType = new Map(input.slots.map((s) => [s.key, s.mealType]));
  const allergenIds = new Set(input.client.allergies.flatMap((a) => [...allergenGroups(a)]));
  const forbidden = FORBIDDEN[input.client.dietPattern] ?? [];
  const mainsByDay = new Map<number, Set<string>>();
  for (const day of input.fillDays) {
    const entries = out.entries.filter((e) => e.day === day);
    const servings = new Map<string, number>();
    for (const e of entries) {
      const food = byId.get(e.foodId);
      expect(food, e.foodId).toBeDefined();
      if (!food) continue;
      expect(forbidden, `${food.name} for a ${input.client.dietPattern} client`).not.toContain(food.foodGroup);
      expect(
        food.allergens.filter((a) => allergenIds.has(a)),
        `${food.name} for ${input.client.allergies.join(', ')}`,
      ).toEqual([]);
      expect(input.excludedFoodIds).not.toContain(e.foodId);
      expect(food.mealTypes).toContain(slotType.get(e.slot));
      expect(e.grams).toBeCloseTo(food.measure.grams * e.servings, 0);
      servings.set(e.foodId, (servings.get(e.foodId) ?? 0) + e.servings);
      if (food.main) mainsByDay.set(day, (mainsByDay.get(day) ?? new Set()).add(e.foodId));
    }
    for (const [id, n] of servings) expect(n, id).toBeLessThanOrEqual(MAX_SERVINGS_PER_DAY);
    const fixed = input.fixed.filter((f) => f.day === day);
    for (const r of ranges) {
      const total =
        entries.reduce((a, e) => a + amountOf(byId.get(e.foodId)?.per100g ?? {}, r.key, e.grams), 0) +
        fixed.reduce((a, f) => a + amountOf(f.per100g, r.key, f.grams), 0);
      expect(total, `day ${day} ${r.key}`).toBeLessThanOrEqual((r.hard ?? Infinity) + 1e-6);
    }
  }
  for (const [day, mains] of mainsByDay) {
    for (const id of mains)
      expect(mainsByDay.get(day + 1)?.has(id) ?? false, `${id} on days ${day} and ${day + 1}`).toBe(false);
  }
}

describe('generatePlan', () => {
  it('keeps every hard constraint for random clients (diet, allergens, exclusions, limits, slots, servings, mains)', async () => {
    for (const seed of [11, 12, 13]) {
      const input = randomInput(seed);
      const out = await generatePlan(input);
      expect(out.cancelled).toBe(false);
      expect(out.entries.length, `seed ${seed}`).toBeGreaterThan(0);
      checkHard(input, out);
    }
  });

  it('keeps pinned entries in the count: a pinned main is not repeated the next day, and the limits include it', async () => {
    const input = archetypeInput(ARCHETYPES[1]!, 2, 5, 1);
    const lentils = byId.get('usda:16070')!;
    // Lentils are the only main dish left, so only the rule keeps them off day 2's lunch and dinner.
    input.excludedFoodIds = pool.filter((f) => f.main && f.foodId !== lentils.foodId).map((f) => f.foodId);
    input.fixed = [
      { day: 1, slot: 'dinner', foodId: lentils.foodId, grams: 198, per100g: lentils.per100g, main: true },
    ];
    const out = await generatePlan(input);
    expect(out.entries.some((e) => e.foodId === lentils.foodId && e.day === 2)).toBe(false);
    expect(out.entries.filter((e) => e.day === 1 && e.slot === 'dinner' && byId.get(e.foodId)?.main)).toEqual([]);
    checkHard(input, out);
  });

  it('names a target the foods cannot reach, with the most they can give', async () => {
    const base = archetypeInput(ARCHETYPES[1]!, 1, 3, 1);
    const input = {
      ...base,
      targets: withTarget(base.targets, 'vitaminDMcg', { value: 300, min: 300, max: null, ul: null }),
    };
    const out = await generatePlan(input);
    const d = out.unmet.find((u) => u.key === 'vitaminDMcg');
    expect(d?.days).toEqual([1]);
    expect(d?.reason).toMatch(
      /^Vitamin D 300 µg is not reachable from the plan's foods within the energy target \(at most [\d.]+ µg\)/,
    );
    expect(d?.reason).toContain('supplement');
  });

  it("a pregnant vegetarian's iron, capped at its UL, is met within the band under the UL", async () => {
    const input = archetypeInput(ARCHETYPES[0]!, 1, 3, 1);
    expect(input.targets.find((t) => t.key === 'ironMg')).toMatchObject({ min: 40.5, max: 45 });
    const out = await generatePlan(input);
    expect(out.unmet.find((u) => u.key === 'ironMg')).toBeUndefined();
  });

  it('says why a target equal to its upper limit (a range of one point) is not met', async () => {
    const base = archetypeInput(ARCHETYPES[0]!, 1, 3, 1);
    const input = { ...base, targets: withTarget(base.targets, 'ironMg', { value: 45, min: 45, max: 45, ul: 45 }) };
    const out = await generatePlan(input);
    expect(out.unmet.find((u) => u.key === 'ironMg')?.reason).toMatch(/^Iron 45 mg equals its upper limit/);
  });

  it('gives eating-disorder-sensitive clients reasons without energy wording or figures', async () => {
    const base = archetypeInput(ARCHETYPES[2]!, 1, 3, 1);
    const targets = withTarget(
      withTarget(base.targets, 'vitaminDMcg', { value: 300, min: 300, max: null, ul: null }),
      'energyKcal',
      {
        value: 9000,
        min: 8100,
        max: 9900,
      },
    );
    const out = await generatePlan({ ...base, targets, client: { ...base.client, edSensitive: true } });
    expect(out.unmet.map((u) => u.key)).toEqual(expect.arrayContaining(['energyKcal', 'vitaminDMcg']));
    for (const u of out.unmet) {
      expect(u.reason).not.toMatch(ENERGY_FIGURE);
      expect(u.reason).not.toMatch(/energy|kcal|calorie/i);
    }
  });

  it('stops when cancelled and reports the days it finished', async () => {
    const input = archetypeInput(ARCHETYPES[0]!, 7, 9, 1);
    const controller = new AbortController();
    const progress: number[] = [];
    const out = await generatePlan(input, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.done);
        if (p.done === 1) controller.abort();
      },
    });
    expect(out.cancelled).toBe(true);
    expect(new Set(out.entries.map((e) => e.day))).toEqual(new Set([1]));
    expect(progress.at(-1)).toBe(1);
    // The generator works again after a cancel (a fresh thread).
    const again = await generatePlan(archetypeInput(ARCHETYPES[2]!, 1, 9, 1));
    expect(again.cancelled).toBe(false);
    expect(again.entries.length).toBeGreaterThan(0);
  });

  it('gives the same plan for the same seed, and another for another seed', async () => {
    const input = archetypeInput(ARCHETYPES[2]!, 1, 21, 30);
    const a = await generatePlan(input);
    const b = await generatePlan(input);
    expect(b.entries).toEqual(a.entries);
    const c = await generatePlan({ ...input, seed: 22 });
    expect(c.entries).not.toEqual(a.entries);
  });
});
