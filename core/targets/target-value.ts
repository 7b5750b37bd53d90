import type { TargetKey, TargetNote, TargetSuggestion, TargetValue } from '../contract/targets.ts';
import { lookup, type DriGroup, type NutrientReference } from './dri-tables.ts';
import { NUTRIENT_LABELS, NUTRIENT_UNITS, UNTRACKED } from './nutrient-labels.ts';

/**
 * Building blocks for TargetValue while targets are computed (before any override): `source` and
 * `computedSource` stay equal and `computedValue` follows `value`, so every adjustment is recorded in the
 * citation the practitioner sees.
 */

/** Energy target band: ±10 % of the estimate, roughly the error of a predictive equation for one person. */
export const ENERGY_BAND = 0.1;

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 1,500 / 48.6 / 0.55: for source texts. */
export function num(x: number): string {
  return NUMBER.format(x);
}

export function pct(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10} %`;
}

export function target(
  key: TargetKey,
  value: number,
  min: number | null,
  max: number | null,
  kind: TargetValue['kind'],
  source: string,
  ul: number | null = null,
): TargetValue {
  return {
    key,
    label: NUTRIENT_LABELS[key],
    unit: NUTRIENT_UNITS[key],
    value,
    min,
    max,
    ul,
    kind,
    source,
    computedSource: source,
    computedValue: value,
    overridden: false,
    overrideNote: null,
    tracked: UNTRACKED[key] === undefined,
    suggestion: null,
    notes: [],
  };
}

/**
 * A micronutrient target from a DRI table: min = the RDA/AI, max = ul = the UL where it bounds food
 * intake. A UL that covers only supplements (magnesium) is named in the source but is no maximum.
 */
export function fromReference(key: TargetKey, ref: NutrientReference, g: DriGroup): TargetValue {
  const value = lookup(ref.values, g);
  const kindWord = ref.kind === 'rda' ? 'RDA' : ref.kind === 'ai' ? 'AI' : 'CDRR';
  let source = `${ref.report} DRI, ${kindWord}, ${g.label}`;
  if (ref.kind === 'cdrr') return target(key, value, null, value, 'cdrr', source);
  let ul: number | null = null;
  if (ref.ul !== null) {
    const limit = lookup(ref.ul.values, g);
    if (ref.ul.fromFood) ul = limit;
    if (ref.ul.note !== null)
      source += `; ${ref.ul.note}${ref.ul.fromFood ? '' : ` (${limit} ${NUTRIENT_UNITS[key]})`}`;
  }
  return target(key, value, value, ul, ref.kind, source, ul);
}

/** A change made while computing: value and citation move together (see the module comment). */
export function adjust(
  t: TargetValue,
  change: Partial<Pick<TargetValue, 'value' | 'min' | 'max' | 'kind'>>,
  because: string,
): TargetValue {
  const source = `${t.source}; ${because}`;
  const next = { ...t, ...change, source, computedSource: source };
  return { ...next, computedValue: next.value };
}

export function withNote(t: TargetValue, note: TargetNote): TargetValue {
  return { ...t, notes: [...t.notes, note] };
}

/**
 * Adds a suggestion, capped at the UL (saying so). Where one is already there (two conditions on the
 * same nutrient) the lower value is kept as the suggestion, since both suggestions here lower an
 * intake, and the other becomes a note. A suggestion equal to the value in force is no suggestion.
 */
export function withSuggestion(t: TargetValue, s: TargetSuggestion): TargetValue {
  let suggestion = s;
  if (t.ul !== null && suggestion.value > t.ul) {
    suggestion = {
      ...suggestion,
      value: t.ul,
      source: `${suggestion.source}; capped at the UL of ${num(t.ul)} ${t.unit}`,
    };
  }
  if (suggestion.value === t.value) return withNote(t, { text: suggestion.reason, source: suggestion.source });
  if (t.suggestion === null) return { ...t, suggestion };
  const [keep, other] = suggestion.value < t.suggestion.value ? [suggestion, t.suggestion] : [t.suggestion, suggestion];
  return withNote({ ...t, suggestion: keep }, { text: other.reason, source: other.source });
}

/**
 * How far under the UL a capped need counts as met. A need raised past its UL (iron for a pregnant
 * vegetarian: 27 mg × 1.8 = 48.6 mg against a 45 mg UL) would otherwise leave a range of one point,
 * [45, 45]: no day of real food lands on it, so every day would read "low" or "high" and the figure
 * would say nothing. Counting the top tenth under the limit as met keeps the raised need's intent (a
 * day of 40.5 mg is still far above the 27 mg RDA) while the UL stays the hard ceiling. The 10 % is the
 * same tolerance the energy band and most diet-analysis reports use for "meets"; it is a judgement, not
 * a DRI, and the source line says so.
 */
export const CAPPED_NEED_BAND = 0.1;

/** The lowest intake that meets a need capped at `ul` (rounded to 0.001 so it prints as it is). */
export function cappedNeedFloor(ul: number): number {
  return Math.round(ul * (1 - CAPPED_NEED_BAND) * 1000) / 1000;
}

/**
 * Never let a computed value pass the UL: the value becomes the UL and the source says so, so the
 * practitioner sees both the adjusted figure and the cap. The minimum moves under the UL by
 * CAPPED_NEED_BAND so the range can be met.
 */
export function capAtUl(t: TargetValue, uncapped: string): TargetValue {
  if (t.ul === null || t.value <= t.ul) return t;
  const floor = cappedNeedFloor(t.ul);
  const min = t.min === null ? null : Math.min(t.min, floor);
  const band = min !== null && min === floor ? `; met from ${num(floor)} ${t.unit} (within 10 % under the UL)` : '';
  return adjust(
    t,
    { value: t.ul, min },
    `${uncapped} capped at the UL of ${num(t.ul)} ${t.unit} for this life stage${band}`,
  );
}
