import type { PlanSlot } from '../../contract/plans.ts';
import type { PlanFood } from '../generator-api.ts';
import { amountOf, type TargetRange } from './constraints.ts';
import { LpModel, type Term } from './lp.ts';

/**
 * One day's mixed-integer model. Each (slot, food) pair the slot's meal type allows has an integer count
 * of half servings (0..MAX_HALF_SERVINGS) and a binary "used" flag; each judged target has shortfall and
 * excess variables against its range (soft), and every upper limit is a hard row. The objective weighs
 * relative shortfall and excess heavily, then a small cost per food used and per food already used on
 * earlier days (variety), with a seeded jitter that breaks ties the same way for the same seed.
 */

/** Half servings: a food is planned in steps of half its measure, up to two servings in one slot. */
export const MAX_HALF_SERVINGS = 4;
/** At most this many servings of one food a day (all slots together). */
export const MAX_SERVINGS_PER_DAY = 2;
/** Foods per slot by meal type: [fewest, most] (pinned entries count). */
export const SLOT_FOODS: Record<PlanSlot['mealType'], [number, number]> = {
  breakfast: [2, 4],
  lunch: [2, 4],
  dinner: [3, 4],
  snack: [1, 2],
};
/** No slot holds more than this share of the day's energy target. */
export const MAX_SLOT_ENERGY_SHARE = 0.45;
/** Soft ranges are aimed this far inside their edges, so rounding in the solver never lands a hair outside. */
export const AIM_MARGIN = 0.005;
/** How far under a single-point range (target = upper limit) the day aims. */
export const DEGENERATE_SLACK = 0.1;
/** Energy is aimed within ±5 % of the target (inside the wider range the dashboard accepts). */
export const ENERGY_AIM = 0.05;

const SHORTFALL_WEIGHT = 1000;
const KEY_WEIGHT: Record<string, number> = { energyKcal: 4, proteinG: 2 };
const FOOD_COST = 0.05;
const REPEAT_COST = 0.06;

export interface SlotToFill {
  slot: PlanSlot;
  /** Pinned or kept entries already in the slot. */
  fixedCount: number;
  fixedMain: boolean;
}

export interface DayModelInput {
  slots: SlotToFill[];
  foods: readonly PlanFood[];
  ranges: readonly TargetRange[];
  /** Nutrient totals of the day's fixed entries. */
  fixedTotals: Record<string, number>;
  /** Half servings of each food already fixed on the day. */
  fixedHalfServings: Map<string, number>;
  /** Main dishes that may not be used today (on the day before or after). */
  bannedMains: Set<string>;
  /** Days each food was already used in this plan (variety). */
  usedBefore: Map<string, number>;
  jitter: (foodId: string) => number;
  /** Drops the slot structure (fewest foods, a main at lunch and dinner) and the variety costs: a fallback when the full model has no solution. Hard rules stay. */
  relaxed?: boolean;
  /** Only these (slot, food) pairs, as `${slot}|${foodId}` (the candidates the relaxation chose). */
  allow?: Set<string>;
}

export interface Pair {
  n: string;
  y: string;
  slot: string;
  food: PlanFood;
}

export interface DayModel {
  lp: LpModel;
  pairs: Pair[];
  /** The soft range variables, by target key. */
  slack: Map<string, { under: string | null; over: string | null }>;
  /** Half-serving amount of a nutrient for a pair's food. */
  coef: (p: Pair, key: string) => number;
}

function aimRange(r: TargetRange): { lo: number | null; hi: number | null } {
  let { lo, hi } = r;
  if (r.key === 'energyKcal') {
    const v = r.target.value;
    lo = Math.max(lo ?? 0, v * (1 - ENERGY_AIM));
    hi = Math.min(hi ?? Infinity, v * (1 + ENERGY_AIM));
    if (!Number.isFinite(hi)) hi = null;
  }
  // Aimed inside the range, but never past a hard limit (a target may equal its UL, as iron can).
  const cap = r.hard ?? Infinity;
  // A range that is a single point (an RDA raised to its UL, like iron for a pregnant vegetarian) cannot
  // be hit with whole half servings: aim just under it instead of searching for an exact sum.
  if (lo !== null && lo >= cap) return { lo: cap * (1 - DEGENERATE_SLACK), hi };
  return {
    lo: lo === null ? null : Math.min(lo * (1 + AIM_MARGIN), Math.max(lo, cap)),
    hi: hi === null ? null : Math.max(hi * (1 - AIM_MARGIN), lo ?? 0),
  };
}

export function buildDayModel(m: DayModelInput): DayModel {
  const lp = new LpModel();
  const pairs: Pair[] = [];
  const coefCache = new Map<string, number>();
  const coef = (p: Pair, key: string): number => {
    const id = `${p.food.foodId}|${key}`;
    let c = coefCache.get(id);
    if (c === undefined) {
      c = amountOf(p.food.per100g, key, p.food.measure.grams / 2);
      coefCache.set(id, c);
    }
    return c;
  };

  let i = 0;
  for (const s of m.slots) {
    for (const food of m.foods) {
      if (!food.mealTypes.includes(s.slot.mealType)) continue;
      if (food.main && m.bannedMains.has(food.foodId)) continue;
      if (m.allow && !m.allow.has(`${s.slot.key}|${food.foodId}`)) continue;
      const room = MAX_SERVINGS_PER_DAY * 2 - (m.fixedHalfServings.get(food.foodId) ?? 0);
      if (room <= 0) continue;
      const n = lp.addVar(`n${i}`, 0, Math.min(MAX_HALF_SERVINGS, room), 'integer');
      const y = lp.addVar(`y${i}`, 0, 1, 'binary');
      i++;
      const p = { n, y, slot: s.slot.key, food };
      pairs.push(p);
      lp.addRow(
        [
          { v: n, c: 1 },
          { v: y, c: -Math.min(MAX_HALF_SERVINGS, room) },
        ],
        '<=',
        0,
      );
      lp.addRow(
        [
          { v: n, c: 1 },
          { v: y, c: -1 },
        ],
        '>=',
        0,
      );
      const repeat = m.relaxed ? 0 : (m.usedBefore.get(food.foodId) ?? 0) * REPEAT_COST;
      lp.addObjective(y, FOOD_COST + repeat + m.jitter(food.foodId));
    }
  }

  // Per slot: how many foods, one main dish at lunch and dinner (unless one is pinned), energy share.
  const energy = m.ranges.find((r) => r.key === 'energyKcal');
  for (const s of m.slots) {
    const own = pairs.filter((p) => p.slot === s.slot.key);
    const [fewest, most] = SLOT_FOODS[s.slot.mealType];
    const ys = own.map((p) => ({ v: p.y, c: 1 }));
    lp.addRow(ys, '<=', Math.max(0, most - s.fixedCount));
    if (!m.relaxed) lp.addRow(ys, '>=', Math.max(0, Math.min(own.length, fewest - s.fixedCount)));
    const mains = own.filter((p) => p.food.main).map((p) => ({ v: p.y, c: 1 }));
    lp.addRow(mains, '<=', s.fixedMain ? 0 : 1);
    if (!m.relaxed && !s.fixedMain && (s.slot.mealType === 'lunch' || s.slot.mealType === 'dinner') && mains.length) {
      lp.addRow(mains, '>=', 1);
    }
    if (energy) {
      lp.addRow(
        own.map((p) => ({ v: p.n, c: coef(p, 'energyKcal') })),
        '<=',
        energy.target.value * MAX_SLOT_ENERGY_SHARE,
      );
    }
  }

  // One food at most MAX_SERVINGS_PER_DAY a day (its bound per pair covers the fixed part).
  const byFood = new Map<string, Term[]>();
  for (const p of pairs) byFood.set(p.food.foodId, [...(byFood.get(p.food.foodId) ?? []), { v: p.n, c: 1 }]);
  for (const [foodId, terms] of byFood) {
    if (terms.length > 1) lp.addRow(terms, '<=', MAX_SERVINGS_PER_DAY * 2 - (m.fixedHalfServings.get(foodId) ?? 0));
  }

  const slack = new Map<string, { under: string | null; over: string | null }>();
  m.ranges.forEach((r, k) => {
    const terms = pairs.map((p) => ({ v: p.n, c: coef(p, r.key) }));
    const fixed = m.fixedTotals[r.key] ?? 0;
    if (r.hard !== null) {
      // Pinned entries alone past a limit leave nothing more of it to add (the day is then reported high).
      lp.addRow(terms, '<=', Math.max(0, r.hard - fixed));
    }
    const aim = aimRange(r);
    const w = SHORTFALL_WEIGHT * (KEY_WEIGHT[r.key] ?? 1);
    let under: string | null = null;
    let over: string | null = null;
    if (aim.lo !== null && aim.lo > 0) {
      under = lp.addVar(`u${k}`, 0, null);
      lp.addObjective(under, w / aim.lo);
      lp.addRow([...terms, { v: under, c: 1 }], '>=', aim.lo - fixed);
    }
    if (aim.hi !== null && aim.hi > 0 && (r.hard === null || aim.hi < r.hard)) {
      over = lp.addVar(`o${k}`, 0, null);
      lp.addObjective(over, w / aim.hi);
      lp.addRow([...terms, { v: over, c: -1 }], '<=', aim.hi - fixed);
    }
    slack.set(r.key, { under, over });
  });
  return { lp, pairs, slack, coef };
}
