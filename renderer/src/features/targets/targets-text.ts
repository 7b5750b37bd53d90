import type { TargetOverrides, TargetsView, TargetValue } from '@contract/targets.ts';
import { formatIsoDate, formatNumber, formatQuantity } from '../../lib/format.ts';
import { EQUATION_LABELS } from '../../lib/labels.ts';

function joinList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * The server's `missing` list as a sentence: profile fields become "Add sex, birth date, height and
 * weight to compute targets."; a requirement on the age (infants are out of scope) is stated as such.
 */
export function missingSentence(missing: string[]): string {
  const requirements = missing.filter((m) => m.startsWith('age '));
  const fields = missing.filter((m) => !m.startsWith('age '));
  const sentences: string[] = [];
  if (fields.length > 0) sentences.push(`Add ${joinList(fields)} to compute targets.`);
  if (requirements.length > 0) sentences.push(`Targets need an ${joinList(requirements)}.`);
  return sentences.join(' ') || 'The profile lacks what the equations need to compute targets.';
}

/** targets.set accepts a note of at most 500 characters (core/contract/targets.ts). */
export const NOTE_MAX = 500;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The note saved with an applied suggestion, so the override names what it came from:
 * "Applied suggestion: Sodium 1,500 mg. Hypertension: … Source: AHA/ACC 2017 …".
 */
export function appliedSuggestionNote(t: Pick<TargetValue, 'label' | 'unit' | 'suggestion'>): string {
  if (!t.suggestion) return '';
  const s = t.suggestion;
  const head = `Applied suggestion: ${t.label} ${formatQuantity(s.value, t.unit)}.`;
  const source = ` Source: ${s.source}`;
  const room = NOTE_MAX - head.length - source.length - 1;
  return room > 20 ? `${head} ${shorten(s.reason, room)}${source}` : shorten(`${head}${source}`, NOTE_MAX);
}

/** The overrides after applying a suggestion: those in force stay, this one is added or replaced. */
export function overridesWithSuggestion(
  overrides: TargetOverrides,
  t: Pick<TargetValue, 'key' | 'suggestion'>,
): TargetOverrides {
  return t.suggestion ? { ...overrides, [t.key]: t.suggestion.value } : overrides;
}

/** Why a target shows "Not tracked" (iodine, choline, omega-3 ALA: the food data has no values). */
export const NOT_TRACKED_TEXT =
  'The food data has no values for this nutrient, so intake is not compared with this target.';

/**
 * What the targets rest on: "Equation: Mifflin-St Jeor · BMR 1,402 kcal · PAL 1.375 · age 34 · as of …".
 * The PAL is printed with the decimals of the source (× 1.375), never rounded to a different figure.
 */
export function basisText(view: TargetsView, hideEnergy: boolean): string {
  const parts = [`Equation: ${EQUATION_LABELS[view.equation]}`];
  if (view.bmrKcal !== null && !hideEnergy) parts.push(`BMR ${formatQuantity(view.bmrKcal, 'kcal', 0)}`);
  if (view.pal !== null) parts.push(`PAL ${formatNumber(view.pal, 3)}`);
  if (view.ageYears !== null) parts.push(`age ${formatNumber(view.ageYears, 0)}`);
  parts.push(`as of ${formatIsoDate(view.asOf)}`);
  if (view.effectiveFrom) parts.push(`overrides in force since ${formatIsoDate(view.effectiveFrom)}`);
  return parts.join(' · ');
}
