import type { GeneratedEntry, GenerateInput, GenerateOutput, PlanFood } from '../generator-api.ts';
import { statusOf } from '../../targets/status.ts';
import { mulberry32 } from '../../util/prng.ts';
import { amountOf, eligibleFoods, targetRanges, type TargetRange } from './constraints.ts';
import { buildDayModel, type DayModel, type SlotToFill } from './model.ts';
import { loadCuratedPool } from './pool.ts';
import { explainUnmet, type Shortfall } from './unmet.ts';

type Unmet = GenerateOutput['unmet'][number];

/** The HiGHS one-shot solver (the wasm build's legacy API). */
export interface Solver {
  solve(
    lp: string,
    options: Record<string, unknown>,
  ): {
    Status: string;
    Columns: Record<string, { Primal?: number }>;
  };
}

export interface DayOutcome {
  day: number;
  entries: GeneratedEntry[];
  /** Judged targets of the day, and how many were in range. */
  judged: number;
  ok: number;
  /** Targets out of range, with the direction. */
  misses: Shortfall[];
  /** The solver's status in words. */
  status: string;
}

export interface SolveHooks {
  onDay?: (d: DayOutcome, done: number, total: number) => void;
  /** Checked between days: true stops the plan where it is. */
  stopped?: () => boolean;
  /** The curated pool file (a packaged app keeps it outside the bundle); default: the repository's. */
  poolFile?: string | undefined;
}

export const DEFAULT_TIME_LIMIT_PER_DAY = 3;
const MIP_REL_GAP = 0.5;
/** Within a couple of foods' cost of the best bound is good enough: the targets' slack weighs far more. */
const MIP_ABS_GAP = 2;
/** Foods of each slot offered to the day's MIP besides those the relaxation chose. */
const SAMPLE_PER_SLOT = 3;
/**
 * The search stops after this many branch-and-bound nodes: a limit in work, not time, so the same input
 * and seed give the same plan on a busy machine too (the time limit is only a backstop).
 */
const MIP_MAX_NODES = 200;

/** The curated pool and the practitioner's foods, without duplicates (the practitioner's own win). */
export function planFoods(input: GenerateInput, poolFile?: string): PlanFood[] {
  const extra = new Set(input.extraFoods.map((f) => f.foodId));
  return [...input.extraFoods, ...loadCuratedPool(poolFile).filter((f) => !extra.has(f.foodId))];
}

/** "1 cup cooked (195 g)" for one serving; "1½ × 1 cup cooked (293 g)" otherwise. */
export function amountLabel(food: PlanFood, servings: number): string {
  const grams = Math.round(food.measure.grams * servings);
  if (servings === 1) return food.measure.label;
  const bare = food.measure.label.replace(/\s*\([\d.,]+\s*g\)\s*$/, '');
  const whole = Math.floor(servings);
  const count = servings - whole === 0.5 ? `${whole === 0 ? '' : whole}½` : String(servings);
  return `${count} × ${bare} (${grams} g)`;
}

export function dayTotals(
  ranges: readonly TargetRange[],
  entries: readonly { grams: number; per100g: Partial<Record<string, number>> }[],
): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const r of ranges) totals[r.key] = 0;
  for (const e of entries)
    for (const r of ranges) totals[r.key] = (totals[r.key] ?? 0) + amountOf(e.per100g, r.key, e.grams);
  return totals;
}

/** The dashboard's judgement of a day's totals: in range, low or high per judged target. */
export function judgeDay(
  ranges: readonly TargetRange[],
  totals: Record<string, number>,
): { ok: number; judged: number; misses: Shortfall[] } {
  let ok = 0;
  let judged = 0;
  const misses: Shortfall[] = [];
  for (const r of ranges) {
    const s = statusOf(r.target, totals[r.key] ?? 0);
    if (s === 'ok') ok++;
    if (s === 'ok' || s === 'low' || s === 'high') judged++;
    if (s === 'low' || s === 'high') misses.push({ key: r.key, dir: s, value: totals[r.key] ?? 0 });
  }
  return { ok, judged, misses };
}

function hasSolution(status: string): boolean {
  return (
    status === 'Optimal' ||
    status === 'Time limit reached' ||
    status === 'Interrupt' ||
    status === 'Iteration limit reached'
  );
}

export interface PlanRun {
  days: DayOutcome[];
  unmet: Unmet[];
  inRange: number;
  cancelled: boolean;
}

/**
 * Fills the plan day by day (each day one MIP with yesterday's mains banned and earlier days' foods
 * penalised), then explains the targets some days missed. Pure apart from the solver: the same input
 * and seed give the same plan.
 */
export function solvePlan(input: GenerateInput, highs: Solver, hooks: SolveHooks = {}): PlanRun {
  const all = planFoods(input, hooks.poolFile);
  const foods = eligibleFoods(all, input);
  const startRanges = targetRanges(input.targets);
  const dayRanges = new Map(
    Object.entries(input.targetsByDay ?? {}).map(([day, targets]) => [Number(day), targetRanges(targets)]),
  );
  const rangesOf = (day: number) => dayRanges.get(day) ?? startRanges;
  const rand = mulberry32(input.seed);
  const jitterOf = new Map(foods.map((f) => [f.foodId, 0]));
  const timeLimit = input.timeLimitPerDay ?? DEFAULT_TIME_LIMIT_PER_DAY;
  const keep = new Set(input.keepSlots);
  const fillDays = [...new Set(input.fillDays)].sort((a, b) => a - b);
  const foodById = new Map(foods.map((f) => [f.foodId, f]));
  const allById = new Map(all.map((f) => [f.foodId, f]));

  const mainsOn = new Map<number, Set<string>>();
  const addMain = (day: number, foodId: string): void => {
    const set = mainsOn.get(day) ?? new Set<string>();
    set.add(foodId);
    mainsOn.set(day, set);
  };
  for (const f of input.fixed) if (f.main) addMain(f.day, f.foodId);
  const usedBefore = new Map<string, number>();
  const outcomes: DayOutcome[] = [];
  let cancelled = false;

  for (const [index, day] of fillDays.entries()) {
    if (hooks.stopped?.()) {
      cancelled = true;
      break;
    }
    for (const f of foods) jitterOf.set(f.foodId, rand() * 0.03);
    const ranges = rangesOf(day);
    const fixed = input.fixed.filter((f) => f.day === day);
    const slots: SlotToFill[] = input.slots
      .filter((s) => !keep.has(`${day}:${s.key}`))
      .map((slot) => ({
        slot,
        fixedCount: fixed.filter((f) => f.slot === slot.key).length,
        fixedMain: fixed.some((f) => f.slot === slot.key && f.main),
      }));
    const fixedHalf = new Map<string, number>();
    for (const f of fixed) {
      const food = allById.get(f.foodId);
      if (food) fixedHalf.set(f.foodId, (fixedHalf.get(f.foodId) ?? 0) + Math.ceil((2 * f.grams) / food.measure.grams));
    }
    const fixedTotals = dayTotals(ranges, fixed);
    const todayFixedMains = new Set(fixed.filter((f) => f.main).map((f) => f.foodId));
    const banned = new Set(
      [...(mainsOn.get(day - 1) ?? []), ...(mainsOn.get(day + 1) ?? [])].filter((id) => !todayFixedMains.has(id)),
    );
    const base = {
      slots,
      foods,
      ranges,
      fixedTotals,
      fixedHalfServings: fixedHalf,
      bannedMains: banned,
      usedBefore,
      jitter: (id: string) => jitterOf.get(id) ?? 0,
    };

    // The linear relaxation of the whole day picks the foods that can meet the targets together; the MIP
    // then chooses among those and a seeded sample of the others (a much smaller model, solved in a
    // fraction of the time, and the sample varies the days).
    const full = buildDayModel(base);
    const relaxation = highs.solve(full.lp.toString(true), { output_flag: false, time_limit: timeLimit });
    const allow = new Set<string>();
    if (relaxation.Status === 'Optimal') {
      for (const p of full.pairs)
        if ((relaxation.Columns[p.n]?.Primal ?? 0) > 1e-6) allow.add(`${p.slot}|${p.food.foodId}`);
    }
    for (const s of slots) {
      const own = full.pairs.filter((p) => p.slot === s.slot.key);
      const sample = own
        .map((p) => ({ p, r: rand() + (usedBefore.get(p.food.foodId) ?? 0) * 0.25 }))
        .sort((a, b) => a.r - b.r);
      for (const { p } of sample.slice(0, SAMPLE_PER_SLOT)) allow.add(`${p.slot}|${p.food.foodId}`);
    }
    const options = {
      output_flag: false,
      time_limit: timeLimit,
      mip_rel_gap: MIP_REL_GAP,
      mip_abs_gap: MIP_ABS_GAP,
      random_seed: Math.abs(Math.trunc(input.seed)) % 2147483647,
      mip_max_nodes: MIP_MAX_NODES,
    };
    let model: DayModel = buildDayModel({ ...base, allow });
    let result = highs.solve(model.lp.toString(), options);
    if (!hasSolution(result.Status)) {
      model = full;
      result = highs.solve(model.lp.toString(), options);
    }
    if (!hasSolution(result.Status)) {
      model = buildDayModel({ ...base, relaxed: true });
      result = highs.solve(model.lp.toString(), options);
    }
    const entries: GeneratedEntry[] = [];
    if (hasSolution(result.Status)) {
      for (const p of model.pairs) {
        const half = Math.round(result.Columns[p.n]?.Primal ?? 0);
        if (half <= 0) continue;
        const servings = half / 2;
        entries.push({
          day,
          slot: p.slot,
          foodId: p.food.foodId,
          grams: Math.round(p.food.measure.grams * servings * 10) / 10,
          amount: amountLabel(p.food, servings),
          servings,
        });
      }
    }
    const slotOrder = new Map(input.slots.map((s, i) => [s.key, i]));
    entries.sort((a, b) => (slotOrder.get(a.slot) ?? 0) - (slotOrder.get(b.slot) ?? 0));
    const totals = dayTotals(ranges, [
      ...fixed,
      ...entries.map((e) => ({ grams: e.grams, per100g: foodById.get(e.foodId)?.per100g ?? {} })),
    ]);
    const judged = judgeDay(ranges, totals);
    for (const e of entries) {
      if (foodById.get(e.foodId)?.main) addMain(day, e.foodId);
    }
    for (const id of new Set(entries.map((e) => e.foodId))) usedBefore.set(id, (usedBefore.get(id) ?? 0) + 1);
    const outcome: DayOutcome = { day, entries, ...judged, status: result.Status };
    outcomes.push(outcome);
    hooks.onDay?.(outcome, index + 1, fillDays.length);
  }

  const unmet = explainUnmet({ input, foods, rangesOf, outcomes, highs, timeLimit });
  const judged = outcomes.reduce((a, d) => a + d.judged, 0);
  const ok = outcomes.reduce((a, d) => a + d.ok, 0);
  return { days: outcomes, unmet, inRange: judged === 0 ? 1 : ok / judged, cancelled };
}
