import { formatValue, PLACEHOLDER, valueOf } from './evaluate.ts';
import type { Variables } from './types.ts';
import { BODY_SIZE_VARIABLES, findVariable } from './variables.ts';

const HIDDEN = '\u0000';
const HIDDEN_BODY = '\u0001';
// A hidden weight or body measure with the unit the author wrote after it.
const HIDDEN_BODY_VALUE = new RegExp(
  String.raw`(?:~|≈|\babout\s+|\baround\s+)?${HIDDEN_BODY}\s*(?:kg\/m²|kg\/m2\b|(?:kilograms?|kgs?|pounds?|lbs?|cm)\b|%)?`,
  'gi',
);
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
 * and percentages stay, as the guardrails decide. Weight, BMI and body measures (BODY_SIZE_VARIABLES)
 * go the same way.
 */
export function renderText(template: string, variables: Variables, opts: { hideEnergy?: boolean } = {}): string {
  const out = template.replace(PLACEHOLDER, (_, name: string) => {
    if (opts.hideEnergy && findVariable(name)?.unit === 'kcal') return HIDDEN;
    if (opts.hideEnergy && BODY_SIZE_VARIABLES.has(name)) return HIDDEN_BODY;
    return formatValue(name, valueOf(variables, name));
  });
  return opts.hideEnergy
    ? out
        .replace(HIDDEN_ENERGY, '')
        .replace(HIDDEN_BODY_VALUE, '')
        .replace(/[ \t]{2,}/g, ' ')
    : out;
}
