import { allergenGroups } from '../foods/allergens.ts';
import type { RuleDef, Suggestion } from './types.ts';

/**
 * Guardrails the engine applies after a rule fires (pure functions, no I/O). They make the output
 * safe for the client in front of the practitioner: no meat for a vegetarian, no peanut snack for a
 * peanut allergy, no calorie talk for eating-disorder-sensitive care, a pregnancy caution, and a
 * disclaimer on every recommendation. Rules are screened for diagnostic claims at load (loader.ts).
 */

/** Attached to every recommendation (Recommendation.guardrails). */
export const DISCLAIMER =
  "Not a diagnosis. A prompt for the practitioner's professional judgement, based on the client's logged intake, which may be incomplete.";

/** Suggestion tags the diet filter understands. Tag an animal food with 'animal-product' AND its kind. */
export const DIET_TAGS = ['animal-product', 'meat', 'poultry', 'fish', 'shellfish', 'dairy', 'egg', 'honey', 'gelatin'];
/** Every tag a suggestion may carry (unknown tags are load errors: a typo must not slip past the filter). */
export const SUGGESTION_TAGS = [...DIET_TAGS, 'plant-based', 'fortified', 'supplement', 'wholegrain'];

const NO_MEAT = ['meat', 'poultry', 'fish', 'shellfish', 'gelatin'];
/** Tags each diet pattern leaves out, and how to name them in the note. */
export const DIET_EXCLUDES: Record<string, { tags: string[]; what: string }> = {
  vegan: { tags: DIET_TAGS, what: 'animal products' },
  vegetarian: { tags: NO_MEAT, what: 'meat or fish' },
  'lacto-vegetarian': { tags: [...NO_MEAT, 'egg'], what: 'meat, fish or eggs' },
  'ovo-vegetarian': { tags: [...NO_MEAT, 'dairy'], what: 'meat, fish or dairy' },
  pescatarian: { tags: ['meat', 'poultry', 'gelatin'], what: 'meat' },
};

/** Allergy words → allergen ids: one mapping for rules and foods alike (core/foods/allergens.ts). */
export { allergenGroups };

/** The client's allergies a suggestion hits (as the client's own words). */
export function allergiesHit(s: Suggestion, allergies: string[]): string[] {
  const contained = new Set(s.contains.flatMap((c) => [...allergenGroups(c)]));
  return allergies.filter((a) => [...allergenGroups(a)].some((g) => contained.has(g)));
}

export interface GuardrailClient {
  dietPattern: string;
  allergies: string[];
  lifeStage: string;
  edSensitive: boolean;
}

export interface GuardrailResult {
  /** Why the recommendation is not shown, or null. */
  skip: string | null;
  suggestions: Suggestion[];
  /** Shown with the recommendation; the last one is always DISCLAIMER. */
  notes: string[];
  /** The rendered message after the eating-disorder filter (added field: the engine shows this one). */
  message: string;
}

const PREGNANT_OR_LACTATING = new Set(['pregnant', 'lactating']);

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Why the rule is not shown to this client at all (pregnancy: skip, calorie-focused rules), or null. */
export function skipReason(rule: Pick<RuleDef, 'guardrails'>, client: GuardrailClient): string | null {
  if (PREGNANT_OR_LACTATING.has(client.lifeStage) && rule.guardrails.pregnancy === 'skip') {
    return `Not shown for a ${client.lifeStage} client: the rule is marked pregnancy: skip.`;
  }
  if (client.edSensitive && rule.guardrails.calorieFocused) {
    return 'Not shown: the client is marked eating-disorder sensitive and the rule is calorie-focused.';
  }
  return null;
}

export function applyGuardrails(
  rule: Pick<RuleDef, 'then' | 'guardrails'>,
  client: GuardrailClient,
  renderedMessage: string,
): GuardrailResult {
  const skip = skipReason(rule, client);
  if (skip !== null) return { skip, suggestions: [], notes: [], message: renderedMessage };
  const expecting = PREGNANT_OR_LACTATING.has(client.lifeStage);

  const diet = DIET_EXCLUDES[client.dietPattern];
  const passesDiet = (s: Suggestion): boolean => !diet || !s.tags.some((t) => diet.tags.includes(t));
  const passes = (s: Suggestion): boolean => passesDiet(s) && allergiesHit(s, client.allergies).length === 0;

  const kept: Suggestion[] = [];
  let removedForDiet = 0;
  const allergensHit = new Set<string>();
  let removedForAllergy = 0;
  for (const s of rule.then.suggestions) {
    if (!passesDiet(s)) removedForDiet++;
    else if (allergiesHit(s, client.allergies).length > 0) {
      removedForAllergy++;
      for (const a of allergiesHit(s, client.allergies)) allergensHit.add(a);
    } else kept.push(s);
  }
  const removed = removedForDiet + removedForAllergy;
  const keptTexts = new Set(kept.map((s) => s.text));
  const replacements = rule.then.alternatives.filter((s) => passes(s) && !keptTexts.has(s.text)).slice(0, removed);

  const notes: string[] = [];
  if (removedForDiet > 0 && diet) {
    const replaced = Math.min(removedForDiet, replacements.length);
    const head = `${plural(removedForDiet, 'suggestion', 'suggestions')} with ${diet.what}`;
    const verb = removedForDiet === 1 ? 'was' : 'were';
    notes.push(
      replaced === removedForDiet
        ? `${head} ${verb} replaced for this ${client.dietPattern} client`
        : `${head} ${verb} removed for this ${client.dietPattern} client${replaced > 0 ? ` (${replaced} replaced by an alternative)` : ''}`,
    );
  }
  if (removedForAllergy > 0) {
    const replaced = Math.max(0, replacements.length - removedForDiet);
    notes.push(
      `${plural(removedForAllergy, 'suggestion', 'suggestions')} removed because of the client's allergies (${client.allergies.filter((a) => allergensHit.has(a)).join(', ')})${replaced > 0 ? `; ${replaced} replaced by an alternative` : ''}`,
    );
  }
  if (expecting && rule.guardrails.pregnancy === 'caution') {
    notes.push("Pregnancy or lactation: check this with the client's obstetric care team.");
  }

  let message = renderedMessage;
  let suggestions = [...kept, ...replacements];
  if (client.edSensitive) {
    message = stripNumbersForEdSensitive(renderedMessage);
    suggestions = suggestions.map((s) => ({ ...s, text: stripNumbersForEdSensitive(s.text) }));
  }
  notes.push(DISCLAIMER);
  return { skip: null, suggestions, notes, message };
}

const NUM = String.raw`\d[\d,.]*`;
const ENERGY_UNIT = String.raw`(?:kcal|kilocalories?|calories?|cals?|kj|kilojoules?)\b`;
/**
 * Any energy figure in a text ("1,323 kcal", "2370kcal", "8,400 kJ", "300 calories"): what must never be
 * shown or printed for an eating-disorder-sensitive client. Tests scan every view and the PDF with it.
 */
export const ENERGY_FIGURE = new RegExp(String.raw`\d[\d,.]*\s*${ENERGY_UNIT}`, 'i');
/** "14 g per 1,000 kcal" keeps its meaning without the number. */
const PER_ENERGY = new RegExp(String.raw`\bper\s+${NUM}\s*${ENERGY_UNIT}`, 'gi');
/** "~2,450 kcal/day", "1800–2000 kcal a day", "about 300 calories". */
const ENERGY_AMOUNT = new RegExp(
  String.raw`(?:~|≈|\babout\s+|\baround\s+)?${NUM}(?:\s*(?:–|-|to)\s*${NUM})?\s*${ENERGY_UNIT}(?:\s*(?:/|per\s+|a\s+)day\b)?`,
  'gi',
);

/**
 * For eating-disorder-sensitive care, energy numbers come out of messages (number-focused feedback
 * on calories can reinforce restriction: NICE NG69 Eating disorders 2017, 1.3; Academy for Eating
 * Disorders, Medical Care Standards Guide 2021). Percentages and other nutrients stay.
 */
export function stripNumbersForEdSensitive(text: string): string {
  return text
    .replace(PER_ENERGY, 'relative to energy intake')
    .replace(ENERGY_AMOUNT, '')
    .replace(/\(\s*\)/g, '')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([,.;:])/g, '$1')
    .trim();
}

/** Body sizes: "52.3 kg", "−1.3 kg", "115 lb", "8 stone", "94 cm", "34 inches"; and "BMI 19.2", "BMI of 19". */
const BODY_AMOUNT = new RegExp(
  String.raw`(?:[+−-]\s?)?${NUM}(?:\s*(?:–|-|to)\s*${NUM})?\s*(?:kg|kgs|kilos?|kilograms?|lbs?|pounds?|stones?|st|cm|centimet(?:er|re)s?|inch(?:es)?)\b`,
  'gi',
);
const BMI_FIGURE = /\bBMI\b(\s*(?:of|was|is|=|:)?\s*)\d[\d,.]*/gi;
/**
 * Weight, BMI and body-size figures, which the client's own copy of anything leaves out for
 * eating-disorder-sensitive care as it leaves out energy (weight numbers and their changes are among the
 * most distressing figures for a person with an eating disorder: NICE NG69 2017, 1.3.4 on sharing weight;
 * the practitioner decides when and how weight is talked about). Tests scan the client's PDF with it.
 */
export const BODY_FIGURE = new RegExp(String.raw`${BODY_AMOUNT.source}|\bBMI\b\s*(?:of|was|is|=|:)?\s*\d`, 'i');

/** The client's copy for eating-disorder-sensitive care: energy and body-size figures taken out of a text. */
export function stripBodyAndEnergyForEdSensitive(text: string): string {
  return stripNumbersForEdSensitive(text.replace(BODY_AMOUNT, '').replace(BMI_FIGURE, 'BMI'));
}

export interface AppliesClient {
  dietPattern: string;
  ageYears: number | null;
  lifeStage: string;
  tags: string[];
  conditions: string[];
  goal: string;
}

/** Why a rule's applies_to excludes this client, or null when it applies. */
export function whyNotApplicable(rule: Pick<RuleDef, 'appliesTo'>, client: AppliesClient): string | null {
  const a = rule.appliesTo;
  if (a.dietPatterns && !a.dietPatterns.includes(client.dietPattern)) {
    return `For diet patterns ${a.dietPatterns.join(', ')} only (client: ${client.dietPattern}).`;
  }
  if ((a.minAge !== null || a.maxAge !== null) && client.ageYears === null) {
    return "Needs the client's age (set a birth date).";
  }
  if (a.minAge !== null && (client.ageYears ?? 0) < a.minAge) {
    return `For ages ${a.minAge} and over (client: ${client.ageYears}).`;
  }
  if (a.maxAge !== null && (client.ageYears ?? 0) > a.maxAge) {
    return `For ages up to ${a.maxAge} (client: ${client.ageYears}).`;
  }
  if (a.lifeStages && !a.lifeStages.includes(client.lifeStage)) {
    return `For life stages ${a.lifeStages.join(', ')} only (client: ${client.lifeStage}).`;
  }
  if (a.tags && !a.tags.some((t) => client.tags.map((x) => x.toLowerCase()).includes(t))) {
    return `For clients tagged ${a.tags.join(' or ')} only.`;
  }
  if (a.conditions && !a.conditions.some((c) => client.conditions.includes(c))) {
    return `For clients with ${a.conditions.join(' or ')} only.`;
  }
  if (a.goals && !a.goals.includes(client.goal)) {
    return `For goals ${a.goals.join(', ')} only (client: ${client.goal}).`;
  }
  return null;
}
