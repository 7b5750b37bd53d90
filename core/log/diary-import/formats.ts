import { AppError } from '../../contract/errors.ts';
import type { DiaryFormat, MEALS } from '../../contract/log.ts';

type Meal = (typeof MEALS)[number];
import { isBlankRow, readCsvTable, type CsvRow } from '../../foods/import/csv.ts';
import { checkDeclaredSizes, inflateEntry, readCentralDirectory } from '../../foods/import/zip.ts';
import type { NutrientValues } from '../../foods/nutrients.ts';

/**
 * Readers for the diaries clients keep in other apps. Each turns a file into rows "as reported": the
 * day, time and meal, what was eaten in the app's own words, the amount, and the nutrients that app
 * computed. Where each format comes from is written beside its reader (and in
 * docs/decisions/diary-import.md). A file that is not of the format chosen is refused whole with an
 * AppError naming what is wrong; a row that cannot be read is listed with the file name and its row.
 */

export interface ReportedRow {
  /** CSV: the 1-based line in the file (the header is line 1). OpenNutriTracker: the intake's place, from 1. */
  row: number;
  date: string;
  time: string | null;
  meal: Meal | null;
  /** The food (or, for MyFitnessPal, the meal) as the other app names it. */
  name: string;
  /** The amount as the other app wrote it ("1.00 cup", "150 g"), or null when it gives none. */
  amountText: string | null;
  /** The amount in grams when the file states it in a unit of weight. */
  grams: number | null;
  nutrients: NutrientValues;
  /** Whether it names one food that could be found in the food database (not a whole meal's total). */
  matchable: boolean;
  /** What identifies this row among all exports of the same diary (see diaryRowKey). */
  identity: string;
}

export interface DiaryRowError {
  file: string;
  row: number;
  message: string;
}

export interface DiaryParse {
  rows: ReportedRow[];
  errors: DiaryRowError[];
  rowsRead: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** "8:30 AM", "08:14 PM", "19:30", "07:00:00" → "HH:MM"; '' → null; anything else → undefined (an error). */
export function normaliseClock(raw: string): string | null | undefined {
  const s = raw.trim();
  if (s === '') return null;
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?$/.exec(s);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const half = m[3]?.toUpperCase();
  if (half) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (half === 'PM' ? 12 : 0);
  }
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

function mealOf(group: string): Meal | null {
  const g = group.trim().toLowerCase();
  if (g === 'breakfast' || g === 'lunch' || g === 'dinner') return g;
  if (g === 'snack' || g === 'snacks') return 'snack';
  return null;
}

/**
 * A number cell: '' → null; a number with "." decimals (both apps write them so) → the number. With
 * `thousands`, a comma between groups of three digits ("1,050", in a quoted cell) is a thousands separator.
 */
function numberCell(raw: string, thousands = false): number | null | { error: string } {
  const trimmed = raw.trim();
  const s = thousands && /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed) ? trimmed.replace(/,/g, '') : trimmed;
  if (s === '') return null;
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
  if (!Number.isFinite(n)) return { error: `"${raw}" is not a number` };
  if (n < 0) return { error: `${s} is negative` };
  return n;
}

/** Appends "#2", "#3" to a key already seen, so two identical rows of one export stay two entries. */
function occurrences(): (key: string) => string {
  const seen = new Map<string, number>();
  return (key) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  };
}

interface ColumnMap {
  /** Header exactly as the app writes it → the nutrient, and the factor to the app's unit. */
  [header: string]: { key: keyof NutrientValues; factor?: number };
}

function headerIndex(row: string[]): Map<string, number> {
  const index = new Map<string, number>();
  row.forEach((h, i) => {
    const key = h.replace(/^\uFEFF/, '').trim();
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

function refuseHeader(format: string, fileName: string, missing: string[], expected: string): AppError {
  return new AppError(
    'invalid-input',
    `${fileName} is not a ${format}: its header row has no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length > 1 ? 's' : ''}. ${expected} Nothing was imported.`,
  );
}

function readNutrients(
  row: CsvRow,
  index: Map<string, number>,
  columns: ColumnMap,
  problems: string[],
  thousands = false,
): NutrientValues {
  const out: NutrientValues = {};
  for (const [header, { key, factor }] of Object.entries(columns)) {
    const i = index.get(header);
    if (i === undefined) continue;
    const v = numberCell(row.cells[i] ?? '', thousands);
    if (v === null) continue;
    if (typeof v === 'object') {
      problems.push(`${header}: ${v.error}`);
      continue;
    }
    out[key] = v * (factor ?? 1);
  }
  return out;
}

function csvTable(bytes: Uint8Array, fileName: string) {
  const table = readCsvTable(bytes, ',', { fileName });
  if (table.headers.length === 0) throw new AppError('invalid-input', `${fileName} is empty. Nothing was imported.`);
  return table;
}

/** What a CSV diary format states about itself: enough to refuse a file of another kind up front. */
interface CsvDiaryFormat {
  /** "Cronometer servings export": how an error names what the file should have been. */
  title: string;
  /** Headers every file of the format has. */
  required: string[];
  /** How to get the right file, said when a required header is missing. */
  howToExport: string;
  /** The energy column: a row without energy is an error. */
  energyHeader: string;
  nutrients: ColumnMap;
  /** Whether "1,050" in a quoted cell is a thousands separator. */
  thousands?: boolean;
}

/** One data row of a CSV diary: its cells by header, and where to list the problems found in it. */
interface CsvDiaryRow {
  cell: (header: string) => string;
  problems: string[];
}

/**
 * The reading every CSV diary shares: the header check, blank rows skipped, nutrients read by the
 * format's column map, a row with any problem listed (file and line) instead of kept, and identities
 * made unique within the file. `readRow` reads the format's own cells (its problems are listed before
 * the nutrients'); it returns the row without its line and nutrients and with its identity key before
 * de-duplication, or null when it has pushed a problem.
 */
function readCsvDiary(
  bytes: Uint8Array,
  fileName: string,
  format: CsvDiaryFormat,
  readRow: (row: CsvDiaryRow) => Omit<ReportedRow, 'row' | 'nutrients'> | null,
): DiaryParse {
  const table = csvTable(bytes, fileName);
  const index = headerIndex(table.headers);
  const missing = format.required.filter((h) => !index.has(h));
  if (missing.length > 0) throw refuseHeader(format.title, fileName, missing, format.howToExport);
  const errors: DiaryRowError[] = table.errors.map((e) => ({ file: fileName, row: e.line, message: e.message }));
  const rows: ReportedRow[] = [];
  const key = occurrences();
  let rowsRead = 0;
  for (const row of table.rows) {
    if (isBlankRow(row)) continue;
    rowsRead += 1;
    const problems: string[] = [];
    const cell = (header: string): string => {
      const i = index.get(header);
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    const read = readRow({ cell, problems });
    const nutrients = readNutrients(row, index, format.nutrients, problems, format.thousands);
    if (nutrients.energyKcal === undefined && !problems.some((p) => p.startsWith(`${format.energyHeader}:`)))
      problems.push(`${format.energyHeader}: no energy is given`);
    if (read === null || problems.length > 0) {
      errors.push({ file: fileName, row: row.line, message: problems.join('; ') });
      continue;
    }
    rows.push({ row: row.line, ...read, nutrients, identity: key(read.identity) });
  }
  return { rows, errors, rowsRead };
}

// ---------------------------------------------------------------------------------------------------
// Cronometer: the "Servings" export (More → Account → Export Data → Food & Recipe Entries), one row per
// food logged. Columns as Cronometer writes them, listed by the open-source Go client of its export
// (github.com/jrmycanady/gocronometer, parse.go ParseServingsExport): Day (YYYY-MM-DD), Time ("8:30 AM",
// empty when the diary has no times), Group (the diary group: Breakfast, Lunch, Dinner, Snacks or
// Uncategorized), Food Name, Amount (quantity and unit: "100.00 g", "1.00 cup"), then one column per
// nutrient with its unit in brackets ("Energy (kcal)", "Protein (g)", "Vitamin D (IU)", ...), and
// Category.

const CRONOMETER_NUTRIENTS: ColumnMap = {
  'Energy (kcal)': { key: 'energyKcal' },
  'Protein (g)': { key: 'proteinG' },
  'Carbs (g)': { key: 'carbG' },
  'Fat (g)': { key: 'fatG' },
  'Saturated (g)': { key: 'satFatG' },
  'Monounsaturated (g)': { key: 'monoFatG' },
  'Polyunsaturated (g)': { key: 'polyFatG' },
  'Cholesterol (mg)': { key: 'cholesterolMg' },
  'Sugars (g)': { key: 'sugarG' },
  'Fiber (g)': { key: 'fibreG' },
  'Water (g)': { key: 'waterG' },
  // "Caffeine (mg)" is in the column list cited above; "Alcohol (g)" is Cronometer's nutrient Alcohol
  // (ethyl alcohol, in grams, as in the USDA data Cronometer uses) under the export's "Name (unit)" form.
  // Both optional, as every nutrient column: a file without them imports as before.
  'Caffeine (mg)': { key: 'caffeineMg' },
  'Alcohol (g)': { key: 'alcoholG' },
  'Sodium (mg)': { key: 'sodiumMg' },
  'Potassium (mg)': { key: 'potassiumMg' },
  'Calcium (mg)': { key: 'calciumMg' },
  'Iron (mg)': { key: 'ironMg' },
  'Magnesium (mg)': { key: 'magnesiumMg' },
  'Phosphorus (mg)': { key: 'phosphorusMg' },
  'Zinc (mg)': { key: 'zincMg' },
  'B12 (Cobalamin) (µg)': { key: 'vitaminB12Mcg' },
  'Vitamin C (mg)': { key: 'vitaminCMg' },
  'Vitamin E (mg)': { key: 'vitaminEMg' },
  'Vitamin K (µg)': { key: 'vitaminKMcg' },
  // 40 IU of vitamin D is 1 µg. Vitamin A in IU is left out: its µg RAE depend on the source (retinol
  // or carotenoids), which the export does not say; folate is left out as the export does not say DFE.
  'Vitamin D (IU)': { key: 'vitaminDMcg', factor: 0.025 },
};

/** Units of weight an amount may be given in, in grams. */
const GRAMS_PER: Record<string, number> = { g: 1, kg: 1000, mg: 0.001, oz: 28.349523125, lb: 453.59237 };

function cronometerAmount(raw: string): { text: string | null; grams: number | null } | { error: string } {
  const s = raw.trim();
  if (s === '') return { text: null, grams: null };
  const m = /^(\d+(?:\.\d+)?)\s*(.*)$/.exec(s);
  if (!m) return { error: `"${raw}" is not an amount (such as "100.00 g" or "1.00 cup")` };
  const qty = Number(m[1]);
  const unit = (m[2] ?? '').trim();
  if (!(qty > 0)) return { error: `the amount "${raw}" is not more than 0` };
  const perGram = GRAMS_PER[unit.toLowerCase()];
  // "1.00 cup" is matched against the food's household measures as "1 cup".
  const text = unit === '' ? String(qty) : `${qty} ${unit}`;
  return { text, grams: perGram === undefined ? null : qty * perGram };
}

export function parseCronometer(bytes: Uint8Array, fileName: string): DiaryParse {
  const format: CsvDiaryFormat = {
    title: 'Cronometer servings export',
    required: ['Day', 'Food Name', 'Amount', 'Energy (kcal)'],
    howToExport:
      'Export "Food & Recipe Entries" from Cronometer (its header starts Day,Time,Group,Food Name,Amount,Energy (kcal)).',
    energyHeader: 'Energy (kcal)',
    nutrients: CRONOMETER_NUTRIENTS,
  };
  return readCsvDiary(bytes, fileName, format, ({ cell, problems }) => {
    const date = cell('Day');
    if (!validDate(date)) problems.push(`Day: "${date}" is not a date like 2026-03-01`);
    const time = normaliseClock(cell('Time'));
    if (time === undefined) problems.push(`Time: "${cell('Time')}" is not a time like 8:30 AM`);
    const name = cell('Food Name');
    if (name === '') problems.push('Food Name: the food is not named');
    const amount = cronometerAmount(cell('Amount'));
    if ('error' in amount) {
      problems.push(`Amount: ${amount.error}`);
      return null;
    }
    const group = cell('Group');
    return {
      date,
      time: time ?? null,
      meal: mealOf(group),
      name,
      amountText: amount.text,
      grams: amount.grams,
      matchable: true,
      identity: [date, time ?? '', group, name, cell('Amount')].join('|'),
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// MyFitnessPal: the "Nutrition Summary" CSV of its data export (Settings → Export data), one row per meal
// of a day with the meal's totals; foods are not named. Header as MyFitnessPal writes it: Date, Meal,
// Calories, Fat (g), Saturated Fat, Polyunsaturated Fat, Monounsaturated Fat, Trans Fat, Cholesterol,
// Sodium (mg), Potassium, Carbohydrates (g), Fiber, Sugar, Protein (g), Vitamin A, Vitamin C, Calcium,
// Iron, Note. The columns without a unit are grams (fats, fibre, sugar) and milligrams (cholesterol,
// potassium); Vitamin A, Vitamin C, Calcium and Iron are percentages of a daily value, not amounts, and
// are never read as amounts. MyFitnessPal publishes no specification of the file; the header above is the
// one that open-source readers of the export agree on (for example the parsers found by searching GitHub
// for "Date,Meal,Calories,Fat (g),Saturated Fat").

const MFP_NUTRIENTS: ColumnMap = {
  Calories: { key: 'energyKcal' },
  'Fat (g)': { key: 'fatG' },
  'Saturated Fat': { key: 'satFatG' },
  'Polyunsaturated Fat': { key: 'polyFatG' },
  'Monounsaturated Fat': { key: 'monoFatG' },
  Cholesterol: { key: 'cholesterolMg' },
  'Sodium (mg)': { key: 'sodiumMg' },
  Potassium: { key: 'potassiumMg' },
  'Carbohydrates (g)': { key: 'carbG' },
  Fiber: { key: 'fibreG' },
  Sugar: { key: 'sugarG' },
  'Protein (g)': { key: 'proteinG' },
};

export function parseMyFitnessPal(bytes: Uint8Array, fileName: string): DiaryParse {
  const format: CsvDiaryFormat = {
    title: 'MyFitnessPal nutrition export',
    required: ['Date', 'Meal', 'Calories'],
    howToExport:
      'Use the "Nutrition Summary" CSV of MyFitnessPal\'s data export (its header starts Date,Meal,Calories).',
    energyHeader: 'Calories',
    nutrients: MFP_NUTRIENTS,
    // MyFitnessPal writes large amounts with a thousands separator ("1,050" kcal) in a quoted cell.
    thousands: true,
  };
  return readCsvDiary(bytes, fileName, format, ({ cell, problems }) => {
    const date = cell('Date');
    if (!validDate(date)) problems.push(`Date: "${date}" is not a date like 2026-03-01`);
    const meal = cell('Meal');
    if (meal === '') problems.push('Meal: the meal is not named');
    const note = cell('Note');
    return {
      date,
      time: null,
      meal: mealOf(meal),
      name: `${meal} (MyFitnessPal meal total)${note ? `: ${note}` : ''}`,
      amountText: null,
      grams: null,
      matchable: false,
      identity: `${date}|${meal}`,
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// OpenNutriTracker: Settings → Export data writes opennutritracker-export.zip with user_intake.json (and
// the activity, tracked-day and recipe files, not read here). user_intake.json is a JSON array of
// IntakeDBO.toJson() (lib/core/data/dbo/intake_dbo.dart and its generated intake_dbo.g.dart in
// github.com/simonoppowa/OpenNutriTracker): id (a UUID), unit ("g", "ml" or "serving"), amount, type
// (breakfast, lunch, dinner, snack), dateTime (ISO 8601, local time) and meal (MealDBO: name, brands,
// servingQuantity, servingUnit, nutriments per 100 g or ml: energyKcal100, carbohydrates100, fat100,
// proteins100, sugars100, saturatedFat100, fiber100); the project describes the bundle in its
// docs/export-format.md. Newer exports add CSV companions (user_intake.csv), which are not read: the JSON
// is the canonical file the app itself re-imports. The zip or the user_intake.json alone is accepted.

const ONT_INTAKE_FILE = 'user_intake.json';
const ONT_MAX_JSON_BYTES = 64 * 1024 * 1024;

const ONT_NUTRIENTS: [string, keyof NutrientValues][] = [
  ['energyKcal100', 'energyKcal'],
  ['carbohydrates100', 'carbG'],
  ['fat100', 'fatG'],
  ['proteins100', 'proteinG'],
  ['sugars100', 'sugarG'],
  ['saturatedFat100', 'satFatG'],
  ['fiber100', 'fibreG'],
];

function ontIntakeBytes(bytes: Uint8Array, fileName: string): { bytes: Uint8Array; file: string } {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) return { bytes, file: fileName };
  const notReadable = (why: string): AppError =>
    new AppError(
      'invalid-input',
      `${fileName} is not a readable OpenNutriTracker export (${why}). Export the data again from OpenNutriTracker's settings. Nothing was imported.`,
    );
  let entries;
  try {
    entries = readCentralDirectory(bytes);
  } catch (err) {
    throw notReadable(err instanceof Error ? err.message : String(err));
  }
  const entry = entries.find((e) => e.name === ONT_INTAKE_FILE || e.name.endsWith(`/${ONT_INTAKE_FILE}`));
  if (!entry) throw notReadable(`the archive holds no ${ONT_INTAKE_FILE}`);
  if (entry.size > ONT_MAX_JSON_BYTES) throw notReadable(`${ONT_INTAKE_FILE} is larger than 64 MB`);
  checkDeclaredSizes([entry]);
  const out = new Uint8Array(entry.size);
  let at = 0;
  try {
    inflateEntry(bytes, entry, (chunk) => {
      out.set(chunk, at);
      at += chunk.length;
    });
  } catch (err) {
    throw notReadable(err instanceof Error ? err.message : String(err));
  }
  return { bytes: out, file: `${fileName}/${ONT_INTAKE_FILE}` };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseOpenNutriTracker(input: Uint8Array, fileName: string): DiaryParse {
  const { bytes, file } = ontIntakeBytes(input, fileName);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new AppError(
      'invalid-input',
      `${file} is not an OpenNutriTracker export: it is not valid JSON (${err instanceof Error ? err.message : String(err)}). Nothing was imported.`,
    );
  }
  if (!Array.isArray(data)) {
    throw new AppError(
      'invalid-input',
      `${file} is not an OpenNutriTracker intake list: it should be a JSON array of intakes. Nothing was imported.`,
    );
  }
  const errors: DiaryRowError[] = [];
  const rows: ReportedRow[] = [];
  const key = occurrences();
  data.forEach((item: unknown, i) => {
    const row = i + 1;
    const problems: string[] = [];
    if (!isRecord(item)) {
      errors.push({ file, row, message: 'the intake is not an object' });
      return;
    }
    const meal = isRecord(item.meal) ? item.meal : null;
    const nutriments = meal && isRecord(meal.nutriments) ? meal.nutriments : null;
    if (!meal || !nutriments) problems.push('meal: the food and its nutriments are missing');
    const name = typeof meal?.name === 'string' ? meal.name.trim() : '';
    if (meal && name === '') problems.push('meal.name: the food is not named');
    const amount = typeof item.amount === 'number' && Number.isFinite(item.amount) ? item.amount : null;
    if (amount === null || amount <= 0) problems.push('amount: not a number more than 0');
    const unit = typeof item.unit === 'string' ? item.unit.trim().toLowerCase() : '';
    let grams: number | null = null;
    if (amount !== null) {
      if (unit === 'g' || unit === 'ml' || unit === 'gml') grams = amount;
      else if (unit === 'serving') {
        const per = typeof meal?.servingQuantity === 'number' ? meal.servingQuantity : null;
        if (per === null || !(per > 0)) problems.push('meal.servingQuantity: a serving has no size');
        else grams = amount * per;
      } else problems.push(`unit: "${String(item.unit)}" is not g, ml or serving`);
    }
    const stamp = typeof item.dateTime === 'string' ? item.dateTime : '';
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(stamp);
    let date = m?.[1] ?? '';
    let time = m?.[2] ?? null;
    // A time with an offset or Z is a moment; it is read on this computer's clock.
    if (m && /(Z|[+-]\d{2}:?\d{2})$/.test(stamp)) {
      const d = new Date(stamp);
      if (!Number.isNaN(d.getTime())) {
        const pad = (n: number): string => String(n).padStart(2, '0');
        date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
        time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
      }
    }
    if (!validDate(date)) problems.push(`dateTime: "${stamp}" is not a date and time like 2026-03-01T08:30:00`);
    const nutrients: NutrientValues = {};
    if (nutriments && grams !== null) {
      for (const [field, k] of ONT_NUTRIENTS) {
        const v = nutriments[field];
        if (v === null || v === undefined) continue;
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
          problems.push(`meal.nutriments.${field}: ${JSON.stringify(v)} is not an amount`);
          continue;
        }
        nutrients[k] = (v * grams) / 100;
      }
      if (nutrients.energyKcal === undefined) problems.push('meal.nutriments.energyKcal100: no energy is given');
    }
    if (problems.length > 0) {
      errors.push({ file, row, message: problems.join('; ') });
      return;
    }
    const type = typeof item.type === 'string' ? item.type : '';
    const id = typeof item.id === 'string' && item.id.trim() !== '' ? item.id.trim() : `${stamp}|${name}|${amount}`;
    rows.push({
      row,
      date,
      time,
      meal: mealOf(type),
      name: typeof meal?.brands === 'string' && meal.brands.trim() ? `${name} (${meal.brands.trim()})` : name,
      amountText: `${amount} ${unit}`,
      grams: unit === 'ml' ? null : grams,
      nutrients,
      matchable: true,
      identity: key(id),
    });
  });
  return { rows, errors, rowsRead: data.length };
}

export function parseDiary(format: DiaryFormat, bytes: Uint8Array, fileName: string): DiaryParse {
  if (format === 'cronometer') return parseCronometer(bytes, fileName);
  if (format === 'mfp') return parseMyFitnessPal(bytes, fileName);
  return parseOpenNutriTracker(bytes, fileName);
}
