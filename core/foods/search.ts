import type { FoodHit } from '../contract/foods.ts';
import type { Sqlite } from '../db/open.ts';
import { parseAllergens } from './allergen-flags.ts';

/**
 * Food search over the foods_fts FTS5 index (migration 0002: unicode61 with remove_diacritics, so
 * "crème" finds "creme"). Every word of the query must match, each as a prefix ("chick" → chicken).
 * FTS5's bm25 ranks by term statistics only, which puts "Babyfood, banana, …" or a branded snack
 * level with "Bananas, raw"; the adjustments below encode what a dietitian usually means.
 */

export interface SearchOptions {
  query: string;
  clientId?: string | undefined;
  limit: number;
}

/** Food groups whose entries are rarely what a practitioner means by a plain food name. */
const PENALISED_GROUPS = new Set([
  'Fast Foods',
  'Restaurant Foods',
  'Baby Foods',
  'Branded Food Products',
  'Meals, Entrees, and Side Dishes',
  'American Indian/Alaska Native Foods',
]);

/** Words of a query or name, as the FTS tokenizer sees them (letters and digits, diacritics folded). */
export function searchWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).slice(0, 12);
}

/**
 * An FTS5 MATCH expression in which every word is a quoted prefix term: `"banana"* "raw"*`. Words
 * hold only letters and digits, so no FTS syntax (quotes, AND/OR/NOT, NEAR, column filters, `-`, `:`)
 * can reach the parser; quoting also stops "and"/"or" being read as operators.
 */
export function ftsQuery(words: string[]): string {
  return words.map((w) => `"${w}"*`).join(' ');
}

interface Candidate {
  id: string;
  name: string;
  foodGroup: string | null;
  source: FoodHit['source'];
  energy: number | null;
  allergens: string;
  rank: number;
}

/** Brand-looking words in SR names are upper case: "KELLOGG'S", "McDONALD'S" is "MCDONALD'S". */
function looksBranded(name: string): boolean {
  return /\b[A-Z][A-Z'&.-]{2,}\b/.test(name.replace(/\bNFS\b|\bUSDA\b|\bNLEA\b|\bUHT\b|\bRTE\b|\bRTF\b/g, ''));
}

/**
 * SR names put a category before the food in some groups ("Beverages, coffee, brewed", "Fish, salmon,
 * pink, raw", "Oil, olive"); there the food's own word is the first of the second segment.
 */
const CATEGORY_PREFIXES = new Set([
  'beverages',
  'alcoholic beverage',
  'fish',
  'mollusks',
  'crustaceans',
  'cereals',
  'nuts',
  'seeds',
  'spices',
  'oil',
  'game meat',
  'usda commodity',
]);

/** The words of the segment that names the food: "Bananas" of "Bananas, raw", "coffee" of "Beverages, coffee, …". */
function foodSegment(name: string): string[] {
  const segments = name.toLowerCase().split(',');
  const first = segments[0]!.trim();
  return searchWords(CATEGORY_PREFIXES.has(first) && segments.length > 1 ? segments[1]! : first);
}

const same = (word: string, q: string): boolean => word === q || word === `${q}s` || word === `${q}es`;

/**
 * Higher is better. `fit` is this food's bm25 within the candidates, 0 (worst) to 1 (best): bm25's
 * absolute values depend on the query, and it only orders by term statistics, so it breaks ties.
 */
export function score(c: Pick<Candidate, 'name' | 'foodGroup'>, queryWords: string[], fit: number): number {
  let s = fit * 2;
  const q0 = queryWords[0] ?? '';
  const segment = foodSegment(c.name);
  const word = segment[0] ?? '';
  // The food itself is named first in SR ("Bananas, raw"); "Bread, banana" is another food.
  if (same(word, q0)) s += 6;
  else if (word.startsWith(q0)) s += 3;
  // A base food's first segment is just its name ("Milk, whole, …"), not "Milk and cereal bar".
  if (segment.length === 1 && same(word, q0)) s += 2;
  // Whole words over prefixes: "coffee" means coffee before "Coffeecake".
  const nameWords = searchWords(c.name);
  for (const q of queryWords) if (nameWords.some((w) => same(w, q))) s += 1;
  // Every query word within the first two segments ("Milk, whole" for "milk whole").
  const head = searchWords(c.name.split(',').slice(0, 2).join(' '));
  if (queryWords.every((q) => head.some((h) => h.startsWith(q)))) s += 2;
  if (/, raw\b/i.test(c.name)) s += 2;
  // Plain foods have short descriptions: fewer qualifiers, fewer commas.
  s -= Math.min((c.name.match(/,/g) ?? []).length, 8) * 0.4;
  if (c.foodGroup && PENALISED_GROUPS.has(c.foodGroup)) s -= 5;
  if (looksBranded(c.name)) s -= 4;
  return s;
}

/** The foods a client logged, most recent first (with the time of their last use). */
function recentFoods(sqlite: Sqlite, clientId: string): Map<string, number> {
  const rows = sqlite
    .prepare(
      `SELECT food_id AS id, max(occurred_at) AS last FROM events
       WHERE client_id = ? AND kind = 'diet' AND food_id IS NOT NULL AND deleted_at IS NULL
       GROUP BY food_id ORDER BY last DESC LIMIT 500`,
    )
    .all(clientId) as { id: string; last: number }[];
  return new Map(rows.map((r) => [r.id, r.last]));
}

function toHit(c: Candidate, recent: boolean, s?: number): FoodHit {
  return {
    ...(s === undefined ? {} : { score: Math.round(s * 100) / 100 }),
    id: c.id,
    name: c.name,
    foodGroup: c.foodGroup,
    source: c.source,
    energyKcalPer100g: c.energy,
    recent,
    allergens: parseAllergens(c.allergens),
  };
}

const SELECT = `f.id, f.name, f.food_group AS foodGroup, f.source, json_extract(f.nutrients, '$.energyKcal') AS energy, f.allergens`;

/**
 * Foods matching every word of the query, best first: the client's own foods (most recently logged
 * first), then by score, then shorter names. An empty query lists the client's recent foods.
 * Never throws on odd input; soft-deleted foods are never returned.
 */
export function searchFoods(sqlite: Sqlite, { query, clientId, limit }: SearchOptions): FoodHit[] {
  const recent = clientId ? recentFoods(sqlite, clientId) : new Map<string, number>();
  const words = searchWords(query);
  if (words.length === 0) {
    if (recent.size === 0) return [];
    const ids = [...recent.keys()];
    const rows = sqlite
      .prepare(
        `SELECT ${SELECT}, 0 AS rank FROM foods f WHERE f.deleted_at IS NULL AND f.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as Candidate[];
    return rows
      .sort((a, b) => recent.get(b.id)! - recent.get(a.id)!)
      .slice(0, limit)
      .map((c) => toHit(c, true));
  }

  // Weights: a word in the name counts ten times one in the food group ("Fruits and Fruit Juices").
  // All matches are ranked (at most the whole table, ~9,000 rows: a few milliseconds).
  const rows = sqlite
    .prepare(
      `SELECT ${SELECT}, bm25(foods_fts, 10.0, 1.0) AS rank
       FROM foods_fts JOIN foods f ON f.rowid = foods_fts.rowid
       WHERE foods_fts MATCH ? AND f.deleted_at IS NULL`,
    )
    .all(ftsQuery(words)) as Candidate[];
  let best = Infinity;
  let worst = -Infinity;
  for (const r of rows) {
    best = Math.min(best, r.rank);
    worst = Math.max(worst, r.rank);
  }
  const spread = worst - best || 1;

  return rows
    .map((c) => ({ c, last: recent.get(c.id) ?? null, s: score(c, words, (worst - c.rank) / spread) }))
    .sort(
      (a, b) =>
        (b.last ?? -Infinity) - (a.last ?? -Infinity) ||
        b.s - a.s ||
        a.c.name.length - b.c.name.length ||
        a.c.name.localeCompare(b.c.name),
    )
    .slice(0, limit)
    .map(({ c, last, s }) => toHit(c, last !== null, s));
}
