import { formatValue, PLACEHOLDER, valueOf } from './evaluate.ts';
import type { Variables } from './types.ts';
import { findVariable } from './variables.ts';

const HIDDEN = '\u0000';
// A hidden energy value with the energy unit the author wrote after it, and a "/day" or "a day" tail.
const HIDDEN_ENERGY = new RegExp(
  String.raw`(?:~|≈|\babout\s+|\baround\s+)?${HIDDEN}\s*(?:(?:kcal|kilocalories|calories|cals?|kj|kilojoules)\b(?:\s*(?:/|per\s+|a\s+)day\b)?)?`,
  'gi',
);

/**
 * Fills {{group.name}} placeholders as evaluate.ts's renderMessage does. With `hideEnergy`
 * (eating-disorder-sensitive clients) an energy value (unit kcal) is never shown: the placeholder
 * goes, with the unit the author wrote after it. Energy figures typed into the text are removed after
 * this by the guardrails (stripNumbersForEdSensitive), which also tidy the spacing; other nutrients
 * and percentages stay, as the guardrails decide.
 */
export function renderText(template: string, variables: Variables, opts: { hideEnergy?: boolean } = {}): string {
  const out = template.replace(PLACEHOLDER, (_, name: string) => {
    if (opts.hideEnergy && findVariable(name)?.unit === 'kcal') return HIDDEN;
    return formatValue(name, valueOf(variables, name));
  });
  return opts.hideEnergy ? out.replace(HIDDEN_ENERGY, '').replace(/[ \t]{2,}/g, ' ') : out;
}
