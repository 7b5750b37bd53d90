import type { Client } from '../contract/clients.ts';
import type { Recommendation } from '../contract/rules.ts';
import { stripNumbersForEdSensitive } from './guardrails.ts';
import type { RuleDef } from './types.ts';
import { BODY_SIZE_VARIABLES, findVariable } from './variables.ts';

/** What "Why?" shows instead of an energy value for an eating-disorder-sensitive client. */
export const HIDDEN_VALUE = 'hidden (eating-disorder-sensitive care)';

/**
 * An energy variable (its unit is kcal, or it is an energy share or ratio: features.energy_kcal_7d_ratio)
 * or a weight or body measure (BODY_SIZE_VARIABLES).
 */
function isHiddenVariable(name: string): boolean {
  return findVariable(name)?.unit === 'kcal' || /energy_kcal|_kcal\b/.test(name) || BODY_SIZE_VARIABLES.has(name);
}

/**
 * A stored recommendation as it may be shown for this client, now. Eating-disorder-sensitive care is
 * applied here, on every read, and not only when the rule fired: a row written before the setting was
 * turned on (or by another computer) is hidden or stripped at once. Calorie-focused rules are not
 * shown at all; every other text loses its energy figures (kcal and kJ, in words and figures), and
 * "Why?" shows no energy value, weight or body measure. Returns null when the recommendation must not be shown.
 */
export function presentForClient(
  rec: Recommendation,
  client: Pick<Client, 'edSensitive'>,
  rule: Pick<RuleDef, 'guardrails'> | undefined,
): Recommendation | null {
  if (!client.edSensitive) return rec;
  if (rule?.guardrails.calorieFocused) return null;
  const strip = stripNumbersForEdSensitive;
  return {
    ...rec,
    title: strip(rec.title),
    message: strip(rec.message),
    clientMessage: rec.clientMessage === null ? null : strip(rec.clientMessage),
    rationale: strip(rec.rationale),
    suggestions: rec.suggestions.map((s) => ({ ...s, text: strip(s.text) })),
    guardrails: rec.guardrails.map(strip),
    references: rec.references.map(strip),
    values: Object.fromEntries(
      Object.entries(rec.values).map(([name, v]) => [name, isHiddenVariable(name) && v !== null ? HIDDEN_VALUE : v]),
    ),
  };
}
