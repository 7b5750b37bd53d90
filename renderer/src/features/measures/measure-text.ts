import type { Measurement, MeasureKind, MeasureKindInfo, MeasurementInput } from '@contract/measures.ts';
import type { Settings } from '@contract/settings.ts';
import type { Goal } from '@contract/visits.ts';
import { formatIsoDate, formatNumber } from '../../lib/format.ts';

/**
 * Words and numbers of the Measurements tab, kept apart from the components so they are tested in
 * Node. Values come from the core in two forms: as entered (shown back as typed) and in the kind's
 * canonical unit (kg, cm, mmol/L …), which every comparison, chart and goal uses.
 */

export type UnitSystem = Settings['units'];

/** 1 lb = 0.45359237 kg exactly (international yard and pound agreement, 1959). */
export const KG_PER_LB = 0.45359237;
/** 1 in = 2.54 cm exactly (international yard and pound agreement, 1959). */
export const CM_PER_IN = 2.54;

const LENGTH_KINDS: readonly MeasureKind[] = ['height', 'waist', 'hip'];
/** Kinds whose values read best with one decimal whatever their size (72.4 kg, 165.5 cm). */
const BODY_KINDS: readonly MeasureKind[] = ['weight', ...LENGTH_KINDS];

/**
 * The unit a kind is shown in beside what was typed, and charted in: weight and lengths follow the
 * unit system chosen in Settings (kg and cm, or lb and in); every other kind its canonical (SI) unit,
 * so readings typed in mg/dL and in mmol/L chart on one scale.
 */
export function displayUnit(kind: MeasureKind, canonicalUnit: string, units: UnitSystem): string {
  if (kind === 'weight') return units === 'us' ? 'lb' : 'kg';
  if (LENGTH_KINDS.includes(kind)) return units === 'us' ? 'in' : 'cm';
  return canonicalUnit;
}

/** A canonical value in the display unit of its kind (only weight and lengths are ever converted here). */
export function inDisplayUnit(kind: MeasureKind, canonical: number, units: UnitSystem): number {
  if (units !== 'us') return canonical;
  if (kind === 'weight') return canonical / KG_PER_LB;
  if (LENGTH_KINDS.includes(kind)) return canonical / CM_PER_IN;
  return canonical;
}

/** Decimals for a value of a kind: one for body measures, otherwise by size (2.59 mmol/L, 48.2, 140). */
export function decimalsFor(kind: MeasureKind, value: number): number {
  if (BODY_KINDS.includes(kind)) return 1;
  const abs = Math.abs(value);
  if (abs >= 100) return 0;
  if (abs >= 10) return 1;
  return 2;
}

const withUnit = (text: string, unit: string): string => (unit ? `${text} ${unit}` : text);

/** A reading as it was entered: "160 lb", "128/82 mmHg", "5.7 %". */
export function enteredText(m: Measurement): string {
  const first = formatNumber(m.enteredValue, 2);
  const text = m.enteredValue2 === null ? first : `${first}/${formatNumber(m.enteredValue2, 2)}`;
  return withUnit(text, m.unit);
}

/** A reading in its kind's display unit ("72.6 kg", "2.59 mmol/L"); pairs as "128/82 mmHg". */
export function displayText(m: Measurement, units: UnitSystem): string {
  const unit = displayUnit(m.kind, m.canonicalUnit, units);
  const show = (v: number): string => formatNumber(inDisplayUnit(m.kind, v, units), decimalsFor(m.kind, v));
  return withUnit(m.value2 === null ? show(m.value) : `${show(m.value)}/${show(m.value2)}`, unit);
}

/** The same reading in the display unit when it was typed in another one ("72.6 kg"), else null. */
export function convertedText(m: Measurement, units: UnitSystem): string | null {
  if (m.kind === 'custom') return null;
  return m.unit === displayUnit(m.kind, m.canonicalUnit, units) ? null : displayText(m, units);
}

/** Readings of one kind (a custom kind: one name and unit), latest first. */
export interface MeasureGroup {
  key: string;
  kind: MeasureKind;
  label: string;
  /** The unit values are stored in (the custom kind's own). */
  canonicalUnit: string;
  /** The unit values are charted in, for the unit system the groups were made for. */
  unit: string;
  readings: Measurement[];
}

/** The group a reading belongs to: its kind, or a custom kind's name and unit (case aside). */
export function groupKey(m: Pick<Measurement, 'kind' | 'label' | 'unit'>): string {
  return m.kind === 'custom' ? `custom:${m.label.trim().toLowerCase()}|${m.unit.trim().toLowerCase()}` : m.kind;
}

/**
 * Readings grouped by kind, in the order the core lists the kinds (weight first), custom kinds after
 * them by name; within a group the latest first (by date, then the later recorded).
 */
export function groupReadings(
  readings: readonly Measurement[],
  kinds: readonly MeasureKindInfo[],
  units: UnitSystem,
): MeasureGroup[] {
  const groups = new Map<string, MeasureGroup>();
  for (const m of readings) {
    const key = groupKey(m);
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        kind: m.kind,
        label: m.label,
        canonicalUnit: m.canonicalUnit,
        unit: displayUnit(m.kind, m.canonicalUnit, units),
        readings: [],
      };
      groups.set(key, group);
    }
    group.readings.push(m);
  }
  const order = (g: MeasureGroup): number => {
    const i = kinds.findIndex((k) => k.kind === g.kind);
    return i === -1 ? kinds.length : i;
  };
  const list = [...groups.values()];
  for (const g of list) g.readings.sort(latestFirst);
  return list.sort((a, b) => order(a) - order(b) || a.label.localeCompare(b.label));
}

function latestFirst(a: Measurement, b: Measurement): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return b.createdAt - a.createdAt;
}

/**
 * The reference ranges that apply to the client (a sex-specific one only for that sex, all when unknown;
 * none that does not hold in pregnancy for a pregnant client), in the unit the kind is shown in.
 */
export function rangesFor(
  info: MeasureKindInfo | undefined,
  client: { sex: 'female' | 'male' | null; lifeStage: 'none' | 'pregnant' | 'lactating' },
  units: UnitSystem,
): string[] {
  if (!info) return [];
  const unit = displayUnit(info.kind, info.unit, units);
  return info.ranges
    .filter((r) => r.sex === null || client.sex === null || r.sex === client.sex)
    .filter((r) => !(r.notInPregnancy && client.lifeStage === 'pregnant'))
    .map((r) => `${r.texts[unit] ?? r.text} — ${r.source}`);
}

/** A signed number with a true minus sign: "−3.2", "+1.5", "0". */
function signed(value: number, decimals: number): string {
  const text = formatNumber(Math.abs(value), decimals);
  if (text === formatNumber(0, decimals)) return text;
  return `${value < 0 ? '−' : '+'}${text}`;
}

export interface Change {
  /** "−3.2 kg", "−6/−2 mmHg". */
  text: string;
  /** The date of the reading the change is counted from. */
  since: string;
  /** The client's first visit, when the change is counted from the reading in force on its day. */
  firstVisit: string | null;
}

/**
 * The latest reading of a group against where the client started, in the display unit: the reading in
 * force on the day of the first visit (the latest on or before it), or the first reading when there is
 * no visit or nothing was measured by then; null when that is the latest reading itself.
 */
export function changeSinceFirst(
  group: MeasureGroup,
  units: UnitSystem,
  firstVisit: string | null = null,
): Change | null {
  const latest = group.readings[0];
  const atVisit = firstVisit === null ? undefined : group.readings.find((r) => r.date <= firstVisit);
  const first = atVisit ?? group.readings[group.readings.length - 1];
  if (!latest || !first || latest === first) return null;
  const diff = (a: number, b: number): string => {
    const d = inDisplayUnit(group.kind, a, units) - inDisplayUnit(group.kind, b, units);
    return signed(d, decimalsFor(group.kind, inDisplayUnit(group.kind, a, units)));
  };
  const main = diff(latest.value, first.value);
  const text = latest.value2 !== null && first.value2 !== null ? `${main}/${diff(latest.value2, first.value2)}` : main;
  return {
    text: withUnit(text, displayUnit(group.kind, group.canonicalUnit, units)),
    since: first.date,
    firstVisit: atVisit ? firstVisit : null,
  };
}

export function changeText(change: Change): string {
  return change.firstVisit !== null
    ? `Change since the first visit (${formatIsoDate(change.firstVisit)}): ${change.text}`
    : `Change since first reading: ${change.text} (since ${formatIsoDate(change.since)})`;
}

export interface ChartGoal {
  /** The target in the chart's unit. */
  value: number;
  /** "68 kg" in the chart's unit. */
  text: string;
  reviewOn: string | null;
  goalText: string;
}

/**
 * The goal line of a chart: the open goal with a target for the charted kind agreed at the latest
 * visit. `goals` come newest visit first (as `visits.goals` lists them), so on a tie of dates the first
 * listed wins: the visit recorded last, and its first such goal. A custom kind has no goal line: a
 * goal names only "custom", not which of the practitioner's kinds it means.
 */
export function chartGoal(goals: readonly Goal[], group: MeasureGroup, units: UnitSystem): ChartGoal | null {
  if (group.kind === 'custom') return null;
  let best: Goal | null = null;
  for (const g of goals) {
    if (g.status !== 'open' || g.measureKind !== group.kind || g.targetValue === null) continue;
    if (!best || g.visitDate > best.visitDate) best = g;
  }
  if (!best || best.targetValue === null) return null;
  const value = inDisplayUnit(group.kind, best.targetValue, units);
  return {
    value,
    text: withUnit(
      formatNumber(value, decimalsFor(group.kind, value)),
      displayUnit(group.kind, group.canonicalUnit, units),
    ),
    reviewOn: best.reviewOn,
    goalText: best.text,
  };
}

/** One point of a chart: the day (ms, UTC midnight) and the value(s) in the chart's unit. */
export interface ChartPoint {
  t: number;
  date: string;
  value: number;
  value2: number | null;
}

export const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** A group's readings oldest first, in the chart's unit. */
export function chartPoints(group: MeasureGroup, units: UnitSystem): ChartPoint[] {
  return [...group.readings].reverse().map((m) => ({
    t: dayMs(m.date),
    date: m.date,
    value: inDisplayUnit(m.kind, m.value, units),
    value2: m.value2 === null ? null : inDisplayUnit(m.kind, m.value2, units),
  }));
}

/** The chart in words: the latest value, the change since the first visit (or reading), the goal. */
export function chartSummary(
  group: MeasureGroup,
  units: UnitSystem,
  goal: ChartGoal | null,
  firstVisit: string | null = null,
): string {
  const latest = group.readings[0];
  if (!latest) return `${group.label}: no readings yet.`;
  const count = group.readings.length;
  const parts = [
    `${group.label}: ${count === 1 ? 'one reading' : `${count} readings`}, latest ${displayText(latest, units)} on ${formatIsoDate(latest.date)}`,
  ];
  const change = changeSinceFirst(group, units, firstVisit);
  if (change)
    parts.push(
      change.firstVisit !== null
        ? `change since the first visit (${formatIsoDate(change.firstVisit)}) ${change.text}`
        : `change since the first reading ${change.text} (since ${formatIsoDate(change.since)})`,
    );
  if (goal) {
    parts.push(`goal ${goal.text}${goal.reviewOn ? `, to review on ${formatIsoDate(goal.reviewOn)}` : ''}`);
  }
  return `${parts.join('; ')}.`;
}

/** A reading named in a question or a notification: "Weight, 160 lb on Oct 12, 2026" (or without the value). */
export function readingName(m: Measurement, withValue: boolean): string {
  return `${m.label}, ${withValue ? `${enteredText(m)} on ` : ''}${formatIsoDate(m.date)}`;
}

/** What re-adds a deleted reading as it was entered (Undo after a delete). */
export function inputOf(m: Measurement): MeasurementInput {
  return {
    clientId: m.clientId,
    kind: m.kind,
    ...(m.kind === 'custom' ? { customName: m.label } : {}),
    value: m.enteredValue,
    ...(m.enteredValue2 !== null ? { value2: m.enteredValue2 } : {}),
    unit: m.unit,
    date: m.date,
    ...(m.method ? { method: m.method } : {}),
    ...(m.note ? { note: m.note } : {}),
  };
}
