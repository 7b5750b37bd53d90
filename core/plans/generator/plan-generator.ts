import type { PoolFood, SwapOption } from '../../contract/plans.ts';
import type { TargetValue } from '../../contract/targets.ts';
import { statusOf } from '../../targets/status.ts';
import type { GenerateInput, PlanFood } from '../generator-api.ts';
import type { PlanGenerator } from '../plan-generator.ts';
import type { z } from 'zod';
import { amountOf, eligibleFoods } from './constraints.ts';
import { generatePlan } from './index.ts';
import { loadCuratedPool } from './pool.ts';
import { amountLabel } from './solve.ts';

/**
 * The plans service's generator: the HiGHS model in its worker thread, the curated pool, and swap
 * suggestions. A fixed entry counts as a main dish when the pool says its food is one, so a pinned main
 * keeps the next day from repeating it.
 */
export function createPlanGenerator(options: { poolFile?: string } = {}): PlanGenerator {
  const pool = (): PlanFood[] => loadCuratedPool(options.poolFile);
  const byId = (): Map<string, PlanFood> => new Map(pool().map((f) => [f.foodId, f]));

  return {
    generate(input, control) {
      // The practitioner's foods say for themselves whether they are main dishes.
      const known = byId();
      for (const f of input.extraFoods) known.set(f.foodId, f);
      const fixed = input.fixed.map((e) => ({ ...e, main: e.main || (known.get(e.foodId)?.main ?? false) }));
      return generatePlan({ ...input, fixed }, control);
    },

    pool() {
      return pool();
    },

    swapOptions({ entry, day, limit }) {
      return swapOptions(pool(), entry, day, limit);
    },
  };
}

/** The pool as the contract lists it (what the practitioner sees of it). */
export function poolView(foods: readonly PlanFood[]): PoolFood[] {
  return foods.map((f) => ({
    foodId: f.foodId,
    name: f.name,
    mealTypes: f.mealTypes,
    measure: f.measure,
    main: f.main,
    foodGroup: f.foodGroup,
    storeSection: f.storeSection,
    origin: f.origin,
  }));
}

/** The nutrients a swap is compared on: energy and the macronutrients a practitioner balances. */
const PROFILE = ['energyKcal', 'proteinG', 'carbG', 'fatG', 'fibreG'] as const;

/** Half servings from half a serving to four, as the generator counts them. */
const servingsFor = (kcal: number, perServing: number): number =>
  perServing <= 0 ? 1 : Math.min(4, Math.max(0.5, Math.round((kcal / perServing) * 2) / 2));

/**
 * Foods that could stand in for one entry: the client's eligible pool foods of the slot's meal type
 * (diet, allergies and exclusions as the generator applies them), each in the half-serving count
 * closest to the entry's energy. `similarity` is 1 minus the mean relative difference over energy,
 * protein, carbohydrate, fat and fibre; `keepsDayInRange` says whether every target the day meets
 * stays met (the dashboard's rule) with the swap made.
 */
function swapOptions(
  pool: readonly PlanFood[],
  entry: { day: number; slot: string; foodId: string; grams: number },
  day: GenerateInput,
  limit: number,
): z.infer<typeof SwapOption>[] {
  const all = [...pool, ...day.extraFoods];
  const current = day.fixed.find((f) => f.day === entry.day && f.slot === entry.slot && f.foodId === entry.foodId);
  const per100g = current?.per100g ?? all.find((f) => f.foodId === entry.foodId)?.per100g ?? {};
  const mealType = day.slots.find((s) => s.key === entry.slot)?.mealType;
  const dayEntries = day.fixed.filter((f) => f.day === entry.day);
  const totalsWith = (swap: { per100g: Partial<Record<string, number>>; grams: number } | null) => {
    const totals = new Map<string, number>();
    let replaced = false;
    for (const f of dayEntries) {
      const isEntry = !replaced && f.slot === entry.slot && f.foodId === entry.foodId && f.grams === entry.grams;
      if (isEntry) replaced = true;
      const source = isEntry && swap ? swap : f;
      for (const t of day.targets)
        totals.set(t.key, (totals.get(t.key) ?? 0) + amountOf(source.per100g, t.key, source.grams));
    }
    return totals;
  };
  const judged = (t: TargetValue, totals: Map<string, number>) => statusOf(t, totals.get(t.key) ?? 0);
  const before = totalsWith(null);
  const metBefore = day.targets.filter((t) => t.kind !== 'info' && judged(t, before) === 'ok');
  const mine = PROFILE.map((k) => amountOf(per100g, k, entry.grams));

  return eligibleFoods(all, day)
    .filter((f) => f.foodId !== entry.foodId && (mealType === undefined || f.mealTypes.includes(mealType)))
    .map((f) => {
      const kcalPerServing = amountOf(f.per100g, 'energyKcal', f.measure.grams);
      const servings = servingsFor(mine[0] ?? 0, kcalPerServing);
      const grams = Math.round(f.measure.grams * servings);
      const theirs = PROFILE.map((k) => amountOf(f.per100g, k, grams));
      const diff = mine.map((a, i) => {
        const b = theirs[i] ?? 0;
        return Math.abs(a - b) / Math.max(a, b, 1);
      });
      const similarity = Math.max(0, 1 - diff.reduce((s, d) => s + d, 0) / diff.length);
      const after = totalsWith({ per100g: f.per100g, grams });
      return {
        food: { id: f.foodId, name: f.name, amountLabel: amountLabel(f, servings), grams },
        similarity: Math.round(similarity * 1000) / 1000,
        keepsDayInRange: metBefore.every((t) => judged(t, after) === 'ok'),
      };
    })
    .sort((a, b) => Number(b.keepsDayInRange) - Number(a.keepsDayInRange) || b.similarity - a.similarity)
    .slice(0, limit);
}
