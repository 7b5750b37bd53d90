import { AppError } from '../../contract/errors.ts';
import type { CsvMapping } from '../../contract/foods.ts';
import { NUTRIENTS, type NutrientKey, type NutrientValues } from '../nutrients.ts';
import { isBlankRow, type CsvRow, type CsvTable } from './csv.ts';
import {
  createErrorSink,
  PROGRESS_EVERY,
  type ErrorSink,
  type ParsedFood,
  type ParsedImport,
  type ParseProgress,
} from './types.ts';

/**
 * Per-100 g food tables in a practitioner's CSV (CIQUAL, CoFID, NEVO or home-made), read with a
 * CsvMapping from column headers to app fields.
 *
 * Cell conventions (one policy for every table, documented in the import dialog):
 * - empty, "-", "N", "NA", "n/a", "ND", "?" → unknown (the key is left out, never stored as 0).
 *   CoFID's "N" means "present in significant quantities but not reliably measured" (CoFID 2021 user
 *   guide, "Symbols"), so it is unknown too.
 * - "tr", "trace", "traces" → 0. The amount is below what the laboratory could quantify and no bound
 *   is given; 0 is the lower-bound substitution (EFSA 2010, "Management of left-censored data in
 *   dietary exposure assessment of chemical substances", EFSA Journal 8(3):1557, §4).
 * - "< x" (CIQUAL writes "< 0,1") → x / 2, the middle-bound substitution of the same EFSA guidance,
 *   since the value lies somewhere between 0 and x.
 * - "(x)" → x: CoFID puts estimated values in brackets; they are still the best value available.
 * - Negative values are row errors; so are values above 100,000 per 100 g (impossible).
 */

const KCAL_PER_KJ = 1 / 4.184; // thermochemical calorie: 1 kcal = 4.184 kJ (FAO 2003, Food energy, §3.3)
const MAX_PER_100G = 100_000;
const UNKNOWN = new Set(['', '-', '–', '—', 'n', 'na', 'n/a', 'nd', 'n.d.', '?']);
const TRACE = new Set(['tr', 'tr.', 'trace', 'traces']);
const NUMBER_RE = /^\+?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export type CellValue = { kind: 'value'; value: number } | { kind: 'unknown' } | { kind: 'error'; message: string };

/** Reads one nutrient cell under the conventions above. */
export function parseNutrientCell(raw: string, decimalComma: boolean): CellValue {
  let s = raw.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  const lower = s.toLowerCase();
  if (UNKNOWN.has(lower)) return { kind: 'unknown' };
  if (TRACE.has(lower)) return { kind: 'value', value: 0 };
  let factor = 1;
  if (s.startsWith('<')) {
    s = s.slice(1).trim();
    factor = 0.5;
  } else if (s.startsWith('(') && s.endsWith(')')) {
    s = s.slice(1, -1).trim();
  }
  if (decimalComma) {
    // In a decimal-comma file a dot can only be a thousands separator ("1.234" = 1234) or a mistake
    // ("1.5"): either way reading it as a decimal point would be wrong by a factor of 1,000 or more.
    if (s.includes('.'))
      return {
        kind: 'error',
        message: `"${raw}" has a dot but the file uses a decimal comma: write it without a thousands separator (1234 or 1,5)`,
      };
    s = s.replace(',', '.');
  }
  s = s.replace(/ /g, '');
  if (s.startsWith('-') && NUMBER_RE.test(s.slice(1))) return { kind: 'error', message: `"${raw}" is negative` };
  if (!NUMBER_RE.test(s)) {
    const hint =
      !decimalComma && /^\d+,\d+$/.test(s) ? ' (if the file uses a decimal comma, turn on "decimal comma")' : '';
    return { kind: 'error', message: `"${raw}" is not a number${hint}` };
  }
  const value = Number(s) * factor;
  if (value > MAX_PER_100G) return { kind: 'error', message: `"${raw}" is implausibly large for 100 g` };
  return { kind: 'value', value };
}

/** Finds a mapped column: exact header first, then ignoring case and surrounding space. */
function columnIndex(headers: string[], name: string): number {
  const exact = headers.indexOf(name);
  if (exact !== -1) return exact;
  const want = name.trim().toLowerCase();
  return headers.findIndex((h) => h.trim().toLowerCase() === want);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Checks the header against the mapping (missing mapped columns are one clear AppError) and returns a
 * reader for the data rows: each row gives a food, or null with its problems added to `errors`.
 */
export function createGenericRowReader(
  headers: string[],
  delimiter: string,
  mapping: CsvMapping,
  fileName: string,
  errors: ErrorSink,
): (row: CsvRow) => ParsedFood | null {
  if (headers.length === 0) throw new AppError('invalid-input', `${fileName} is empty: there is no header row.`);
  const missing: string[] = [];
  const col = (name: string, label: string): number => {
    const i = columnIndex(headers, name);
    if (i === -1) missing.push(`"${name}" (${label})`);
    return i;
  };
  const nameCol = col(mapping.name, 'name');
  const idCol = mapping.id ? col(mapping.id, 'id') : -1;
  const groupCol = mapping.foodGroup ? col(mapping.foodGroup, 'food group') : -1;
  const nutrientCols: [NutrientKey, number, string][] = [];
  for (const n of NUTRIENTS) {
    const header = mapping.nutrients[n.key];
    if (header) nutrientCols.push([n.key, col(header, n.label), header]);
  }
  if (missing.length > 0) {
    throw new AppError(
      'invalid-input',
      `${fileName} has no column ${missing.join(', ')}. Check the column choices against the file's header row.`,
    );
  }
  if (nutrientCols.length === 0) throw new AppError('invalid-input', 'Choose at least one nutrient column to import.');

  const seenIds = new Map<string, number>();
  return (row) => {
    if (isBlankRow(row)) return null;
    const bad = (message: string): void => errors.add(fileName, row.line, message);
    const errorsBefore = errors.count;

    const extra = row.cells.slice(headers.length);
    if (extra.some((c) => c.trim() !== '')) {
      bad(
        `has ${row.cells.length} fields but the header has ${headers.length} (is a value containing "${delimiter === '\t' ? 'tab' : delimiter}" not in quotes?)`,
      );
      return null;
    }
    const cell = (i: number): string => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const name = cell(nameCol).replace(/\s+/g, ' ');
    if (name === '') bad(`the food name (column "${mapping.name}") is empty`);
    else if (name.length > 200) bad('the food name is longer than 200 characters');

    let sourceId: string | null = null;
    if (idCol >= 0) {
      sourceId = cell(idCol) || null;
      if (sourceId !== null) {
        const first = seenIds.get(sourceId);
        if (first !== undefined) bad(`id "${sourceId}" is already used on row ${first}`);
        else seenIds.set(sourceId, row.line);
      }
    }

    const nutrients: NutrientValues = {};
    for (const [key, i, header] of nutrientCols) {
      const v = parseNutrientCell(row.cells[i] ?? '', mapping.decimalComma);
      if (v.kind === 'error') bad(`${header}: ${v.message}`);
      else if (v.kind === 'value')
        nutrients[key] = key === 'energyKcal' && mapping.energyInKj ? round2(v.value * KCAL_PER_KJ) : v.value;
    }
    if (errors.count > errorsBefore) return null;
    return { sourceId, name, foodGroup: cell(groupCol).replace(/\s+/g, ' ') || null, nutrients, portions: [] };
  };
}

/** Parses and validates every row of a table already in memory; stores nothing. */
export function parseGenericCsv(
  table: CsvTable,
  mapping: CsvMapping,
  fileName: string,
  onProgress: ParseProgress = () => {},
): ParsedImport {
  const errors = createErrorSink();
  for (const e of table.errors) errors.add(fileName, e.line, e.message);
  const read = createGenericRowReader(table.headers, table.delimiter, mapping, fileName, errors);
  const foods: ParsedFood[] = [];
  const total = table.rows.length;
  let rowsRead = 0;
  for (const row of table.rows) {
    rowsRead += 1;
    if (rowsRead % PROGRESS_EVERY === 0) onProgress(rowsRead, total, `Checking ${fileName}`);
    const food = read(row);
    if (food) foods.push(food);
  }
  onProgress(rowsRead, total, `Checked ${fileName}`);
  return { foods, errors: errors.list, errorCount: errors.count, rowsRead };
}

// ---------------------------------------------------------------------------------------------------
// Mapping suggestions from header names.

/** Lower case, no accents, µ/μ/mcg → ug, single spaces. */
function norm(header: string): string {
  return header
    .replace(/[µμ]/g, 'u')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/mcg/g, 'ug')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The unit a header states, e.g. "Protein (g/100g)" → g, "Energy (kcal) (kcal)" → kcal; null if none. */
function headerUnit(h: string): string | null {
  // Open Food Facts style "sodium_100g": every value is in grams except energy (OFF data fields docs).
  if (/_100g$/.test(h)) return /kcal/.test(h) ? 'kcal' : /kj/.test(h) ? 'kj' : 'g';
  const m = /\((kcal|kj|mg|ug|g)(\s*\/\s*100\s*g)?\)|[_ ](kcal|kj|mg|ug|g)(_100g)?$/.exec(h);
  return m ? (m[1] ?? m[3] ?? null) : null;
}

const APP_UNIT: Record<string, string> = { g: 'g', mg: 'mg', µg: 'ug', kcal: 'kcal' };

/**
 * Header patterns per nutrient, best first. Sources: CIQUAL 2020 table (ANSES, English column names
 * such as "Protein (g/100g)", "FA saturated (g/100g)"), CoFID 2021 (PHE, "Protein (g)", "Satd FA
 * /100g fd (g)", "AOAC fibre (g)"), FDC-like and plain English names. Columns per 100 g of fatty acids
 * (CoFID "/100g FA") are never suggested; nor is a column whose stated unit differs from the app's.
 * Not suggested on purpose: CoFID "Retinol Equivalent" (RE is not RAE) and "NSP" (Englyst fibre is not
 * comparable with AOAC total dietary fibre).
 */
const PATTERNS: Partial<Record<NutrientKey, RegExp[]>> = {
  energyKcal: [/^energy.*1169.*kcal/, /^energy \(kcal\)/, /^energy.*kcal/, /^(kcal|calories|energy_kcal|energy)\b/],
  proteinG: [/^proteins? \(/, /^proteins?\b(?!.*crude)/],
  carbG: [/^carbohydrate \(/, /^carbohydrate, by difference/, /^(carbohydrates?|carbs?)\b/],
  fatG: [/^(fat|lipids?|total fat|total lipid)\b(?!.*\b(sat|mono|poly|trans)\b)/],
  satFatG: [/^fa saturated/, /^satd fa \/100 ?g fd/, /^(saturated|sat[ _-]?fat)/],
  monoFatG: [/^fa mono/, /^mono fa \/100 ?g food/, /^(monounsaturated|mufa)/],
  polyFatG: [/^fa poly/, /^poly fa \/100 ?g food/, /^(polyunsaturated|pufa)/],
  cholesterolMg: [/^cholesterol/],
  sugarG: [/^sugars \(/, /^total sugars/, /^sugars?\b(?!.*added)/],
  addedSugarG: [/^added sugars?/, /sugars?, added/],
  fibreG: [/^fibres? \(/, /^aoac fibre/, /^(dietary )?fib(re|er)s?\b/, /^fib(re|er), total dietary/],
  waterG: [/^water\b/, /^moisture/],
  sodiumMg: [/^sodium\b/],
  potassiumMg: [/^potassium\b/],
  calciumMg: [/^calcium\b/],
  ironMg: [/^iron\b/],
  magnesiumMg: [/^magnesium\b/],
  phosphorusMg: [/^phosphorus\b/],
  zincMg: [/^zinc\b/],
  vitaminDMcg: [/^vitamin d\b(?!.*\biu\b)/],
  vitaminB12Mcg: [/^vitamin b-?12\b/],
  folateMcg: [/^folate.*dfe/, /^vitamin b9 or folate/, /^folate\b/],
  vitaminCMg: [/^vitamin c\b/],
  vitaminAMcg: [/^vitamin a.*rae/, /^vitamin a\b(?!.*\biu\b)(?!.*retinol equivalent)/],
  vitaminEMg: [/^vitamin e\b/],
  vitaminKMcg: [/^vitamin k1?\b(?!2)/],
  caffeineMg: [/^caffeine\b/],
  // "Alcohol (g/100g)" (CIQUAL), "Alcohol (g)" (CoFID), "Alcohol, ethyl"; never "sugar alcohols" or polyols.
  alcoholG: [/^(ethyl )?alcohol\b(?!.*\bsugar)/],
};
const ENERGY_KJ: RegExp[] = [/^energy.*1169.*kj/, /^energy \(kj\)/, /^energy.*\bkj\b/, /^kj$/];
const NAME: RegExp[] = [
  /^alim_nom_eng$/,
  /^alim_nom_fr$/,
  /^food name$/,
  /^(name|food|food_name|product_name|product name)$/,
  /^description$/,
  /\bname\b/,
];
const ID: RegExp[] = [/^alim_code$/, /^food code$/, /^fdc_id$/, /^(ndb_no|ndb|code|id|food_id|food id)$/];
const GROUP: RegExp[] = [
  /^alim_grp_nom_eng$/,
  /^alim_grp_nom_fr$/,
  /^(food group|food_group|group|category|food category)$/,
];

function pick(
  normed: string[],
  patterns: RegExp[],
  used: Set<number>,
  accept: (i: number) => boolean = () => true,
): number {
  for (const re of patterns) {
    // "proteins_100g": underscores count as spaces for the word boundaries in the patterns.
    const i = normed.findIndex(
      (h, k) =>
        !used.has(k) && (re.test(h) || re.test(h.replace(/_/g, ' '))) && !/\/ ?100 ?g fa\b/.test(h) && accept(k),
    );
    if (i !== -1) return i;
  }
  return -1;
}

/** A starting mapping guessed from header names (the practitioner reviews it before importing). */
export function suggestMapping(headers: string[]): Partial<CsvMapping> {
  const normed = headers.map(norm);
  const used = new Set<number>();
  const out: Partial<CsvMapping> = {};
  const take = (i: number): string | undefined => {
    if (i === -1) return undefined;
    used.add(i);
    return headers[i];
  };
  const id = take(pick(normed, ID, used));
  if (id) out.id = id;
  const name = take(pick(normed, NAME, used));
  if (name) out.name = name;
  const group = take(pick(normed, GROUP, used));
  if (group) out.foodGroup = group;

  const nutrients: Partial<Record<NutrientKey, string>> = {};
  for (const n of NUTRIENTS) {
    const patterns = PATTERNS[n.key];
    if (!patterns) continue;
    const unitOk = (k: number): boolean => {
      const u = headerUnit(normed[k] ?? '');
      return u === null || u === APP_UNIT[n.unit];
    };
    const header = take(pick(normed, patterns, used, unitOk));
    if (header) nutrients[n.key] = header;
  }
  if (!nutrients.energyKcal) {
    const kj = take(pick(normed, ENERGY_KJ, used));
    if (kj) {
      nutrients.energyKcal = kj;
      out.energyInKj = true;
    }
  }
  out.nutrients = nutrients;
  return out;
}

/**
 * True when values look like "12,5" and none like "12.5": the file uses a decimal comma. The preview
 * counts every row of the file, not a sample: a single "12.5" anywhere turns it off, and the import
 * then refuses the rows whose numbers contradict the format chosen (with row and column).
 */
export function looksLikeDecimalComma(sampleCells: string[]): boolean {
  const marks = countDecimalMarks(sampleCells);
  return marks.comma > 0 && marks.dot === 0;
}

/** Cells written with a decimal comma ("12,5") and with a decimal point ("12.5"), added to `into`. */
export function countDecimalMarks(
  cells: string[],
  into: { comma: number; dot: number } = { comma: 0, dot: 0 },
): { comma: number; dot: number } {
  for (const c of cells) {
    const s = c.trim().replace(/^<\s*/, '');
    // "1,234" may be a thousands separator as well as a decimal comma: it decides nothing.
    if (/^\d{1,3},\d{3}$/.test(s)) continue;
    if (/^\d+,\d+$/.test(s)) into.comma += 1;
    else if (/^\d+\.\d+$/.test(s)) into.dot += 1;
  }
  return into;
}
