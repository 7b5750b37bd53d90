import { AppError } from '../contract/errors.ts';
import { ALLERGENS, type Allergen } from '../contract/common.ts';
import { ALLERGEN_LABELS } from '../contract/labels.ts';
import { normalise } from './allergen-table.ts';

/**
 * Allergens in one place: the keyword table that flags foods (allergen-table.ts, re-exported here), the
 * reading of a client's recorded allergies (free text as typed: "Peanut", "nuts", "lactose") and
 * conditions, and the conflict between a food and a client that logging refuses without a reason.
 * The rules' guardrails (core/rules/guardrails.ts) read suggestions' `contains:` lists with the same
 * mapping.
 */

export { ALLERGEN_TABLE, deriveAllergens, normalise, type AllergenSource } from './allergen-table.ts';

export { ALLERGEN_LABELS } from '../contract/labels.ts';

/**
 * Words a client's allergy (or a rule suggestion's `contains:`) may use → allergen ids: the major
 * allergens of FALCPA 2004 / FASTER Act 2021 and EU Regulation 1169/2011 Annex II. "nut(s)" alone is
 * read as both tree nuts and peanuts: a client who says "nut allergy" is safer without either. Mussels
 * and other molluscs are not crustacean shellfish (Annex II lists molluscs apart, item 14): such words
 * are matched against food names instead (see allergenConflicts).
 */
const TREE_NUTS = ['almond', 'walnut', 'cashew', 'pecan', 'pistachio', 'hazelnut', 'brazil nut', 'macadamia'];
export const ALLERGEN_SYNONYMS: Readonly<Record<string, readonly Allergen[]>> = {
  milk: ['milk'],
  dairy: ['milk'],
  lactose: ['milk'],
  casein: ['milk'],
  whey: ['milk'],
  cheese: ['milk'],
  yogurt: ['milk'],
  yoghurt: ['milk'],
  butter: ['milk'],
  egg: ['egg'],
  eggs: ['egg'],
  peanut: ['peanut'],
  peanuts: ['peanut'],
  groundnut: ['peanut'],
  'tree nut': ['tree-nut'],
  'tree nuts': ['tree-nut'],
  nut: ['tree-nut', 'peanut'],
  nuts: ['tree-nut', 'peanut'],
  ...Object.fromEntries(
    [...TREE_NUTS, 'pine nut'].flatMap((n) => [
      [n, ['tree-nut']],
      [`${n}s`, ['tree-nut']],
    ]),
  ),
  gluten: ['gluten'],
  wheat: ['gluten'],
  barley: ['gluten'],
  rye: ['gluten'],
  spelt: ['gluten'],
  coeliac: ['gluten'],
  celiac: ['gluten'],
  fish: ['fish'],
  salmon: ['fish'],
  tuna: ['fish'],
  cod: ['fish'],
  sardine: ['fish'],
  sardines: ['fish'],
  mackerel: ['fish'],
  anchovy: ['fish'],
  anchovies: ['fish'],
  shellfish: ['shellfish'],
  crustacean: ['shellfish'],
  crustaceans: ['shellfish'],
  shrimp: ['shellfish'],
  shrimps: ['shellfish'],
  prawn: ['shellfish'],
  prawns: ['shellfish'],
  crab: ['shellfish'],
  crabs: ['shellfish'],
  lobster: ['shellfish'],
  lobsters: ['shellfish'],
  soy: ['soy'],
  soya: ['soy'],
  soybean: ['soy'],
  soybeans: ['soy'],
  tofu: ['soy'],
  edamame: ['soy'],
  tempeh: ['soy'],
  sesame: ['sesame'],
  tahini: ['sesame'],
};
const SYNONYMS_LONGEST_FIRST = Object.keys(ALLERGEN_SYNONYMS).sort((a, b) => b.length - a.length);

const isAllergen = (x: string): x is Allergen => (ALLERGENS as readonly string[]).includes(x);

/**
 * The allergen ids a free-text term names ("Peanuts" → peanut; "lactose intolerance" → milk); a term
 * naming none matches itself, lower case without a plural s ("Kiwis" → kiwi).
 */
export function allergenGroups(term: string): Set<string> {
  let rest = ` ${term.toLowerCase().replace(/[^a-z ]+/g, ' ')} `;
  const out = new Set<string>();
  for (const syn of SYNONYMS_LONGEST_FIRST) {
    const needle = ` ${syn} `;
    if (rest.includes(needle)) {
      for (const g of ALLERGEN_SYNONYMS[syn] ?? []) out.add(g);
      rest = rest.replaceAll(needle, '  ');
    }
  }
  if (out.size === 0 && term.trim() !== '') out.add(term.trim().toLowerCase().replace(/s$/, ''));
  return out;
}

export interface AllergyClient {
  allergies: readonly string[];
  conditions: readonly string[];
}

export interface ClientAllergens {
  /** Each allergen the client avoids → what their record says ("Peanut", "coeliac disease"). */
  avoided: Map<Allergen, string[]>;
  /** Recorded allergies that name no allergen id ("kiwi", "mussels"): matched against food names. */
  other: string[];
}

/** What a client avoids, from their allergies (free text) and conditions (coeliac disease: gluten). */
export function clientAllergens(client: AllergyClient): ClientAllergens {
  const avoided = new Map<Allergen, string[]>();
  const add = (a: Allergen, said: string): void => {
    const list = avoided.get(a) ?? [];
    if (!list.includes(said)) list.push(said);
    avoided.set(a, list);
  };
  const other: string[] = [];
  for (const raw of client.allergies) {
    const said = raw.trim();
    if (said === '') continue;
    const groups = [...allergenGroups(said)];
    const ids = groups.filter(isAllergen);
    if (ids.length === 0) other.push(said);
    for (const a of ids) add(a, said);
  }
  // Coeliac disease is treated with a lifelong gluten-free diet (NICE NG20, 2015): the client avoids
  // gluten whether or not it is also typed as an allergy.
  if (client.conditions.includes('coeliac-disease')) add('gluten', 'coeliac disease');
  return { avoided, other };
}

export interface AllergenConflict {
  /** The allergen id, or null for a recorded allergy matched by name ("kiwi" in "Kiwifruit, green"). */
  allergen: Allergen | null;
  /** "peanut", "crustacean shellfish", or the recorded word. */
  label: string;
  /** The client's recorded allergies behind it, as typed. */
  allergies: string[];
}

/**
 * A recorded word as a whole word of the name, singular or plural ("mussels" in "Mollusks, mussel,
 * blue"), or with "fruit" (SR28's "Kiwifruit"). Not a bare prefix: "pea" must not find "peanut".
 */
function nameHas(name: string, term: string): boolean {
  const t = normalise(term).replace(/e?s$/, '');
  if (t.length < 3) return false;
  return new RegExp(`\\b${t}(?:e?s|fruits?)?\\b`).test(normalise(name));
}

/** The client's allergies a food conflicts with, in ALLERGENS order, then recorded words matched by name. */
export function allergenConflicts(
  food: { name: string; allergens: readonly string[] },
  client: AllergyClient,
): AllergenConflict[] {
  const { avoided, other } = clientAllergens(client);
  const out: AllergenConflict[] = [];
  for (const a of ALLERGENS) {
    const said = avoided.get(a);
    if (said && food.allergens.includes(a)) out.push({ allergen: a, label: ALLERGEN_LABELS[a], allergies: said });
  }
  for (const term of other) {
    if (nameHas(food.name, term)) out.push({ allergen: null, label: term, allergies: [term] });
  }
  return out;
}

const quoteList = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(', ');

/** "contains peanut (the client's record: "Peanut")" for each conflict, joined. */
export function conflictText(conflicts: readonly AllergenConflict[]): string {
  return conflicts
    .map((c) =>
      c.allergen === null
        ? `is named after "${c.label}", a recorded allergy`
        : `contains ${c.label} (recorded allergy: ${quoteList(c.allergies)})`,
    )
    .join(' and ');
}

/** Kept with an entry saved despite a conflict (event detail, encrypted when synced). */
export interface AllergyConfirmationRecord {
  /** Allergen ids, or the recorded words matched by name. */
  allergens: string[];
  reason: string;
  at: number;
}

/** What a refusal tells the practitioner to do, unless the caller says it otherwise (the CLI, an import). */
export const SAVE_ANYWAY_ADVICE =
  'It was not saved. Check with the client; to save it anyway, confirm the allergy warning and give a reason.';

/**
 * The confirmation to keep for a food the client may be allergic to, or null when there is no conflict.
 * Refuses (code 'allergen-conflict', naming the food, the allergen and the recorded allergy) when there
 * is one and no reason was given; `carried` is a confirmation already on the entry (an edit or a copy),
 * which still counts if it covers every conflict.
 */
export function confirmAllergy(
  food: { name: string; allergens: readonly string[] },
  client: AllergyClient,
  options: {
    given: { reason: string } | null | undefined;
    at: number;
    carried?: AllergyConfirmationRecord | null | undefined;
    advice?: string;
  },
): AllergyConfirmationRecord | null {
  const conflicts = allergenConflicts(food, client);
  if (conflicts.length === 0) return null;
  const ids = conflicts.map((c) => c.allergen ?? c.label);
  const reason = options.given?.reason.trim() ?? '';
  if (reason !== '') return { allergens: ids, reason, at: options.at };
  const carried = options.carried;
  if (carried && ids.every((id) => carried.allergens.includes(id))) return carried;
  const advice = options.advice ?? SAVE_ANYWAY_ADVICE;
  throw new AppError('allergen-conflict', `${food.name} ${conflictText(conflicts)}.${advice ? ` ${advice}` : ''}`, {
    allergyConfirmation: `Give a reason to save ${food.name} despite the allergy.`,
  });
}

/** foods.allergyCheck's answer: what the client avoids, and each food that conflicts with it. */
export function allergyCheck(
  client: AllergyClient,
  foods: readonly { id: string; name: string; allergens: readonly string[] }[],
): {
  avoids: { allergen: Allergen; label: string; allergies: string[] }[];
  conflicts: { foodId: string; foodName: string; items: AllergenConflict[]; message: string }[];
} {
  const { avoided } = clientAllergens(client);
  return {
    avoids: ALLERGENS.filter((a) => avoided.has(a)).map((a) => ({
      allergen: a,
      label: ALLERGEN_LABELS[a],
      allergies: avoided.get(a) ?? [],
    })),
    conflicts: foods.flatMap((f) => {
      const items = allergenConflicts(f, client);
      return items.length === 0
        ? []
        : [{ foodId: f.id, foodName: f.name, items, message: `${f.name} ${conflictText(items)}.` }];
    }),
  };
}
