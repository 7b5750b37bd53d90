import { AppError } from '../contract/errors.ts';

/**
 * Household amounts ("1 medium", "1 1/2 cups", "3 oz") → grams, using a food's measures.
 * Mass units are exact conversions (NIST Handbook 44, Appendix C: 1 avoirdupois ounce =
 * 28.349523125 g, 1 pound = 453.59237 g). Millilitres are converted to the food's own cup, fl oz,
 * tbsp or tsp measure (US customary: 1 cup = 236.5882365 mL, 1 fl oz = 29.5735295625 mL), since the
 * grams in a volume depend on the food.
 */

export interface MeasureLike {
  amount: number;
  /** The measure's own words: 'medium (7" to 7-7/8" long)', 'cup, sliced'. */
  unit: string;
  grams: number;
}

export interface ParsedAmount {
  amount: number;
  /** The rest of the text, trimmed and lower-cased ('' when only a number was given). */
  unit: string;
}

const GRAMS_PER: Record<string, number> = {
  g: 1,
  gram: 1,
  gramme: 1,
  kg: 1000,
  kilogram: 1000,
  kilo: 1000,
  mg: 0.001,
  oz: 28.349523125,
  ounce: 28.349523125,
  lb: 453.59237,
  pound: 453.59237,
};

const ML_PER: Record<string, number> = {
  ml: 1,
  millilitre: 1,
  milliliter: 1,
  l: 1000,
  litre: 1000,
  liter: 1000,
  dl: 100,
  cl: 10,
};
/**
 * Millilitres in one of the food's volume measures (US customary, NIST Handbook 44 Appendix C). fl oz
 * first: SR gives it for liquids, whereas a "cup" may be of cubes or slices.
 */
const VOLUME_MEASURE_ML: [string, number][] = [
  ['fl oz', 29.5735295625],
  ['cup', 236.5882365],
  ['tbsp', 14.78676478125],
  ['tsp', 4.92892159375],
];

/**
 * Drinking vessels, for drinks logged as "a glass of water" or "a mug of tea" when the food has no such
 * measure of its own. A glass is 240 mL, the reference amount customarily consumed for beverages in US
 * labelling (21 CFR 101.12(b), table 2); a mug is 12 fl oz (355 mL), the size of a standard coffee mug
 * and of a US drinks can; a can is 355 mL and a bottle 500 mL, the common sizes. They are conventions:
 * the label always shows the millilitres, and an exact amount can be entered in mL.
 */
const VESSEL_ML: Record<string, number> = { glass: 240, mug: 355, can: 355, bottle: 500 };

/** Grams of `totalMl` of a food, through its own cup, fl oz, tbsp or tsp measure (its density). */
function byVolume(
  portions: readonly MeasureLike[],
  amount: number,
  totalMl: number,
  unitLabel: string,
  foodName: string,
): { grams: number; label: string } {
  for (const [name, perMeasure] of VOLUME_MEASURE_ML) {
    const m = findMeasure(portions, name);
    if (m) {
      const grams = (totalMl / perMeasure) * (m.grams / m.amount);
      return { grams, label: `${formatAmount(amount)} ${unitLabel} (${formatGrams(grams)} g)` };
    }
  }
  const message = `${foodName} has no cup, fl oz, tbsp or tsp measure to convert ${unitLabel} to grams. Enter the amount in grams.`;
  throw new AppError('invalid-input', message, { amount: message });
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  half: 0.5,
  quarter: 0.25,
};
const UNICODE_FRACTIONS: Record<string, string> = {
  '½': ' 1/2',
  '⅓': ' 1/3',
  '⅔': ' 2/3',
  '¼': ' 1/4',
  '¾': ' 3/4',
  '⅛': ' 1/8',
};

/** Abbreviations and spellings → the word SR measures use. */
const SYNONYMS: Record<string, string> = {
  tablespoon: 'tbsp',
  tbs: 'tbsp',
  tbl: 'tbsp',
  tb: 'tbsp',
  teaspoon: 'tsp',
  ts: 'tsp',
  c: 'cup',
  med: 'medium',
  md: 'medium',
  lg: 'large',
  sm: 'small',
  pc: 'piece',
  pce: 'piece',
  serve: 'serving',
  portion: 'serving',
  lbs: 'lb',
  gr: 'g',
  grams: 'g',
  ozs: 'oz',
};

/** Singular, synonym-resolved form of one word, so "cups" matches "cup" and "slices" matches "slice". */
function normWord(word: string): string {
  let w = word.toLowerCase();
  const direct = SYNONYMS[w];
  if (direct) return direct;
  if (/(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 2 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return SYNONYMS[w] ?? w;
}

function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/\bfl\.?\s*oz\b/g, 'floz')
      .match(/[a-z0-9]+/g) ?? []
  ).map((w) => (w === 'floz' ? 'fl oz' : normWord(w)));
}

/**
 * The leading amount of a household measure: "1 1/2 cups" → 1.5 and "cups"; "half a cup" → 0.5 and
 * "cup"; "100g" → 100 and "g"; "medium" → 1 and "medium". Throws on an empty text or an amount ≤ 0.
 */
export function parseAmount(text: string): ParsedAmount {
  let s = text.trim().toLowerCase();
  for (const [ch, rep] of Object.entries(UNICODE_FRACTIONS)) s = s.replaceAll(ch, rep);
  s = s.replace(/\s+/g, ' ').trim();
  if (!s) throw new AppError('invalid-input', 'Enter an amount, such as "150 g" or "1 medium".');

  if (s.startsWith('-')) throw new AppError('invalid-input', `"${text.trim()}" is not an amount above zero.`);

  let amount: number | null = null;
  // "1 1/2", "1/2", "1,000" (thousands), "1.5", ".5", "1,5" (decimal comma), or "1-1/2" as SR writes
  // mixed numbers.
  const num = /^(\d+)[ -](\d+)\/(\d+)|^(\d+)\/(\d+)|^(\d{1,3}(?:,\d{3})+(?:\.\d+)?)(?![\d,])|^(\d*[.,]?\d+)/.exec(s);
  if (num) {
    if (num[1] !== undefined) amount = Number(num[1]) + Number(num[2]) / Number(num[3]);
    else if (num[4] !== undefined) amount = Number(num[4]) / Number(num[5]);
    else if (num[6] !== undefined) amount = Number(num[6].replaceAll(',', ''));
    else amount = Number(num[7]!.replace(',', '.'));
    s = s.slice(num[0].length).trim();
  } else {
    // "half a cup", "a half cup", "one cup", "a quarter of a pound"
    const m = /^(an?\s+)?(half|quarter|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b\s*/.exec(
      s,
    );
    if (m) {
      amount = NUMBER_WORDS[m[2]!]!;
      s = s
        .slice(m[0].length)
        .replace(/^(of\s+)?(an?\s+)?/, '')
        .trim();
    }
  }
  // "2 x cup", "2 × cup", "2 of the medium"
  s = s
    .replace(/^(x|×)\s*/, '')
    .replace(/^of\s+(the\s+)?/, '')
    .trim();
  if (amount === null) amount = 1;
  if (!Number.isFinite(amount) || amount <= 0) {
    throw new AppError('invalid-input', `"${text.trim()}" is not an amount above zero.`);
  }
  return { amount, unit: s };
}

/** "1", "1/2", "1 1/2", "0.3" for labels. */
export function formatAmount(n: number): string {
  const whole = Math.floor(n + 1e-9);
  const frac = n - whole;
  const fractions: [number, string][] = [
    [1 / 4, '1/4'],
    [1 / 3, '1/3'],
    [1 / 2, '1/2'],
    [2 / 3, '2/3'],
    [3 / 4, '3/4'],
  ];
  if (frac < 1e-6) return String(whole);
  const f = fractions.find(([v]) => Math.abs(v - frac) < 0.002);
  if (f) return whole > 0 ? `${whole} ${f[1]}` : f[1];
  return String(Math.round(n * 100) / 100);
}

/** Grams for a label: whole grams from 10 g up, one decimal below. */
export function formatGrams(g: number): string {
  return g >= 10 ? String(Math.round(g)) : String(Math.round(g * 10) / 10);
}

/** The measure's main words, without the description in brackets: 'medium (7" …)' → 'medium'. */
export function measureHead(unit: string): string {
  return unit.replace(/\s*\(.*$/, '').trim();
}

/** Nouns that take an -s after amounts above one in labels ("2 cups, sliced"); adjectives do not. */
const COUNT_NOUNS = new Set([
  'cup',
  'slice',
  'piece',
  'serving',
  'container',
  'package',
  'bar',
  'stalk',
  'leaf',
  'can',
]);

/** "2 cups, sliced", "1 1/2 medium": an amount of a measure, in words. */
export function measureLabel(amount: number, unit: string): string {
  const first = /^[a-z]+/.exec(unit)?.[0];
  const plural =
    amount > 1 && first && COUNT_NOUNS.has(first)
      ? unit.replace(first, first === 'leaf' ? 'leaves' : `${first}s`)
      : unit;
  return `${formatAmount(amount)} ${plural}`;
}

/**
 * The measure a unit names: the user's words must be the first words of the measure (singular or
 * plural, e.g. "medium" → 'medium (7" to 7-7/8" long)', "cup" → 'cup, sliced'); among several, the one
 * with the fewest extra words, then the first listed (SR lists the usual measure first).
 */
export function findMeasure<T extends MeasureLike>(portions: readonly T[], unit: string): T | null {
  const want = words(unit);
  if (want.length === 0) return null;
  let best: { p: T; extra: number; i: number } | null = null;
  portions.forEach((p, i) => {
    const have = words(p.unit);
    const head = words(measureHead(p.unit));
    const matches = want.every((w, k) => have[k] === w);
    if (!matches) return;
    const extra = Math.max(head.length - want.length, 0) * 10 + (have.length - want.length);
    if (!best || extra < best.extra || (extra === best.extra && i < best.i)) best = { p, extra, i };
  });
  return (best as { p: T } | null)?.p ?? null;
}

/** "extra small, small, medium, large, cup, NLEA serving": the distinct measure names, for messages. */
export function measureNames(portions: readonly MeasureLike[]): string[] {
  const names: string[] = [];
  for (const p of portions) {
    const name = p.unit.replace(/\s*[(,].*$/, '').trim();
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

function noMeasure(foodName: string, unit: string, portions: readonly MeasureLike[]): AppError {
  const names = measureNames(portions);
  const message =
    names.length === 0
      ? `${foodName} has no household measures. Enter the amount in grams (e.g. "150 g").`
      : `${foodName} has no measure called "${unit}". Use grams or one of: ${names.join(', ')}.`;
  return new AppError('invalid-input', message, { amount: message });
}

/**
 * Grams and a label ("1 medium (118 g)", "150 g", "3 oz (85 g)") for a household amount of a food.
 * `foodName` is only used in error messages.
 */
export function resolvePortion(
  portions: readonly MeasureLike[],
  text: string,
  foodName = 'This food',
): { grams: number; label: string } {
  const { amount, unit } = parseAmount(text);
  const unitWords = words(unit);
  if (unitWords.length === 0) {
    throw new AppError(
      'invalid-input',
      `Add a unit to "${text.trim()}": grams (e.g. "150 g") or a measure such as "1 ${measureNames(portions)[0] ?? 'cup'}".`,
      { amount: 'Add a unit (g, oz, cup, medium, …).' },
    );
  }
  if (unitWords.length === 1) {
    const perUnit = GRAMS_PER[unitWords[0]!];
    if (perUnit !== undefined) {
      const grams = amount * perUnit;
      const label =
        perUnit === 1 ? `${formatGrams(grams)} g` : `${formatAmount(amount)} ${unit} (${formatGrams(grams)} g)`;
      return { grams, label };
    }
    const ml = ML_PER[unitWords[0]!];
    if (ml !== undefined) return byVolume(portions, amount, amount * ml, unit, foodName);
  }
  // "1 medium banana", "2 slices of bread": the food's own name (and filler words) is not a measure.
  const nameWords = new Set([...words(foodName), 'of', 'the']);
  const trimmed = unitWords.filter((w) => !nameWords.has(w)).join(' ');
  const measure = findMeasure(portions, unit) ?? (trimmed ? findMeasure(portions, trimmed) : null);
  // "a glass of water", "2 mugs of tea": a drinking vessel, for a drink that has a volume measure.
  const vessel = VESSEL_ML[trimmed];
  if (!measure && vessel !== undefined) {
    return byVolume(portions, amount, amount * vessel, `${trimmed} (${formatGrams(amount * vessel)} mL)`, foodName);
  }
  if (!measure) throw noMeasure(foodName, unit, portions);
  const grams = (amount / measure.amount) * measure.grams;
  return { grams, label: `${measureLabel(amount, measureHead(measure.unit))} (${formatGrams(grams)} g)` };
}
