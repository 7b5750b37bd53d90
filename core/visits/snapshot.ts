import type { Client } from '../contract/clients.ts';
import type { TrendsView } from '../contract/log.ts';
import type { Measurement } from '../contract/measures.ts';
import type { Recommendation } from '../contract/rules.ts';
import type { VisitSnapshot } from '../contract/visits.ts';
import { MEASURE_KINDS, kindDef, unitDef } from '../measures/kinds.ts';
import { BODY_SIZE_KINDS } from '../reports/report-model.ts';
import { stripNumbersForEdSensitive } from '../rules/guardrails.ts';

/**
 * What a visit's note can pull in, computed from the current data each time it is asked for (nothing
 * of it is stored: the note keeps what the practitioner copied into it). Pure: the caller reads the
 * services and passes what they answered, so the numbers are the dashboard's own.
 */

/** Days of intake summarised at a first visit (no previous visit to start from): the 14 days ending on it. */
export const FIRST_VISIT_INTAKE_DAYS = 14;
/** The dashboard's trends cover at most about three years; a longer gap is summarised over its last 1,100 days. */
const MAX_INTAKE_DAYS = 1100;

const DAY_MS = 86_400_000;
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const num = (x: number, digits = 2): string =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(x);
/** A signed change with a true minus sign ("−1.6", "+0.4", "±0"). */
const signed = (x: number): string => (x === 0 ? '±0' : `${x < 0 ? '−' : '+'}${num(Math.abs(x))}`);
const tidy = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The span intake is summarised over: (since, date], or the 14 days ending on the date at a first visit. */
export function intakeSpan(since: string | null, date: string): { from: string; to: string } {
  let from = since !== null ? addDays(since, 1) : addDays(date, 1 - FIRST_VISIT_INTAKE_DAYS);
  if (from > date) from = date; // a second visit on the same day
  if (daysBetween(from, date) > MAX_INTAKE_DAYS) from = addDays(date, -MAX_INTAKE_DAYS);
  return { from, to: date };
}

/** A measurement as entered: "72.4 kg", "128/82 mmHg". */
function asEntered(m: Measurement): string {
  const value = m.enteredValue2 === null ? num(m.enteredValue) : `${num(m.enteredValue)}/${num(m.enteredValue2)}`;
  return `${value} ${m.unit}`;
}

/** The change from `before` to `m`, in m's unit, or null when they cannot be compared. */
function changeText(m: Measurement, before: Measurement | null): string | null {
  if (!before) return null;
  let prev: number;
  let prev2: number | null;
  if (m.kind === 'custom') {
    if (before.unit !== m.unit) return null; // a custom kind has no conversion between units
    prev = before.enteredValue;
    prev2 = before.enteredValue2;
  } else {
    const u = unitDef(kindDef(m.kind), m.unit);
    if (!u) return null;
    prev = u.fromCanonical(before.value);
    prev2 = before.value2 === null ? null : u.fromCanonical(before.value2);
  }
  const d = tidy(m.enteredValue - prev);
  const d2 = m.enteredValue2 !== null && prev2 !== null ? tidy(m.enteredValue2 - prev2) : null;
  return `${d2 === null ? signed(d) : `${signed(d)}/${signed(d2)}`} ${m.unit} since ${before.date}`;
}

/**
 * The latest reading of each kind (a custom kind by its name) taken in (since, date], with its change
 * from the reading of that kind before it, in the kinds' order. `readings` is the client's list, newest first.
 */
export function measurementLines(
  readings: readonly Measurement[],
  since: string | null,
  date: string,
): VisitSnapshot['measurements'] {
  const byKind = new Map<string, Measurement[]>();
  for (const m of readings) {
    if (m.date > date) continue;
    const key = m.kind === 'custom' ? `custom:${m.label.toLowerCase()}` : m.kind;
    byKind.set(key, [...(byKind.get(key) ?? []), m]);
  }
  const out: VisitSnapshot['measurements'] = [];
  for (const list of byKind.values()) {
    const [latest, before] = list;
    if (!latest || (since !== null && latest.date <= since)) continue;
    out.push({
      kind: latest.kind,
      label: latest.label,
      text: asEntered(latest),
      date: latest.date,
      change: changeText(latest, before ?? null),
    });
  }
  // In the kinds' own order (weight first, custom kinds last by name), as the measurements screen lists them.
  const rank = (k: string) => MEASURE_KINDS.indexOf(k as (typeof MEASURE_KINDS)[number]);
  return out.sort((a, b) => rank(a.kind) - rank(b.kind) || a.label.localeCompare(b.label));
}

/** The nutrients summarised, as the dashboard's trends name them. */
const INTAKE_KEYS = [
  { key: 'energyKcal', label: 'Energy', unit: 'kcal', energy: true },
  { key: 'proteinG', label: 'Protein', unit: 'g', energy: false },
  { key: 'fatG', label: 'Fat', unit: 'g', energy: false },
  { key: 'carbG', label: 'Carbohydrate', unit: 'g', energy: false },
  { key: 'fibreG', label: 'Fibre', unit: 'g', energy: false },
] as const;

/**
 * Mean intake per logged day (a day without diet entries is missing data, not zero: the dashboard's and
 * the report's rule) against the targets in force on the last day. Energy is left out entirely for an
 * eating-disorder-sensitive client (no line, no figure).
 */
export function intakeSummary(trends: TrendsView, edSensitive: boolean): VisitSnapshot['intake'] {
  const logged = trends.days.filter((d) => d.logged);
  const lines: string[] = [];
  if (logged.length > 0) {
    for (const k of INTAKE_KEYS) {
      if (k.energy && edSensitive) continue;
      const values = logged.map((d) => d.values[k.key]).filter((v): v is number => typeof v === 'number');
      if (values.length === 0) continue;
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const target = trends.targets[k.key];
      lines.push(
        `${k.label} ${num(mean, 0)} ${k.unit}/day${target !== undefined ? ` (target ${num(target, 0)})` : ''}`,
      );
    }
  }
  return { from: trends.from, to: trends.to, daysLogged: logged.length, lines };
}

/** A recommendation in the client's wording: the rule's client message, else its suggestions. */
export function recommendationLine(r: Recommendation, edSensitive: boolean): VisitSnapshot['recommendations'][number] {
  const words = r.clientMessage ?? r.suggestions.map((s) => s.text).join(' ');
  return {
    id: r.id,
    title: r.title,
    text: edSensitive ? stripNumbersForEdSensitive(words) : words,
  };
}

export function snapshotText(s: Omit<VisitSnapshot, 'text'>, bodyLeftOut = false): string {
  const out: string[] = [];
  out.push(s.since !== null ? `Since the last visit (${s.since}):` : `Before this first visit:`);
  out.push('', 'Measurements');
  if (s.measurements.length === 0)
    out.push(`- none${bodyLeftOut ? ' other than body size' : ''} recorded in this period`);
  if (bodyLeftOut)
    out.push('- weight and body measurements are left out (eating-disorder-sensitive care; see the Measurements tab)');
  for (const m of s.measurements)
    out.push(`- ${m.label}: ${m.text} (${m.date})${m.change !== null ? `, ${m.change}` : ''}`);
  out.push('', `Intake, mean per logged day from ${s.intake.from} to ${s.intake.to}`);
  if (s.intake.daysLogged === 0) out.push('- no meals logged in this period');
  else {
    out.push(`- ${s.intake.daysLogged} day${s.intake.daysLogged === 1 ? '' : 's'} logged`);
    for (const line of s.intake.lines) out.push(`- ${line}`);
  }
  if (s.recommendations.length > 0) {
    out.push('', 'Recommendations accepted');
    for (const r of s.recommendations) out.push(`- ${r.title}${r.text ? `: ${r.text}` : ''}`);
  }
  return out.join('\n');
}

export function buildSnapshot(input: {
  client: Client;
  date: string;
  since: string | null;
  readings: readonly Measurement[];
  trends: TrendsView;
  recommendations: readonly Recommendation[];
}): VisitSnapshot {
  const { client, date, since } = input;
  const base = {
    bodyLeftOut: client.edSensitive,
    clientId: client.id,
    date,
    since,
    // Eating-disorder-sensitive care: weight and body sizes stay on the Measurements tab (hidden there
    // until the practitioner shows them); a note is read aloud and printed in the client's copy.
    measurements: measurementLines(input.readings, since, date).filter(
      (m) => !client.edSensitive || !(BODY_SIZE_KINDS as ReadonlySet<string>).has(m.kind),
    ),
    intake: intakeSummary(input.trends, client.edSensitive),
    recommendations: input.recommendations.map((r) => recommendationLine(r, client.edSensitive)),
  };
  const { bodyLeftOut, ...snapshot } = base;
  return { ...snapshot, text: snapshotText(snapshot, bodyLeftOut) };
}
