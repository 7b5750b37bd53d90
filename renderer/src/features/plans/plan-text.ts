import type { MAX_PLAN_DAYS, MealType, Plan, PlanEntry, PlanSlot } from '@contract/plans.ts';
import type { NutrientStatus } from '@contract/log.ts';
import { formatNutrient } from '../../lib/format.ts';
import { MEAL_LABELS } from '../../lib/labels.ts';

/** The most days a plan has (the contract's limit, checked by the type). */
export const MAX_DAYS: typeof MAX_PLAN_DAYS = 28;

/** The meal types a slot can have, as options. */
export const MEAL_TYPE_OPTIONS = (Object.keys(MEAL_LABELS) as MealType[]).map((value) => ({
  value,
  label: MEAL_LABELS[value],
}));

/** The meals a new plan starts with (the practitioner changes them in the form). */
export const NEW_PLAN_SLOTS: readonly PlanSlot[] = [
  { key: 'breakfast', label: 'Breakfast', time: '08:00', mealType: 'breakfast' },
  { key: 'lunch', label: 'Lunch', time: '12:30', mealType: 'lunch' },
  { key: 'snack', label: 'Snack', time: '16:00', mealType: 'snack' },
  { key: 'dinner', label: 'Dinner', time: '19:00', mealType: 'dinner' },
];

/** A main entry of a slot with its "or" alternatives, in the plan's order. */
export interface SlotItem {
  entry: PlanEntry;
  alternatives: PlanEntry[];
}

const byPosition = (a: PlanEntry, b: PlanEntry): number => a.position - b.position;

/**
 * The entries of one slot on one day: main entries in order, each with the alternatives offered in its
 * place. An alternative whose main entry is gone is shown as a main entry, so nothing is hidden.
 */
export function slotItems(entries: readonly PlanEntry[], day: number, slot: string): SlotItem[] {
  const here = entries.filter((e) => e.day === day && e.slot === slot).sort(byPosition);
  const mainIds = new Set(here.filter((e) => e.altOf === null).map((e) => e.id));
  const mains = here.filter((e) => e.altOf === null || !mainIds.has(e.altOf));
  return mains.map((entry) => ({
    entry,
    alternatives: entry.altOf === null ? here.filter((e) => e.altOf === entry.id) : [],
  }));
}

/** The note of a day (slot null) or of one slot of a day; '' when there is none. */
export function noteText(plan: Pick<Plan, 'notes'>, day: number, slot: string | null): string {
  return plan.notes.find((n) => n.day === day && n.slot === slot)?.text ?? '';
}

/** The calendar date of a plan day ("2026-03-02" + day 3 → "2026-03-04"). */
export function planDate(startDate: string, day: number): string {
  const d = new Date(`${startDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + day - 1);
  return d.toISOString().slice(0, 10);
}

/** Days 1…n. */
export function dayNumbers(days: number): number[] {
  return Array.from({ length: days }, (_, i) => i + 1);
}

/** A slot key made from its label ("Mid-morning snack" → "mid-morning-snack"), unique among `taken`. */
export function slotKeyFor(label: string, taken: readonly string[]): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^[^a-z]+/, '')
      .replace(/-+$/, '')
      .slice(0, 26) || 'meal';
  let key = base;
  for (let n = 2; taken.includes(key); n += 1) key = `${base}-${n}`;
  return key;
}

/** "Draft, version 2" / "Sent, version 1". */
export function statusText(plan: { status: 'draft' | 'sent'; version: number }): string {
  return `${plan.status === 'sent' ? 'Sent' : 'Draft'}, version ${plan.version}`;
}

/**
 * The energy of an entry for its row, or null when no figure may be shown (an eating-disorder-sensitive
 * client, or a food without an energy value): the row then shows no empty label.
 */
export function entryEnergy(entry: PlanEntry, hidden: boolean): string | null {
  const kcal = entry.nutrients.energyKcal;
  return hidden || kcal === undefined ? null : formatNutrient(kcal, 'kcal');
}

/** "9 of 12 targets in range" for a day's statuses (informational references are not counted). */
export function inRangeText(statuses: readonly NutrientStatus[]): string {
  const judged = statuses.filter((s) => s.status !== 'info' && s.status !== 'untracked');
  const ok = judged.filter((s) => s.status === 'ok').length;
  return `${ok} of ${judged.length} targets in range`;
}

/** The slot's label, or its key when the plan no longer has it. */
export function slotLabel(slots: readonly PlanSlot[], key: string): string {
  return slots.find((s) => s.key === key)?.label ?? key;
}

/** A household serving that names its grams, "1 cup cooked (175 g)": kept as written with those grams. */
export function isServingLabel(label: string): boolean {
  return /\(\s*[\d.,]+\s*g\)$/.test(label.trim());
}
