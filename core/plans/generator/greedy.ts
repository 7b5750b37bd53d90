import type { GeneratedEntry, GenerateInput, PlanFood } from '../generator-api.ts';
import { mulberry32 } from '../../util/prng.ts';
import { amountOf, eligibleFoods, targetRanges } from './constraints.ts';
import { MAX_SERVINGS_PER_DAY, SLOT_FOODS } from './model.ts';
import { amountLabel, dayTotals, judgeDay, planFoods } from './solve.ts';

/** Share of the day's energy each meal type gets in the greedy plan. */
const SLOT_SHARE = { breakfast: 0.25, lunch: 0.3, dinner: 0.35, snack: 0.1 } as const;

/**
 * The baseline the optimiser is measured against: for each slot, foods in a seeded random order (a main
 * dish first at lunch and dinner, never yesterday's), one serving at a time until the slot's share of
 * the energy target is filled, skipping any food that would pass a hard limit. The same hard
 * constraints as the optimiser; no look at any other nutrient.
 */
export function greedyPlan(input: GenerateInput): { entries: GeneratedEntry[]; inRange: number } {
  const foods = eligibleFoods(planFoods(input), input);
  const ranges = targetRanges(input.targets);
  const hard = ranges.filter((r) => r.hard !== null);
  const energy = input.targets.find((t) => t.key === 'energyKcal')?.value ?? 2000;
  const rand = mulberry32(input.seed);
  const keep = new Set(input.keepSlots);
  const byId = new Map(foods.map((f) => [f.foodId, f]));
  const shares = input.slots.reduce((a, s) => a + SLOT_SHARE[s.mealType], 0);
  const entries: GeneratedEntry[] = [];
  let ok = 0;
  let judged = 0;
  let yesterday = new Set<string>();

  for (const day of [...new Set(input.fillDays)].sort((a, b) => a - b)) {
    const fixed = input.fixed.filter((f) => f.day === day);
    const servings = new Map<string, number>();
    const today: GeneratedEntry[] = [];
    const mains = new Set<string>();
    for (const slot of input.slots) {
      if (keep.has(`${day}:${slot.key}`)) continue;
      const budget = (energy * SLOT_SHARE[slot.mealType]) / shares;
      let filled = fixed
        .filter((f) => f.slot === slot.key)
        .reduce((a, f) => a + amountOf(f.per100g, 'energyKcal', f.grams), 0);
      let count = fixed.filter((f) => f.slot === slot.key).length;
      const order = foods
        .filter((f) => f.mealTypes.includes(slot.mealType) && !(f.main && yesterday.has(f.foodId)))
        .map((f) => ({ f, r: rand() }))
        .sort((a, b) => a.r - b.r)
        .map((x) => x.f);
      const wantsMain = slot.mealType === 'lunch' || slot.mealType === 'dinner';
      const ordered: PlanFood[] = wantsMain
        ? [...order.filter((f) => f.main).slice(0, 1), ...order.filter((f) => !f.main)]
        : order.filter((f) => !f.main);
      for (const f of ordered) {
        if (filled >= budget || count >= SLOT_FOODS[slot.mealType][1]) break;
        const kcal = amountOf(f.per100g, 'energyKcal', f.measure.grams);
        if (
          (servings.get(f.foodId) ?? 0) >= MAX_SERVINGS_PER_DAY ||
          (kcal > 0 && filled + kcal / 2 > budget * 1.25 && count > 0)
        )
          continue;
        const totals = dayTotals(ranges, [
          ...fixed,
          ...[...today, { grams: f.measure.grams, foodId: f.foodId }].map((e) => ({
            grams: e.grams,
            per100g: byId.get(e.foodId)?.per100g ?? {},
          })),
        ]);
        if (hard.some((r) => (totals[r.key] ?? 0) > (r.hard ?? Infinity))) continue;
        today.push({
          day,
          slot: slot.key,
          foodId: f.foodId,
          grams: f.measure.grams,
          amount: amountLabel(f, 1),
          servings: 1,
        });
        servings.set(f.foodId, (servings.get(f.foodId) ?? 0) + 1);
        if (f.main) mains.add(f.foodId);
        filled += kcal;
        count++;
      }
    }
    const totals = dayTotals(ranges, [
      ...fixed,
      ...today.map((e) => ({ grams: e.grams, per100g: byId.get(e.foodId)?.per100g ?? {} })),
    ]);
    const j = judgeDay(ranges, totals);
    ok += j.ok;
    judged += j.judged;
    entries.push(...today);
    yesterday = mains;
  }
  return { entries, inRange: judged === 0 ? 1 : ok / judged };
}
