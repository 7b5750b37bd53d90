import type { DayExtra, NutrientStatus, TrendsView } from '@contract/log.ts';
import { formatIsoDate, formatNumber, formatNutrient, formatRange } from '../../lib/format.ts';
import { TREND_LABELS, type TrendKey } from '../../lib/labels.ts';

/** "1,850 kcal" / "3.1 g"; "Not tracked" when the day has no value for it. */
export function statusValueText(status: NutrientStatus): string {
  return status.value === null ? 'Not tracked' : formatNutrient(status.value, status.unit);
}

/** "Target 2,046 kcal (1,841–2,251 kcal)"; an informational target is not a target to reach. */
export function statusTargetText(status: NutrientStatus): string {
  if (status.kind === 'info') return `Reference ${formatNutrient(status.target, status.unit)}, for information only`;
  const range = formatRange(status.min, status.max, status.unit);
  const target = `Target ${formatNutrient(status.target, status.unit)}`;
  return range ? `${target} (range ${range})` : target;
}

/**
 * "240 mg"; "Not in the food data" when no entry of the day carries a value; with "(2 of 3 entries have a
 * value)" when only some do, so a sum over part of the day is not read as the whole day.
 */
export function extraValueText(extra: DayExtra, dietEntries: number): string {
  if (extra.value === null) return 'Not in the food data';
  const shown = formatNutrient(extra.value, extra.unit);
  return extra.entriesWithValue < dietEntries
    ? `${shown} (${extra.entriesWithValue} of ${dietEntries} entries have a value)`
    : shown;
}

/** "Reference: adults, up to 400 mg a day (EFSA …)", or why there is none; never called a target. */
export function extraReferenceText(extra: DayExtra): string {
  if (extra.reference === null) return 'No reference for this client (no target exists)';
  return `Reference: ${extra.reference.text} (${extra.reference.source})`;
}

/** Bar fill in percent of the target, capped at 100 (the badge says "high"). */
export function progressValue(ratio: number | null): number {
  if (ratio === null || !Number.isFinite(ratio)) return 0;
  return Math.max(0, Math.min(100, ratio * 100));
}

export interface TrendPoint {
  date: string;
  /** Short axis label, e.g. "Mar 4". */
  label: string;
  /** Null when the day is not logged: a gap in the line, never a zero. */
  value: number | null;
  mean7: number | null;
  mean30: number | null;
}

const SHORT_DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function shortDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : SHORT_DATE.format(d);
}

export function trendPoints(view: TrendsView, key: TrendKey): TrendPoint[] {
  return view.days.map((d) => ({
    date: d.date,
    label: shortDate(d.date),
    value: d.logged ? (d.values[key] ?? null) : null,
    mean7: d.mean7[key] ?? null,
    mean30: d.mean30[key] ?? null,
  }));
}

/** Mean of the values of logged days (null when none). */
export function meanOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return null;
  return known.reduce((a, b) => a + b, 0) / known.length;
}

/** The chart's caption for screen readers and everyone: "Mean energy over the 5 logged days: 1,850 kcal (target 2,046 kcal)." */
export function trendSummary(view: TrendsView, key: TrendKey): string {
  const { label, unit } = TREND_LABELS[key];
  const points = trendPoints(view, key);
  const logged = points.filter((p) => p.value !== null).length;
  const period = `${formatIsoDate(view.from)} to ${formatIsoDate(view.to)}`;
  if (logged === 0) return `No day from ${period} is logged.`;
  const mean = meanOf(points.map((p) => p.value)) ?? 0;
  const target = view.targets[key];
  const targetText = target === undefined ? '' : ` (target ${formatNutrient(target, unit)})`;
  return `Mean ${label.toLowerCase()} over the ${logged} logged ${logged === 1 ? 'day' : 'days'} from ${period}: ${formatNutrient(mean, unit)}${targetText}.`;
}

export type MacroKey = 'protein' | 'carb' | 'fat';

/** Adult Acceptable Macronutrient Distribution Ranges (IOM 2005), % of energy. */
export const AMDR: Record<MacroKey, { label: string; min: number; max: number }> = {
  protein: { label: 'Protein', min: 10, max: 35 },
  carb: { label: 'Carbohydrate', min: 45, max: 65 },
  fat: { label: 'Fat', min: 20, max: 35 },
};

export interface MacroSlice {
  key: MacroKey;
  label: string;
  pct: number;
  min: number;
  max: number;
  within: boolean;
}

export function macroSlices(split: NonNullable<TrendsView['macroSplit']>): MacroSlice[] {
  const pct: Record<MacroKey, number> = { protein: split.proteinPct, carb: split.carbPct, fat: split.fatPct };
  return (Object.keys(AMDR) as MacroKey[]).map((key) => ({
    key,
    label: AMDR[key].label,
    pct: pct[key],
    min: AMDR[key].min,
    max: AMDR[key].max,
    // Judged on the whole percentage shown ("fat 35 %"), so a share printed as 35 is never called
    // outside a 20–35 % range because it was 35.3 underneath.
    within: Math.round(pct[key]) >= AMDR[key].min && Math.round(pct[key]) <= AMDR[key].max,
  }));
}

export function macroSummary(slices: readonly MacroSlice[]): string {
  return `Share of energy over the logged days: ${slices
    .map(
      (s) =>
        `${s.label.toLowerCase()} ${formatNumber(s.pct, 0)} % (AMDR ${s.min}–${s.max} %${s.within ? '' : ', outside'})`,
    )
    .join(', ')}.`;
}

export interface ActivitySleepPoint {
  date: string;
  label: string;
  activityMin: number;
  sleepHours: number | null;
  sleepQuality: number | null;
}

export function activitySleepPoints(view: TrendsView): ActivitySleepPoint[] {
  return view.days.map((d) => ({
    date: d.date,
    label: shortDate(d.date),
    activityMin: d.activityMin,
    sleepHours: d.sleepHours,
    sleepQuality: d.sleepQuality,
  }));
}

export function activitySleepSummary(points: readonly ActivitySleepPoint[]): string {
  const active = points.filter((p) => p.activityMin > 0);
  const minutes = active.reduce((a, p) => a + p.activityMin, 0);
  const nights = points.filter((p) => p.sleepHours !== null);
  const activity =
    active.length === 0
      ? 'No activity logged'
      : `Activity on ${active.length} of ${points.length} days, ${formatNumber(minutes, 0)} minutes in all`;
  const sleepMean = meanOf(nights.map((p) => p.sleepHours));
  const quality = meanOf(nights.map((p) => p.sleepQuality));
  const sleep =
    sleepMean === null
      ? 'no sleep logged'
      : `sleep ${formatNumber(sleepMean, 1)} h on average over ${nights.length} ${nights.length === 1 ? 'night' : 'nights'}${
          quality === null ? '' : `, quality ${formatNumber(quality, 1)}/5`
        }`;
  return `${activity}; ${sleep}.`;
}
