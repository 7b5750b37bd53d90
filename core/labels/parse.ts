import type { OcrBox, OcrLine } from './ocr.ts';

/**
 * Reads a nutrition panel out of OCR lines (words with boxes): the US "Nutrition Facts" label (values
 * per serving, 21 CFR 101.9) and the EU/UK "Nutrition information" table (per 100 g or 100 ml, often
 * with a per-portion column; Regulation (EU) No 1169/2011 Art. 30–33 and Annex XV). Pure: the OCR and
 * the image work live in labels-service.ts, so these rules are tested on text alone.
 *
 * Each field keeps the box of the line(s) it was read from, so the review can show the crop beside it.
 * OCR confusions seen on real runs are undone only inside number tokens ("Og" → 0 g, "i6omg" → 160 mg,
 * "lg" → 1 g, "7.99" on a gram line → 7.9 g where the "g" was read as "9").
 */

export type LabelFieldKey =
  | 'energyKcal'
  | 'energyKj'
  | 'fatG'
  | 'satFatG'
  | 'transFatG'
  | 'cholesterolMg'
  | 'sodiumMg'
  | 'saltG'
  | 'carbG'
  | 'sugarG'
  | 'addedSugarG'
  | 'fibreG'
  | 'proteinG';

export type LabelBasis = 'serving' | '100g' | '100ml';

export interface ParsedField {
  key: LabelFieldKey;
  /** The value as printed, in `unit`, per `basis`. */
  value: number;
  unit: 'kcal' | 'kJ' | 'g' | 'mg';
  /** The OCR text of the line(s) it came from. */
  text: string;
  box: OcrBox;
  /** Tesseract's confidence for the line, 0–100. */
  confidence: number;
}

export interface ParsedLabel {
  layout: 'us' | 'eu';
  basis: LabelBasis;
  /** The serving (or portion) in grams (millilitres for drinks), when the label says. */
  serving: { grams: number; text: string; box: OcrBox } | null;
  fields: ParsedField[];
}

/** Field units and names, in the order a label lists them. */
export const FIELD_INFO: Readonly<Record<LabelFieldKey, { unit: ParsedField['unit']; name: string }>> = {
  energyKcal: { unit: 'kcal', name: 'Energy' },
  energyKj: { unit: 'kJ', name: 'Energy (kJ)' },
  fatG: { unit: 'g', name: 'Fat' },
  satFatG: { unit: 'g', name: 'Saturated fat' },
  transFatG: { unit: 'g', name: 'Trans fat' },
  cholesterolMg: { unit: 'mg', name: 'Cholesterol' },
  sodiumMg: { unit: 'mg', name: 'Sodium' },
  saltG: { unit: 'g', name: 'Salt' },
  carbG: { unit: 'g', name: 'Carbohydrate' },
  sugarG: { unit: 'g', name: 'Sugars' },
  addedSugarG: { unit: 'g', name: 'Added sugars' },
  fibreG: { unit: 'g', name: 'Fibre' },
  proteinG: { unit: 'g', name: 'Protein' },
};

/**
 * Line keywords, tried in order on the line's letters with spaces removed and lower-cased (OCR often
 * loses spaces: "SaturatedFatlg"). More specific names come first ("saturated fat" before "fat").
 * A leading run of up to 3 stray characters (a bullet, a rule read as "_") is allowed.
 */
const KEYWORDS: { key: LabelFieldKey | 'energy' | 'sodiumOrSalt'; re: RegExp }[] = [
  { key: 'satFatG', re: /^(?:ofwhich|ofwhlch)?-?(?:saturate[ds]?(?:fat)?|saturatedfat|satfat|sat\.fat)/ },
  { key: 'transFatG', re: /^trans(?:fat)?/ },
  { key: 'addedSugarG', re: /^(?:incl(?:udes|\.)?|addedsugars?)/ },
  { key: 'sugarG', re: /^(?:ofwhich|ofwhlch)?-?(?:totalsugars?|sugars?)/ },
  { key: 'fibreG', re: /^(?:dietary)?(?:fibre|fiber)/ },
  { key: 'carbG', re: /^(?:total)?carbohydrates?/ },
  { key: 'fatG', re: /^(?:total)?fat/ },
  { key: 'cholesterolMg', re: /^cholester[oa]l/ },
  { key: 'sodiumOrSalt', re: /^(?:sodium|salt)/ },
  { key: 'proteinG', re: /^prote[il]ns?/ },
  { key: 'energy', re: /^(?:energy|calories|energie)/ },
];

interface NumToken {
  value: number;
  unit: string | null;
  percent: boolean;
  raw: string;
}

const squash = (s: string): string => s.toLowerCase().replace(/[\s]+/g, '');

/** Unit spellings as OCR reads them → the unit; null for no unit, undefined for text that is no unit. */
function unitOf(u: string): string | null | undefined {
  const x = u.toLowerCase();
  if (x === '') return null;
  if (/^(?:kcal|keal|kcai|kca1|kcat|cal)$/.test(x)) return 'kcal';
  if (/^(?:kj|k\]|k\}|k\)|kj\]|k1|kl)$/.test(x)) return 'kJ';
  if (/^(?:mg|m|rng|mq)$/.test(x)) return 'mg';
  if (/^(?:mcg|µg|ug|pg)$/.test(x)) return 'mcg';
  if (/^(?:g|q|qg|gg)$/.test(x)) return 'g';
  if (/^(?:ml)$/.test(x)) return 'ml';
  if (x === '%') return '%';
  return undefined;
}

/** Number tokens of a line's tail, with OCR confusions undone inside numbers only. */
export function numberTokens(tail: string): NumToken[] {
  const parts = tail
    .replace(/[<>~≈*†]/g, ' ')
    .split(/[\s/|()]+/)
    .filter((p) => p !== '');
  const out: NumToken[] = [];
  let pendingUnit: string | null = null;
  for (const part of parts) {
    const m = /^([0-9oOlIi!.,]+)([a-zA-Z%\]}µ)]*)$/.exec(part);
    const unitOnly = unitOf(part);
    if (!m || !/[0-9]/.test(m[1]!)) {
      // "Og", "Om", "lg": a lone 0 or 1 read as the letter O or l, followed by a unit.
      const lone = /^([oOlI])([a-zA-Z%]+)$/.exec(part);
      const loneUnit = lone ? unitOf(lone[2]!) : undefined;
      if (lone && loneUnit) {
        out.push({ value: /[oO]/.test(lone[1]!) ? 0 : 1, unit: loneUnit, percent: loneUnit === '%', raw: part });
        continue;
      }
      if (unitOnly !== undefined && unitOnly !== null) {
        // A unit on its own: belongs to the number just before it, or to the numbers after it.
        const prev = out.at(-1);
        if (prev && prev.unit === null && !pendingUnit) prev.unit = unitOnly;
        else pendingUnit = unitOnly;
        if (prev && prev.unit === '%') prev.percent = true;
      }
      continue;
    }
    const digits = m[1]!
      .replace(/[oO]/g, '0')
      .replace(/[lIi!]/g, '1')
      .replace(',', '.');
    if (!/^\d+(?:\.\d+)?$/.test(digits)) {
      // Several numbers run together ("1.8.2"), or a dot alone: not readable.
      continue;
    }
    // Letters after the number that are no unit ("3.4qx") leave it without one.
    const unit = unitOf(m[2]!) ?? null;
    out.push({ value: Number(digits), unit: unit ?? pendingUnit, percent: unit === '%', raw: m[1]! });
  }
  return out;
}

/**
 * "7.99" on a gram line where the "g" was read as "9": labels print grams with at most one decimal
 * (salt: two), so a bare number with one decimal too many that ends in 9 loses that 9. Whole numbers
 * ending in 9 on a gram line ("Total Fat 89 10%", "Carbohydrate 609 27g") are read the same way:
 * both layouts print the unit next to every gram figure.
 */
function undoGramNine(t: NumToken, key: LabelFieldKey): number {
  if (t.unit !== null || !/9$/.test(t.raw)) return t.value;
  const maxDecimals = key === 'saltG' ? 2 : 1;
  const s = String(t.raw)
    .replace(/[oO]/g, '0')
    .replace(/[lIi!]/g, '1')
    .replace(',', '.');
  const decimals = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
  if (decimals > maxDecimals) return Number(s.slice(0, -1));
  if (decimals === 0 && s.length >= 2) return Number(s.slice(0, -1));
  return t.value;
}

function union(a: OcrBox, b: OcrBox): OcrBox {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/** The tail of a line after `consumed` non-space characters (the keyword). */
function tailAfter(text: string, consumed: number): string {
  let n = 0;
  let i = 0;
  while (i < text.length && n < consumed) {
    if (!/\s/.test(text[i]!)) n++;
    i++;
  }
  return text.slice(i);
}

function matchKeyword(text: string): { key: (typeof KEYWORDS)[number]['key']; tail: string } | null {
  const sq = squash(text);
  // Up to 3 stray leading characters that are not letters (a bullet, a rule read as "_" or "—").
  const lead = /^[^a-z0-9]{0,3}/.exec(sq)![0].length;
  const body = sq.slice(lead);
  for (const k of KEYWORDS) {
    const m = k.re.exec(body);
    if (m) return { key: k.key, tail: tailAfter(text, lead + m[0].length) };
  }
  return null;
}

/** Which column holds per-100 g values, from the header line ("Per 100g | Per 25g portion"). */
function columnsOf(lines: OcrLine[]): {
  per100Index: number | null;
  perServingIndex: number | null;
  basis100: '100g' | '100ml' | null;
  servingFromHeader: ParsedLabel['serving'];
} {
  for (const line of lines) {
    const sq = squash(line.text).replace(/1oo|loo|10o|1o0/g, '100');
    const hundred = /(?:per)?100(?:g|9|ml|m1)/.exec(sq);
    const portion = /(?:per)?(?:portion|serving|\d+(?:g|9|ml)(?:portion|serving)|serving\(\d+g\))/.exec(
      hundred
        ? sq.slice(0, hundred.index) + ' '.repeat(hundred[0].length) + sq.slice(hundred.index + hundred[0].length)
        : sq,
    );
    if (!hundred && !portion) continue;
    if (!hundred && !/typical|per|portion|serving/.test(sq)) continue;
    let serving: ParsedLabel['serving'] = null;
    const grams = /per(\d+(?:\.\d+)?)(?:g|9|ml)(?!.*100(?:g|ml))/.exec(sq.replace(/per100(?:g|9|ml)/, ''));
    const grams2 = /\((\d+(?:\.\d+)?)(?:g|9|ml)\)/.exec(sq);
    const g = grams?.[1] ?? grams2?.[1];
    if (g && Number(g) > 0 && Number(g) !== 100) serving = { grams: Number(g), text: line.text, box: line.box };
    const basis100 = hundred ? (/ml|m1/.test(hundred[0]) ? '100ml' : '100g') : null;
    if (hundred && portion) {
      const hundredFirst = hundred.index < portion.index;
      return {
        per100Index: hundredFirst ? 0 : 1,
        perServingIndex: hundredFirst ? 1 : 0,
        basis100,
        servingFromHeader: serving,
      };
    }
    if (hundred) return { per100Index: 0, perServingIndex: null, basis100, servingFromHeader: serving };
    return { per100Index: null, perServingIndex: 0, basis100: null, servingFromHeader: serving };
  }
  return { per100Index: null, perServingIndex: null, basis100: null, servingFromHeader: null };
}

/** US "Serving size 2/3 cup (55g)": the grams in brackets, or the last gram figure on the line. */
function servingSizeLine(lines: OcrLine[]): ParsedLabel['serving'] {
  for (const line of lines) {
    const sq = squash(line.text);
    if (!/servings?ize|portionsize|serving\(|perserving\(/.test(sq) || /servingsper/.test(sq)) continue;
    const inBrackets = /\((\d+(?:[.,]\d+)?)\s*(?:g|9|ml)\)?/.exec(line.text.replace(/[oO](?=\d|g\))/g, '0'));
    const last = [...line.text.matchAll(/(\d+(?:[.,]\d+)?)\s*(?:g|ml)\b/g)].at(-1);
    const g = inBrackets?.[1] ?? last?.[1];
    if (g && Number(g.replace(',', '.')) > 0)
      return { grams: Number(g.replace(',', '.')), text: line.text, box: line.box };
  }
  return null;
}

function layoutOf(lines: OcrLine[]): 'us' | 'eu' {
  const all = lines.map((l) => squash(l.text)).join('|');
  if (/nutritionfacts|dailyvalue|amountperserving|servingspercontainer|calories/.test(all)) return 'us';
  return 'eu';
}

/** Words that say a photo shows a nutrition panel even when few values could be read. */
export function looksLikePanel(lines: OcrLine[]): boolean {
  const all = lines.map((l) => squash(l.text)).join('|');
  return /nutritionfacts|nutritioninformation|nutritionalinformation|typicalvalues|nutritiondeclaration|amountperserving|dailyvalue/.test(
    all,
  );
}

/**
 * The panel's fields. `fields` is empty when nothing label-like was read; the caller decides what
 * that means for the photo (labels-service.ts: "No nutrition panel found").
 */
export function parseLabel(lines: OcrLine[]): ParsedLabel {
  const layout = layoutOf(lines);
  const cols = columnsOf(lines);
  const serving = servingSizeLine(lines) ?? cols.servingFromHeader;
  // US labels are per serving; EU tables per 100 g/ml when a column says so, else per portion.
  let basis: LabelBasis;
  let column: number;
  if (layout === 'us') {
    basis = 'serving';
    column = 0;
  } else if (cols.per100Index !== null) {
    basis = cols.basis100 ?? '100g';
    column = cols.per100Index;
  } else {
    basis = cols.perServingIndex !== null ? 'serving' : '100g';
    column = 0;
  }
  const fields = new Map<LabelFieldKey, ParsedField>();
  const put = (key: LabelFieldKey, value: number, line: OcrLine, box: OcrBox = line.box, text = line.text): void => {
    if (fields.has(key) || !Number.isFinite(value)) return;
    fields.set(key, { key, value, unit: FIELD_INFO[key].unit, text, box, confidence: line.confidence });
  };
  const pick = <T>(list: T[]): T | undefined => list[Math.min(column, list.length - 1)];

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const kw = matchKeyword(line.text);
    if (!kw) continue;
    const tokens = numberTokens(kw.tail).filter((t) => !t.percent);
    if (kw.key === 'energy') {
      let box = line.box;
      let text = line.text;
      const all = [...tokens];
      // EU tables often print kcal on the next line, under the kJ ("469 kcal 117 kcal").
      const next = lines[i + 1];
      if (next && !matchKeyword(next.text) && /k\s*c\s*a|kj|k\]/i.test(next.text)) {
        const more = numberTokens(next.text).filter((t) => !t.percent);
        if (more.length > 0) {
          all.push(...more);
          box = union(box, next.box);
          text = `${text} / ${next.text}`;
        }
      }
      const kcal = all.filter((t) => t.unit === 'kcal');
      const kj = all.filter((t) => t.unit === 'kJ');
      const bare = all.filter((t) => t.unit === null);
      const kcalPick = pick(kcal) ?? (kj.length === 0 ? pick(bare) : undefined);
      const kjPick = pick(kj);
      if (kcalPick) put('energyKcal', kcalPick.value, line, box, text);
      if (kjPick) put('energyKj', kjPick.value, line, box, text);
      continue;
    }
    let key: LabelFieldKey;
    if (kw.key === 'sodiumOrSalt') {
      key = /^[^a-z]{0,3}salt/.test(squash(line.text)) ? 'saltG' : 'sodiumMg';
    } else key = kw.key;
    const usable = tokens.filter((t) => t.unit !== 'kcal' && t.unit !== 'kJ');
    const t = pick(usable);
    if (!t) continue;
    let value = FIELD_INFO[key].unit === 'g' ? undoGramNine(t, key) : t.value;
    // Sodium printed in grams (older EU labels) is stored in mg; salt printed in mg is stored in g.
    if (key === 'sodiumMg' && t.unit === 'g') value *= 1000;
    if (key === 'saltG' && t.unit === 'mg') value /= 1000;
    put(key, value, line);
  }
  return { layout, basis, serving, fields: [...fields.values()] };
}
