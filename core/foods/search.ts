import type { FoodHit } from '../contract/foods.ts';
import type { Sqlite } from '../db/open.ts';
import { prepared as statement } from '../db/statements.ts';
import { parseAllergens } from './allergen-flags.ts';
import { SYNONYMS } from './synonyms.ts';

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

const ASCII = /^\p{ASCII}*$/u;

/** Words of a query or name, as the FTS tokenizer sees them (letters and digits, diacritics folded). */
export function searchWords(text: string): string[] {
  // Plain ASCII (every SR name, most queries) needs no Unicode folding; the result is the same, and
  // this runs for every food a search ranks for the first time, so it is worth the fast path.
  if (ASCII.test(text)) return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).slice(0, 12);
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

/** A food as search reads it: what ranks it and what a hit shows. */
interface FoodEntry {
  id: string;
  name: string;
  foodGroup: string | null;
  source: FoodHit['source'];
  energy: number | null;
  allergens: string;
  /** Household measures listed for the food (cup, slice, large…): common foods have them. */
  measures: number;
  /** What the score reads of it. */
  prepared: Prepared;
}

/** A food matching the query, with its bm25 (lower is better). */
interface Candidate {
  food: FoodEntry;
  rank: number;
}

/**
 * A query word folded to a stem that prefixes both its singular and plural ("eggs" → "egg",
 * "berries" → "berr", "tomatoes" → "tomato"), so a plural typed finds a singular name and back.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /(ss|us|is)$/.test(word)) return word;
  if (word.endsWith('ies')) return word.slice(0, -3);
  if (/(oes|ches|shes|xes|ses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  if (word.endsWith('y') && word.length > 4) return word.slice(0, -1);
  return word;
}

/**
 * The query as typed and as rewritten by the synonym table ("porridge" → "oats cooked"), each as
 * stemmed words; at most eight, the typed form first.
 */
export function queryVariants(words: string[]): string[][] {
  const found: { at: number; length: number; means: string[] }[] = [];
  for (const { say, means } of SYNONYMS) {
    for (const phrase of say) {
      const p = phrase.split(' ');
      for (let i = 0; i + p.length <= words.length; i++) {
        if (p.every((w, k) => words[i + k] === w || stem(words[i + k]!) === stem(w)))
          found.push({ at: i, length: p.length, means });
      }
    }
  }
  // The longest phrase wins where phrases overlap: "potato chips" is not "potato" + "chips".
  found.sort((a, b) => b.length - a.length);
  const taken: boolean[] = [];
  const variants: string[][] = [words];
  const seen = new Set([words.join(' ')]);
  for (const f of found) {
    const span = words.slice(f.at, f.at + f.length).map((_, k) => f.at + k);
    if (span.some((k) => taken[k])) continue;
    for (const k of span) taken[k] = true;
    for (const m of f.means) {
      const v = [...words.slice(0, f.at), ...m.split(' '), ...words.slice(f.at + f.length)];
      const key = v.join(' ');
      if (!seen.has(key) && variants.length < 8) {
        seen.add(key);
        variants.push(v);
      }
    }
  }
  return variants.map((v) => v.map(stem));
}

/** Brand-looking words in SR names are upper case: "KELLOGG'S", "McDONALD'S" is "MCDONALD'S". */
function looksBranded(name: string): boolean {
  return /\b[A-Z][A-Z'&.-]{2,}\b/.test(name.replace(/\bNFS\b|\bUSDA\b|\bNLEA\b|\bUHT\b|\bRTE\b|\bRTF\b/g, ''));
}

/**
 * SR names put a category before the food in some groups ("Beverages, coffee, brewed", "Fish, salmon,
 * pink, raw", "Cheese, cheddar"); there the food's own word is the first of the second segment.
 */
const CATEGORY_PREFIXES = new Set([
  'beverages',
  'alcoholic beverage',
  'fish',
  'mollusks',
  'crustaceans',
  'cereals',
  'cereals ready-to-eat',
  'nuts',
  'seeds',
  'spices',
  'oil',
  'game meat',
  'usda commodity',
  'cheese',
  'snacks',
  'candies',
  'salad dressing',
]);

/** The words of the segments that name the food: "Bananas" of "Bananas, raw"; "Cheese" and "cheddar" of "Cheese, cheddar". */
function foodSegments(name: string): string[][] {
  const segments = name.toLowerCase().split(',');
  const first = segments[0]!.trim();
  const own = [searchWords(first)];
  if (CATEGORY_PREFIXES.has(first) && segments.length > 1) own.push(searchWords(segments[1]!));
  // Meat names: "Pork, cured, bacon, …" and "Pork, fresh, loin, …" name the cut third.
  else if (/^(cured|fresh)$/.test(segments[1]?.trim() ?? '') && segments.length > 2)
    own.push([], searchWords(segments[2]!));
  return own;
}

/** A name's word is the query's (stemmed) word, or its plural/singular: "egg"/"eggs", "berr"/"berries". */
const same = (word: string, q: string): boolean =>
  word === q || (word.startsWith(q) && /^(s|es|ies|y|e)$/.test(word.slice(q.length)));

/** Food groups whose foods are normally eaten cooked (a practitioner logging "rice" means cooked rice). */
const EATEN_COOKED_GROUPS = new Set([
  'Cereal Grains and Pasta',
  'Beef Products',
  'Pork Products',
  'Poultry Products',
  'Finfish and Shellfish Products',
  'Lamb, Veal, and Game Products',
  'Legumes and Legume Products',
  'Sausages and Luncheon Meats',
]);
/** Foods of other groups normally eaten cooked, by the first words of their SR name. */
const EATEN_COOKED_NAMES =
  /^(egg, whole|cereals, oats|potatoes|sweet potato|corn, sweet|peas, green|edamame|beans, snap|noodles|pasta)\b/;
const COOKED =
  /\b(cooked|roasted|boiled|baked|broiled|grilled|fried|braised|stewed|simmered|steamed|scrambled|poached|pan-browned|pan-broiled|pan-fried|microwaved|heated|toasted|prepared|hard-boiled|omelet|rotisserie)\b/;
/** A product not yet in the state it is eaten in. */
const NOT_READY = /\b(unprepared|as purchased|uncooked|dry mix|dough)\b/;
const UNCOOKED = /\b(raw|dry|unprepared|as purchased|uncooked|dough|mix)\b/;
/** Words of the name that make a food flavoured or sweetened rather than the plain food. */
const FLAVOURED =
  /\b(flavou?red|flavou?r|sweetened|chocolate|vanilla|strawberry|fruit|honey|cinnamon|maple|caramel|mocha|lemon|chicory|coated|frosted|frosting|sauce|glazed|breaded|batter|cheese|seasoned)\b/g;
/** Words of niche or special-purpose versions of a food. */
const NICHE =
  /\b(imitation|industrial|commodity|special dietary|low sodium|reduced sodium|no salt|low calorie|added solution|protein fortified|alaska native|navajo|hopi|apache|shoshone|babyfood|infant|toddler|school lunch|restaurant|fast food|producer|sheep|goat|buffalo|human|camel|dehydrated|meatless|variety meats|by-products|mechanically separated|heart|liver|gizzard|giblets|brain|tongue|feet|mixture|made with tofu|cholesterol-free|reduced-calorie|diet)\b/g;
/** Varieties of a food that a plain name does not mean: "rice" is white rice, "yoghurt" not Greek. */
const VARIETY =
  /\b(reduced fat|greek|gluten-free|glutinous|whole-wheat|whole grain|multi-grain|brown|spelt|organic|wild)\b/g;
/** Words a query may use to say how the food is prepared; then the name's own words decide. */
const PREPARATION_WORDS = new Set(
  'raw cooked roasted boiled baked broiled grilled fried braised stewed steamed scrambled poached dry dried powder instant brewed canned frozen toasted smoked mashed'.split(
    ' ',
  ),
);

/** What the score reads of a food, worked out once per food rather than once per query variant. */
interface Prepared {
  name: string;
  foodGroup: string | null;
  lower: string;
  segments: string[][];
  nameWords: string[];
  /** Name and food-group words: a variant applies to a food only when all its words are here. */
  allWords: string[];
  head: string[];
  /** The part of the score that does not depend on the query. */
  base: number;
  /** How the food is prepared against how it is eaten; applies when the query names no preparation. */
  asEaten: number;
  /** Flavour, niche and variety words in the name (they count against the food unless the query asks for them). */
  flavoured: string[];
  niche: string[];
  variety: string[];
}

const REFERENCE_ENTRY =
  /\b(year round average|all commercial varieties|all varieties|all areas|all types|mixed species|all classes|all grades|prepared with tap water)\b|, all$/;

export function prepare(c: Pick<FoodEntry, 'name' | 'foodGroup'> & Partial<Pick<FoodEntry, 'measures'>>): Prepared {
  const lower = c.name.toLowerCase();
  const nameWords = searchWords(c.name);
  let base = 0;
  // Plain foods have short descriptions: fewer qualifiers, fewer commas.
  base -= Math.min((c.name.match(/,/g) ?? []).length, 8) * 0.3;
  if (/\b(plain|original|regular)\b/.test(lower)) base += 0.5;
  // SR's reference entry of a food averages its kinds: "year round average", "all commercial varieties".
  if (REFERENCE_ENTRY.test(lower)) base += 1.5;
  if (/\bwith (added )?salt\b/.test(lower)) base -= 0.5;
  // Common foods come with household measures (cup, slice, large); niche ones with weights only.
  base += Math.min(c.measures ?? 0, 3) * 0.4;
  if (c.foodGroup && PENALISED_GROUPS.has(c.foodGroup)) base -= 5;
  if (looksBranded(c.name)) base -= 4;
  // Foods as eaten: cooked for foods normally eaten cooked, brewed for drinks, raw for fruit and salad.
  let asEaten = 0;
  const group = c.foodGroup ?? '';
  if (group === 'Beverages' || lower.startsWith('beverages,')) {
    if (/\bbrewed\b/.test(lower)) asEaten += 3;
    if (/\b(powder|dry|mix)\b/.test(lower) && !/\bprepared\b/.test(lower)) asEaten -= 2.5;
    if (/\binstant\b/.test(lower)) asEaten -= 1;
    if (/\bready[- ]to[- ]drink\b/.test(lower)) asEaten -= 0.5;
  } else if (EATEN_COOKED_GROUPS.has(group) || EATEN_COOKED_NAMES.test(lower)) {
    // "Potatoes, french fried, …, frozen, unprepared": the cooking word names the product, not its state.
    if (NOT_READY.test(lower)) asEaten -= 2;
    else if (COOKED.test(lower)) asEaten += 3;
    else if (/\bcanned\b/.test(lower)) asEaten += 1;
    else if (UNCOOKED.test(lower)) asEaten -= 2;
    if (/\bfried\b|\bbreaded\b|\bbatter\b/.test(lower)) asEaten -= 1;
  } else if (/, raw\b/.test(lower)) asEaten += 2;
  // Not eaten as sold: a dry mix, dough, or a frozen product before it is cooked.
  else if (NOT_READY.test(lower)) asEaten -= 1.5;
  return {
    asEaten,
    flavoured: lower.match(FLAVOURED) ?? [],
    niche: lower.match(NICHE) ?? [],
    variety: lower.match(VARIETY) ?? [],
    name: c.name,
    foodGroup: c.foodGroup,
    lower,
    segments: foodSegments(c.name),
    nameWords,
    allWords: [...nameWords, ...searchWords(c.foodGroup ?? '')],
    head: searchWords(c.name.split(',').slice(0, 3).join(' ')),
    base,
  };
}

/**
 * Higher is better. `fit` is this food's bm25 within the candidates, 0 (worst) to 1 (best): bm25's
 * absolute values depend on the query, and it only orders by term statistics, so it breaks ties.
 */
export function score(p: Prepared, queryWords: string[], fit: number): number {
  let s = fit * 2 + p.base;
  // The word naming the food: "eggs" of "scrambled eggs", not the preparation.
  const q0 = queryWords.find((q) => !PREPARATION_WORDS.has(q)) ?? queryWords[0] ?? '';
  // The food itself is named first in SR ("Bananas, raw"); "Bread, banana" is another food.
  let named = 0;
  for (const [i, segment] of p.segments.entries()) {
    const word = segment[0] ?? '';
    // After a category ("Snacks, brown rice chips") the food is a kind of that category: a little less.
    let here = -i;
    if (same(word, q0)) here += 6;
    else if (queryWords.some((q) => same(word, q))) here += 4;
    else if (word.startsWith(q0)) here += 3;
    else here = 0;
    // A base food's first segment is just its name ("Milk, whole, …"), not "Milk and cereal bar".
    if (segment.length === 1 && same(word, q0)) here += 2;
    // "Peanut butter, smooth style" for "peanut butter": the segment is the query's words and no more.
    else if (
      segment.length > 1 &&
      segment.length === queryWords.length &&
      segment.every((w, k) => same(w, queryWords[k]!))
    )
      here += 2;
    named = Math.max(named, here);
  }
  s += named;
  // Whole words over prefixes: "coffee" means coffee before "Coffeecake".
  for (const q of queryWords) if (p.nameWords.some((w) => same(w, q))) s += 1;
  // Every query word within the first three segments ("Milk, whole" for "milk whole").
  if (queryWords.every((q) => p.head.some((h) => h.startsWith(q)))) s += 2;
  if (!queryWords.some((q) => PREPARATION_WORDS.has(q))) s += p.asEaten;
  // Plain before flavoured, common before niche: only where the query does not ask for the word.
  const unasked = (found: string[]): number => found.filter((w) => !queryWords.some((q) => w.startsWith(q))).length;
  s -= Math.min(unasked(p.flavoured), 3) * 1.2;
  s -= Math.min(unasked(p.niche), 2) * 1.5;
  s -= Math.min(unasked(p.variety), 2) * 0.8;
  return s;
}

/**
 * The best matches by bm25 that are ranked in full. A short prefix typed ("ba", "ch") matches a fifth
 * of the table; bm25 (name words weighted ten times the food group, short names first) already puts
 * the plain foods among its first hundred, and ranking only those keeps each keystroke cheap. Measured
 * on the 245 everyday searches: top-1 68.2 % with every match ranked, with 200 and with 100; top-3
 * 86.9 %, 86.9 % and 87.3 %. The type-ahead p95 fell from 2.2 ms (200) to 1.9 ms (100), 2-core machine.
 */
const CANDIDATES = 100;

/**
 * A single word this short matches a fifth of the table ("ch": 2,099 foods), and bm25 over all of
 * them is most of a keystroke's cost; every search starts with such a prefix, so their candidates
 * are kept while no food or measure has changed.
 */
const BROAD_PREFIX = 2;
const BROAD_CACHE_MAX = 512;

/**
 * The foods search has read, per database connection, while no food or measure has changed: the
 * foods_generation counter (migration 0012) is moved on by triggers on every write to foods and
 * food_portions, whatever makes it (the food editor, imports, the bundled table, sync). A keystroke
 * then costs one index lookup for the candidates' rowids and bm25; their names, groups, counts of
 * household measures and what the score reads of them are read and worked out once, not joined,
 * counted and parsed again for a hundred candidates on every key. A deleted food is kept as null.
 */
interface FoodCache {
  generation: number;
  byRowid: Map<number, FoodEntry | null>;
  byId: Map<string, FoodEntry | null>;
  /** Candidates of one- and two-letter prefixes, by MATCH expression. */
  broad: Map<string, { rowid: number; rank: number }[]>;
}
const foodCaches = new WeakMap<Sqlite, FoodCache>();

function foodCache(sqlite: Sqlite): FoodCache {
  const generation = statement(sqlite, 'SELECT n FROM foods_generation WHERE id = 1').pluck().get() as number;
  const previous = foodCaches.get(sqlite);
  if (previous && previous.generation === generation) return previous;
  const cache: FoodCache = { generation, byRowid: new Map(), byId: new Map(), broad: new Map() };
  fillFoods(sqlite, cache, previous);
  foodCaches.set(sqlite, cache);
  return cache;
}

const SELECT = `f.rowid AS rowid, f.id, f.name, f.food_group AS foodGroup, f.source, json_extract(f.nutrients, '$.energyKcal') AS energy, f.allergens, f.deleted_at AS deletedAt`;

/**
 * Reads every food in one pass (household measures counted by one grouped scan, not a subquery per
 * food) and works out what the score reads of each: about 0.2 s for the bundled table, paid by the
 * first search after unlocking. After a write (the counter moved on) the foods are read again and
 * only those whose name, group or measures changed are worked out again. Doing it food by food as
 * they first turned up as candidates cost a new query 5–10 ms, and every query is new as one types.
 */
function fillFoods(sqlite: Sqlite, cache: FoodCache, previous: FoodCache | undefined): void {
  const rows = statement(
    sqlite,
    `SELECT ${SELECT}, coalesce(m.n, 0) AS measures
       FROM foods f LEFT JOIN (
         SELECT food_id, count(*) AS n FROM food_portions
          WHERE unit NOT LIKE 'oz%' AND unit NOT LIKE 'lb%' AND unit NOT LIKE '%NLEA%' GROUP BY food_id
       ) m ON m.food_id = f.id`,
  ).all() as (FoodEntry & { rowid: number; deletedAt: number | null })[];
  for (const { rowid, deletedAt, ...food } of rows) {
    let entry: FoodEntry | null = null;
    if (deletedAt === null) {
      // Unchanged foods keep what was worked out for them before the write that started the cache again.
      const before = previous?.byId.get(food.id);
      const same =
        before && before.name === food.name && before.foodGroup === food.foodGroup && before.measures === food.measures;
      entry = { ...food, prepared: same ? before.prepared : prepare(food) };
    }
    cache.byRowid.set(rowid, entry);
    cache.byId.set(food.id, entry);
  }
}

/** The CANDIDATES best matches by bm25 that are not deleted. */
function candidates(sqlite: Sqlite, cache: FoodCache, match: string, broad: boolean): Candidate[] {
  let matches = broad ? cache.broad.get(match) : undefined;
  if (!matches) {
    matches = statement(
      sqlite,
      `SELECT rowid, bm25(foods_fts, 10.0, 1.0) AS rank FROM foods_fts WHERE foods_fts MATCH ? ORDER BY rank LIMIT ${CANDIDATES}`,
    ).all(match) as { rowid: number; rank: number }[];
    if (broad) {
      if (cache.broad.size >= BROAD_CACHE_MAX) cache.broad.clear();
      cache.broad.set(match, matches);
    }
  }
  return matches.flatMap((m) => {
    const food = cache.byRowid.get(m.rowid);
    return food ? [{ food, rank: m.rank }] : [];
  });
}

/** How much a client's own use of a food weighs: a use counts half after this many days. */
const HALF_LIFE_DAYS = 30;

/**
 * What a client's search puts first, kept per connection while the database is unchanged: SQLite's
 * total_changes() counts every row this connection has written (triggers included) and data_version
 * moves when another connection commits, so nothing logged or starred anywhere is missed, and a
 * keystroke does not read the client's diary again.
 */
interface ClientCache {
  key: string;
  byClient: Map<string, { own: Map<string, number>; favs: string[] }>;
}
const clientCaches = new WeakMap<Sqlite, ClientCache>();
const CLIENT_CACHE_MAX = 64;

function clientSearchData(sqlite: Sqlite, clientId: string): { own: Map<string, number>; favs: string[] } {
  const state = statement(sqlite, 'SELECT total_changes() AS t, data_version AS v FROM pragma_data_version').get() as {
    t: number;
    v: number;
  };
  const key = `${state.t}:${state.v}`;
  let cache = clientCaches.get(sqlite);
  if (!cache || cache.key !== key || cache.byClient.size >= CLIENT_CACHE_MAX) {
    cache = { key, byClient: new Map() };
    clientCaches.set(sqlite, cache);
  }
  let data = cache.byClient.get(clientId);
  if (!data)
    cache.byClient.set(
      clientId,
      (data = { own: clientFoods(sqlite, clientId), favs: clientFavourites(sqlite, clientId) }),
    );
  return data;
}

/**
 * The foods a client logged, by frecency: each use counts 1, halved for every 30 days it lies before
 * the client's latest entry (so a food eaten daily for a month outranks one eaten once last week,
 * and a habit of a year ago fades). Relative to the latest entry, not the clock: the order of a
 * client's foods does not change while nothing is logged.
 */
function clientFoods(sqlite: Sqlite, clientId: string): Map<string, number> {
  const rows = statement(
    sqlite,
    `SELECT food_id AS id, occurred_at AS at FROM events
       WHERE client_id = ? AND kind = 'diet' AND food_id IS NOT NULL AND deleted_at IS NULL
       ORDER BY occurred_at DESC LIMIT 2000`,
  ).all(clientId) as { id: string; at: number }[];
  const latest = rows[0]?.at ?? 0;
  const weight = new Map<string, number>();
  for (const r of rows) {
    const days = (latest - r.at) / 86_400_000;
    weight.set(r.id, (weight.get(r.id) ?? 0) + 0.5 ** (days / HALF_LIFE_DAYS));
  }
  return weight;
}

/**
 * The foods starred for a client (table client_favourites), most recently starred first: they come
 * before everything else when logging for that client, even foods never logged.
 */
function clientFavourites(sqlite: Sqlite, clientId: string): string[] {
  const rows = statement(
    sqlite,
    `SELECT food_id AS id FROM client_favourites WHERE client_id = ? AND deleted_at IS NULL
       GROUP BY food_id ORDER BY max(created_at) DESC, food_id`,
  ).all(clientId) as { id: string }[];
  return rows.map((r) => r.id);
}

function toHit(c: FoodEntry, recent: boolean, s?: number, favourite = false): FoodHit {
  return {
    ...(s === undefined ? {} : { score: Math.round(s * 100) / 100 }),
    id: c.id,
    name: c.name,
    foodGroup: c.foodGroup,
    source: c.source,
    energyKcalPer100g: c.energy,
    recent,
    ...(favourite ? { favourite } : {}),
    allergens: parseAllergens(c.allergens),
  };
}

/** The query variants (as typed, and as synonyms rewrite it) of the last queries, by their words. */
const variantCache = new Map<string, string[][]>();
const VARIANT_CACHE_MAX = 1_000;
function variantsOf(words: string[]): string[][] {
  const key = words.join(' ');
  let v = variantCache.get(key);
  if (!v) {
    if (variantCache.size >= VARIANT_CACHE_MAX) variantCache.clear();
    variantCache.set(key, (v = queryVariants(words)));
  }
  return v;
}

/**
 * Foods matching every word of the query (as typed or as a synonym rewrites it), best first: the
 * client's favourites (latest starred first), their own foods (most used lately first), then by score,
 * then shorter names. An empty query lists the client's favourites, then their foods. Never throws on
 * odd input; soft-deleted foods are never returned.
 */
export function searchFoods(sqlite: Sqlite, { query, clientId, limit }: SearchOptions): FoodHit[] {
  const { own, favs } = clientId ? clientSearchData(sqlite, clientId) : { own: new Map<string, number>(), favs: [] };
  // Favourites first (in the order starred), then the client's own foods by frecency.
  const favRank = new Map(favs.map((id, i) => [id, favs.length - i]));
  const cache = foodCache(sqlite);
  const words = searchWords(query);
  if (words.length === 0) {
    if (own.size === 0 && favs.length === 0) return [];
    const recent = [...own.keys()].filter((id) => !favRank.has(id)).sort((a, b) => own.get(b)! - own.get(a)!);
    const ids = [...favs, ...recent];
    return ids
      .flatMap((id) => {
        const food = cache.byId.get(id);
        return food ? [toHit(food, own.has(id), undefined, favRank.has(id))] : [];
      })
      .slice(0, limit);
  }

  // Weights: a word in the name counts ten times one in the food group ("Fruits and Fruit Juices").
  const variants = variantsOf(words);
  const match = variants.map((v) => `(${ftsQuery(v)})`).join(' OR ');
  const rows = candidates(sqlite, cache, match, words.length === 1 && words[0]!.length <= BROAD_PREFIX);
  let best = Infinity;
  let worst = -Infinity;
  for (const r of rows) {
    best = Math.min(best, r.rank);
    worst = Math.max(worst, r.rank);
  }
  // The client's favourites and own foods that match come first whatever their bm25, so those outside the candidates
  // are read as well, and matched here as FTS5 matches (every word of a variant prefixes a word of the
  // name or food group): asking the index would rank every food the prefix matches again. They are
  // given the weakest candidate's bm25, which only orders them among foods used exactly as much.
  if (own.size > 0 || favs.length > 0) {
    const have = new Set(rows.map((r) => r.food.id));
    const missing = [...new Set([...favs, ...own.keys()])].filter((id) => !have.has(id));
    for (const id of missing) {
      const food = cache.byId.get(id);
      if (!food) continue;
      const p = food.prepared;
      if (variants.some((v) => v.every((q) => p.allWords.some((w) => w.startsWith(q)))))
        rows.push({ food, rank: Number.isFinite(worst) ? worst : 0 });
    }
  }
  if (!Number.isFinite(best)) best = worst = 0;
  const spread = worst - best || 1;

  return rows
    .map(({ food, rank }) => {
      const fit = (worst - rank) / spread;
      const p = food.prepared;
      // A food found only through a synonym is ranked on the synonym's words.
      let s = -Infinity;
      for (const v of variants) {
        if (variants.length === 1 || v.every((q) => p.allWords.some((w) => w.startsWith(q))))
          s = Math.max(s, score(p, v, fit));
      }
      return { food, use: own.get(food.id) ?? null, fav: favRank.get(food.id) ?? 0, s };
    })
    .sort(
      (a, b) =>
        b.fav - a.fav ||
        (b.use ?? -Infinity) - (a.use ?? -Infinity) ||
        b.s - a.s ||
        a.food.name.length - b.food.name.length ||
        (a.food.name < b.food.name ? -1 : a.food.name > b.food.name ? 1 : 0),
    )
    .slice(0, limit)
    .map(({ food, use, fav, s }) => toHit(food, use !== null, s, fav > 0));
}
