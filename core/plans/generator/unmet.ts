import { stripNumbersForEdSensitive } from '../../rules/guardrails.ts';
import type { GenerateInput, GenerateOutput, PlanFood } from '../generator-api.ts';
import { amountOf, type TargetRange } from './constraints.ts';
import { LpModel } from './lp.ts';
import { MAX_HALF_SERVINGS, MAX_SERVINGS_PER_DAY } from './model.ts';
import type { DayOutcome, Solver } from './solve.ts';

type Unmet = GenerateOutput['unmet'][number];

/** A target a day missed: below its range or above it. */
export interface Shortfall {
  key: string;
  dir: 'low' | 'high';
  value: number;
}

/** Nutrients a fortified food or a supplement usually supplies when plain foods cannot. */
const FORTIFIABLE = new Set([
  'vitaminDMcg',
  'vitaminB12Mcg',
  'calciumMg',
  'ironMg',
  'folateMcg',
  'vitaminAMcg',
  'zincMg',
]);

const fmt = (x: number): string =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: x >= 100 ? 0 : 1 }).format(x);

interface Context {
  input: GenerateInput;
  foods: readonly PlanFood[];
  /** The ranges a day is judged by (the targets in force on that day's date). */
  rangesOf: (day: number) => readonly TargetRange[];
  outcomes: readonly DayOutcome[];
  highs: Solver;
  timeLimit: number;
}

/**
 * The most (or least) of one nutrient a day can hold from the eligible foods in their slots, within every
 * hard limit and the energy target's range, with the day's fixed entries counted: a linear relaxation,
 * so "not reachable" is a proof, not the solver giving up. Null when the relaxation has no solution.
 */
function extreme(ctx: Context, day: number, key: string, sense: 'Maximize' | 'Minimize'): number | null {
  const lp = new LpModel();
  lp.sense = sense;
  const fixed = ctx.input.fixed.filter((f) => f.day === day);
  const fixedOf = (k: string): number => fixed.reduce((a, f) => a + amountOf(f.per100g, k, f.grams), 0);
  const pairs: { v: string; food: PlanFood }[] = [];
  const keep = new Set(ctx.input.keepSlots);
  let i = 0;
  for (const s of ctx.input.slots) {
    if (keep.has(`${day}:${s.key}`)) continue;
    for (const food of ctx.foods) {
      if (!food.mealTypes.includes(s.mealType)) continue;
      pairs.push({ v: lp.addVar(`n${i++}`, 0, MAX_HALF_SERVINGS), food });
    }
  }
  const row = (k: string) => pairs.map((p) => ({ v: p.v, c: amountOf(p.food.per100g, k, p.food.measure.grams / 2) }));
  const byFood = new Map<string, { v: string; c: number }[]>();
  for (const p of pairs) byFood.set(p.food.foodId, [...(byFood.get(p.food.foodId) ?? []), { v: p.v, c: 1 }]);
  for (const terms of byFood.values()) if (terms.length > 1) lp.addRow(terms, '<=', MAX_SERVINGS_PER_DAY * 2);
  const ranges = ctx.rangesOf(day);
  for (const r of ranges) {
    if (r.hard !== null) lp.addRow(row(r.key), '<=', Math.max(0, r.hard - fixedOf(r.key)));
  }
  const energy = ranges.find((r) => r.key === 'energyKcal');
  if (energy && key !== 'energyKcal') {
    const v = energy.target.value;
    lp.addRow(row('energyKcal'), '>=', (energy.lo ?? v * 0.9) - fixedOf('energyKcal'));
    lp.addRow(row('energyKcal'), '<=', (energy.hi ?? v * 1.1) - fixedOf('energyKcal'));
  }
  for (const t of row(key)) lp.addObjective(t.v, t.c);
  if (pairs.length === 0) return fixedOf(key);
  const res = ctx.highs.solve(lp.toString(), { output_flag: false, time_limit: Math.max(1, ctx.timeLimit) });
  if (res.Status !== 'Optimal') return null;
  let total = fixedOf(key);
  for (const p of pairs)
    total += (res.Columns[p.v]?.Primal ?? 0) * amountOf(p.food.per100g, key, p.food.measure.grams / 2);
  return total;
}

/** Which targets some days missed, on which days, and why (from a relaxation of the day's model). */
export function explainUnmet(ctx: Context): Unmet[] {
  const ed = ctx.input.client.edSensitive;
  const within = ed ? "within the day's planned amounts" : 'within the energy target';
  const missed = new Map<string, { dir: 'low' | 'high'; days: number[] }>();
  for (const d of ctx.outcomes) {
    for (const m of d.misses) {
      const id = `${m.key}:${m.dir}`;
      const entry = missed.get(id) ?? { dir: m.dir, days: [] };
      entry.days.push(d.day);
      missed.set(id, entry);
    }
  }
  const out: Unmet[] = [];
  for (const [id, { dir, days }] of missed) {
    const key = id.slice(0, id.lastIndexOf(':'));
    const day = days[0] ?? 1;
    const r = ctx.rangesOf(day).find((x) => x.key === key);
    if (!r) continue;
    const t = r.target;
    const u = t.unit;
    let reason: string;
    if (key === 'energyKcal') {
      const best = extreme(ctx, day, key, dir === 'low' ? 'Maximize' : 'Minimize');
      const reachable = best !== null && (dir === 'low' ? best >= (r.lo ?? t.value) : best <= (r.hi ?? t.value));
      reason = ed
        ? `The planned amounts could not be fitted to the day's target together with the client's limits and pinned entries; review the pinned entries or add foods.`
        : reachable
          ? `${t.label} ${fmt(t.value)} ${u} is reachable from the plan's foods but not together with the other targets and limits on these days; review the pinned entries or add foods.`
          : `${t.label} ${fmt(t.value)} ${u} is not reachable from the plan's foods within the hard limits (${dir === 'low' ? 'at most' : 'at least'} ${best === null ? 'none' : fmt(best)} ${u}); review the pinned entries, the limits or add foods.`;
    } else if (dir === 'low' && r.hard !== null && (r.lo ?? t.value) >= r.hard) {
      reason = `${t.label} ${fmt(r.lo ?? t.value)} ${u} equals its upper limit, so only exactly that amount is in range, which whole and half servings do not land on; review the target (e.g. just under the limit) or use a supplement for the difference.`;
    } else if (dir === 'low') {
      const lo = r.lo ?? t.value;
      const best = extreme(ctx, day, key, 'Maximize');
      const advice = FORTIFIABLE.has(key)
        ? 'add a supplement or allow fortified foods'
        : 'add foods rich in it (recipes or custom foods) or review the target';
      reason =
        best === null
          ? `${t.label} ${fmt(lo)} ${u} cannot be planned: the client's hard limits and pinned entries leave no plan ${within}; review the pinned entries.`
          : best < lo
            ? `${t.label} ${fmt(lo)} ${u} is not reachable from the plan's foods ${within} (at most ${fmt(best)} ${u}); ${advice}.`
            : `${t.label} ${fmt(lo)} ${u} is reachable from the plan's foods alone (up to ${fmt(best)} ${u}) but not together with the other targets and limits; ${advice}, or allow more foods.`;
    } else {
      const hi = r.hi ?? t.value;
      const least = extreme(ctx, day, key, 'Minimize');
      reason =
        least === null
          ? `${t.label} cannot be kept under ${fmt(hi)} ${u}: the client's hard limits and pinned entries leave no plan ${within}; review the pinned entries.`
          : least > hi
            ? `${t.label} cannot be kept under ${fmt(hi)} ${u} with the plan's foods ${within} (at least ${fmt(least)} ${u}); review the pinned entries or the target.`
            : `${t.label} can be kept under ${fmt(hi)} ${u} (down to ${fmt(least)} ${u}) but not together with the other targets; allow more foods or review the target.`;
    }
    out.push({ key: t.key, label: t.label, days, reason: ed ? stripNumbersForEdSensitive(reason) : reason });
  }
  return out;
}
