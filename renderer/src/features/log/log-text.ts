import type { Portion } from '@contract/foods.ts';
import type { LogEntry } from '@contract/log.ts';
import { addDays } from '../../lib/dates.ts';
import { formatCount, formatNumber, formatNutrient } from '../../lib/format.ts';
import { MEAL_LABELS, type Meal } from '../../lib/labels.ts';
import { sumNutrients, type Nutrients } from '../../lib/nutrients.ts';

export type SectionKey = Meal | 'no-meal' | 'activity' | 'sleep';

export interface LogSection {
  key: SectionKey;
  title: string;
  entries: LogEntry[];
}

const SECTION_ORDER: readonly SectionKey[] = ['breakfast', 'lunch', 'dinner', 'snack', 'no-meal', 'activity', 'sleep'];

const SECTION_TITLES: Record<SectionKey, string> = {
  ...MEAL_LABELS,
  'no-meal': 'Other food',
  activity: 'Activity',
  sleep: 'Sleep',
};

function sectionOf(entry: LogEntry): SectionKey {
  if (entry.kind === 'activity') return 'activity';
  if (entry.kind === 'sleep') return 'sleep';
  return entry.meal ?? 'no-meal';
}

/**
 * A day's entries by meal, then activity and sleep, each section by time; empty sections left out. The
 * meals are in the order they were eaten (a 16:00 snack comes before a 19:00 dinner): by their first
 * timed entry, a meal with no time where the usual order puts it.
 */
export function groupEntries(entries: readonly LogEntry[]): LogSection[] {
  const byTime = [...entries].sort(
    (a, b) => (a.time ?? '99:99').localeCompare(b.time ?? '99:99') || a.updatedAt - b.updatedAt,
  );
  const sections = SECTION_ORDER.map((key) => ({
    key,
    title: SECTION_TITLES[key],
    entries: byTime.filter((e) => sectionOf(e) === key),
  })).filter((s) => s.entries.length > 0);
  const isMeal = (s: LogSection): boolean => s.key !== 'activity' && s.key !== 'sleep';
  const meals = sections.filter(isMeal);
  const firstTime = (s: LogSection): string | null => s.entries.find((e) => e.time !== null)?.time ?? null;
  // Untimed meals keep their usual place; timed meals fill the other places in time order.
  const timed = meals
    .filter((s) => firstTime(s) !== null)
    .sort((a, b) => (firstTime(a) ?? '').localeCompare(firstTime(b) ?? ''));
  const ordered = meals.map((s) => (firstTime(s) === null ? s : (timed.shift() as LogSection)));
  return [...ordered, ...sections.filter((s) => !isMeal(s))];
}

/** "1 medium (118 g)", "150 g": the core's amount label, with the grams added when it does not end in them. */
export function foodAmountText(food: { amountLabel: string; grams: number }): string {
  const grams = `${formatNumber(food.grams)} g`;
  const label = food.amountLabel.trim();
  return label === '' ? grams : /\d\s*g\)?$/.test(label) ? label : `${label} (${grams})`;
}

/** What a row says: "Banana, raw — 1 medium (118 g)" / "105 kcal". */
const REPORTING_APPS: Record<string, string> = {
  cronometer: 'Cronometer',
  mfp: 'MyFitnessPal',
  ont: 'OpenNutriTracker',
};

export function entryText(entry: LogEntry): { title: string; detail: string; energy: string | null } {
  if (entry.kind === 'activity' && entry.activity) {
    const a = entry.activity;
    return {
      title: a.label,
      detail: `${formatNumber(a.minutes, 0)} min`,
      energy: a.kcal === null ? null : `${formatNutrient(a.kcal, 'kcal')} burned`,
    };
  }
  if (entry.kind === 'sleep' && entry.sleep) {
    return {
      title: 'Sleep',
      detail: `${formatNumber(entry.sleep.hours, 1)} h, quality ${entry.sleep.quality}/5`,
      energy: null,
    };
  }
  const food = entry.food;
  const kcal = entry.nutrients.energyKcal;
  const reported = entry.reported;
  if (!food && reported) {
    // Imported from another app's diary with no database food: its words and its nutrient values.
    const app = REPORTING_APPS[reported.format] ?? reported.format;
    return {
      title: reported.name,
      detail: `${reported.amount ? `${reported.amount} · ` : ''}as reported in ${app}`,
      energy: kcal === undefined ? null : formatNutrient(kcal, 'kcal'),
    };
  }
  return {
    title: food?.name ?? 'Food',
    detail: food ? foodAmountText(food) : '',
    energy: kcal === undefined ? null : formatNutrient(kcal, 'kcal'),
  };
}

/** The day's intake from its food entries. */
export function dayTotals(entries: readonly LogEntry[]): Nutrients {
  return sumNutrients(entries.filter((e) => e.kind === 'diet').map((e) => e.nutrients));
}

/**
 * "1,850 kcal · protein 72 g · fibre 21 g"; unknown values read "–". Without energy ("protein 72 g ·
 * fibre 21 g") for an eating-disorder-sensitive client.
 */
export function dayTotalText(totals: Nutrients, hideEnergy = false): string {
  const part = (v: number | undefined, unit: string): string => (v === undefined ? '–' : formatNutrient(v, unit));
  const rest = `protein ${part(totals.proteinG, 'g')} · fibre ${part(totals.fibreG, 'g')}`;
  return hideEnergy ? rest.replace(/^p/, 'P') : `${part(totals.energyKcal, 'kcal')} · ${rest}`;
}

/** A measure as an option: "1 medium (118 g)" (the description in brackets is shortened away). */
export function measureLabel(portion: Portion): string {
  const base = portion.label.replace(/\s*\([^()]*\)\s*$/, '').trim() || portion.label;
  return `${base} (${formatNumber(portion.grams)} g)`;
}

/** Options for a food's measures; labels made unique when shortening made two the same. */
export function measureOptions(portions: readonly Portion[]): { value: string; label: string }[] {
  const short = portions.map(measureLabel);
  return portions.map((p, i) => ({
    value: p.id,
    label:
      short.filter((s) => s === short[i]).length > 1 ? `${p.label} (${formatNumber(p.grams)} g)` : (short[i] ?? ''),
  }));
}

/** The household amount sent to the core: `count` of the measure, e.g. "2 cup, sliced" or "1 medium (7\" long)". */
export function amountText(count: number, portion: Portion): string {
  return `${formatCount(count * portion.amount)} ${portion.unit}`.trim();
}

/**
 * The measure and count an amount text was made from (`amountText`), so an entry logged as
 * "2 cup, chopped" reopens as 2 × "cup, chopped", not as its grams; null when no measure of the food
 * gives that text (the measures changed, or the amount was typed in another form).
 */
export function measureFromText(
  portions: readonly Portion[],
  text: string | null | undefined,
): { portion: Portion; count: number } | null {
  const t = (text ?? '').trim();
  if (t === '') return null;
  for (const portion of portions) {
    const suffix = ` ${portion.unit}`.trimEnd();
    if (portion.unit !== '' && !t.endsWith(suffix)) continue;
    const head = t
      .slice(0, t.length - suffix.length)
      .trim()
      .replace(/,/g, '');
    if (!/^\d+(\.\d+)?$/.test(head)) continue;
    const count = Number(head) / portion.amount;
    if (count > 0 && amountText(count, portion) === t) return { portion, count: Math.round(count * 100) / 100 };
  }
  return null;
}

/** Grams for `count` of a measure. */
export function measureGrams(count: number, portion: Portion): number {
  return count * portion.grams;
}

/**
 * Where a copied day goes unless chosen otherwise: today (yesterday's meals are what is usually copied),
 * or the next day when today itself is copied.
 */
export function defaultCopyTarget(from: string, today: string): string {
  return from === today ? addDays(from, 1) : today;
}
