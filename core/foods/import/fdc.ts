import { AppError } from '../../contract/errors.ts';
import { NUTRIENTS, type NutrientKey } from '../nutrients.ts';
import { toGtin14 } from '../../barcodes/ean.ts';
import { CsvReader, isBlankRow, type CsvRow } from './csv.ts';
import type { ImportError } from '../../contract/foods.ts';
import type { Sqlite } from '../../db/open.ts';
import { createErrorSink, type ParsedFood, type ParsedPortion, type ParseProgress } from './types.ts';
import { checkDeclaredSizes, inflateEntry, readCentralDirectory, type ZipEntry, type ZipSource } from './zip.ts';

/**
 * USDA FoodData Central "CSV" downloads (https://fdc.nal.usda.gov/download-datasets): a zip of CSV
 * files, usually inside one top folder. Layout per FDC's "Download & API Field Descriptions":
 * food.csv (fdc_id, data_type, description, food_category_id), nutrient.csv (id, name, unit_name,
 * nutrient_nbr), food_nutrient.csv (fdc_id, nutrient_id, amount per 100 g), food_portion.csv (fdc_id,
 * seq_num, amount, measure_unit_id, portion_description, modifier, gram_weight), measure_unit.csv
 * (id, name) and food_category.csv (id, code, description). The Branded Foods download adds
 * branded_food.csv (fdc_id, brand_owner, brand_name, subbrand_name, gtin_upc, ingredients,
 * serving_size, serving_size_unit, household_serving_fulltext, branded_food_category, …), read when
 * present for the barcode, brand, ingredients and the serving as a household measure.
 */

/**
 * FDC nutrient ids (nutrient.csv `id`; SR nutrient_nbr in brackets) → app keys, best source first.
 * Energy: 1008 "Energy" KCAL [208]; Foundation foods give only the Atwater energies, of which the
 * specific factors 2048 [958] are preferred over the general 4-4-9 factors 2047 [957], as SR's own 208
 * used specific factors; last, kJ 1062 [268] / 4.184. Carbohydrate: 1005 "by difference" [205], else
 * 1050 "by summation" [205.2]. Sugars: 2000 "Sugars, total including NLEA" [269], else 1063 "Sugars,
 * Total" [269.3].
 */
export const FDC_NUTRIENT_MAP: Record<number, { key: NutrientKey; rank: number; unit: string }> = {
  1008: { key: 'energyKcal', rank: 0, unit: 'KCAL' },
  2048: { key: 'energyKcal', rank: 1, unit: 'KCAL' },
  2047: { key: 'energyKcal', rank: 2, unit: 'KCAL' },
  1062: { key: 'energyKcal', rank: 3, unit: 'KJ' },
  1003: { key: 'proteinG', rank: 0, unit: 'G' }, // [203] Protein
  1004: { key: 'fatG', rank: 0, unit: 'G' }, // [204] Total lipid (fat)
  1005: { key: 'carbG', rank: 0, unit: 'G' },
  1050: { key: 'carbG', rank: 1, unit: 'G' },
  1258: { key: 'satFatG', rank: 0, unit: 'G' }, // [606] Fatty acids, total saturated
  1292: { key: 'monoFatG', rank: 0, unit: 'G' }, // [645] Fatty acids, total monounsaturated
  1293: { key: 'polyFatG', rank: 0, unit: 'G' }, // [646] Fatty acids, total polyunsaturated
  1253: { key: 'cholesterolMg', rank: 0, unit: 'MG' }, // [601] Cholesterol
  2000: { key: 'sugarG', rank: 0, unit: 'G' },
  1063: { key: 'sugarG', rank: 1, unit: 'G' },
  1235: { key: 'addedSugarG', rank: 0, unit: 'G' }, // [539] Sugars, added
  1079: { key: 'fibreG', rank: 0, unit: 'G' }, // [291] Fiber, total dietary
  1051: { key: 'waterG', rank: 0, unit: 'G' }, // [255] Water
  1093: { key: 'sodiumMg', rank: 0, unit: 'MG' }, // [307] Sodium, Na
  1092: { key: 'potassiumMg', rank: 0, unit: 'MG' }, // [306] Potassium, K
  1087: { key: 'calciumMg', rank: 0, unit: 'MG' }, // [301] Calcium, Ca
  1089: { key: 'ironMg', rank: 0, unit: 'MG' }, // [303] Iron, Fe
  1090: { key: 'magnesiumMg', rank: 0, unit: 'MG' }, // [304] Magnesium, Mg
  1091: { key: 'phosphorusMg', rank: 0, unit: 'MG' }, // [305] Phosphorus, P
  1095: { key: 'zincMg', rank: 0, unit: 'MG' }, // [309] Zinc, Zn
  1114: { key: 'vitaminDMcg', rank: 0, unit: 'UG' }, // [328] Vitamin D (D2 + D3)
  1178: { key: 'vitaminB12Mcg', rank: 0, unit: 'UG' }, // [418] Vitamin B-12
  1190: { key: 'folateMcg', rank: 0, unit: 'UG' }, // [435] Folate, DFE
  1162: { key: 'vitaminCMg', rank: 0, unit: 'MG' }, // [401] Vitamin C, total ascorbic acid
  1106: { key: 'vitaminAMcg', rank: 0, unit: 'UG' }, // [320] Vitamin A, RAE
  1109: { key: 'vitaminEMg', rank: 0, unit: 'MG' }, // [323] Vitamin E (alpha-tocopherol)
  1185: { key: 'vitaminKMcg', rank: 0, unit: 'UG' }, // [430] Vitamin K (phylloquinone)
  1057: { key: 'caffeineMg', rank: 0, unit: 'MG' }, // [262] Caffeine
  1018: { key: 'alcoholG', rank: 0, unit: 'G' }, // [221] Alcohol, ethyl
};

/**
 * Food data types imported. The full FDC download also holds laboratory samples (sub_sample_food,
 * market_acquistion [sic], agricultural_acquisition, sample_food): single analyses behind the
 * Foundation averages, not foods to log. Rows that refer to them are skipped, not errors.
 */
export const FDC_FOOD_TYPES = new Set([
  'sr_legacy_food',
  'foundation_food',
  'survey_fndds_food',
  'branded_food',
  'experimental_food',
]);

/** SR Legacy's measure_unit_id for "undetermined": the unit words are in `modifier` instead. */
const UNDETERMINED_UNIT = 9999;

const FILES = {
  food: { name: 'food.csv', required: true, columns: ['fdc_id', 'data_type', 'description', 'food_category_id'] },
  nutrient: { name: 'nutrient.csv', required: true, columns: ['id', 'name', 'unit_name'] },
  foodNutrient: { name: 'food_nutrient.csv', required: true, columns: ['fdc_id', 'nutrient_id', 'amount'] },
  portion: {
    name: 'food_portion.csv',
    required: false,
    columns: ['fdc_id', 'seq_num', 'amount', 'measure_unit_id', 'portion_description', 'modifier', 'gram_weight'],
  },
  unit: { name: 'measure_unit.csv', required: false, columns: ['id', 'name'] },
  category: { name: 'food_category.csv', required: false, columns: ['id', 'description'] },
  branded: {
    name: 'branded_food.csv',
    required: false,
    columns: ['fdc_id', 'gtin_upc'],
    optional: [
      'brand_owner',
      'brand_name',
      'ingredients',
      'serving_size',
      'serving_size_unit',
      'household_serving_fulltext',
      'branded_food_category',
    ],
  },
} as const satisfies Record<
  string,
  { name: string; required: boolean; columns: readonly string[]; optional?: readonly string[] }
>;
type FileKey = keyof typeof FILES;

/** Picks the entries read: each wanted file in any folder (the shallowest copy wins), never __MACOSX/. */
function pickEntries(entries: ZipEntry[]): Map<string, ZipEntry> {
  const wanted = new Set<string>(Object.values(FILES).map((f) => f.name));
  const out = new Map<string, { depth: number; entry: ZipEntry }>();
  for (const entry of entries) {
    if (entry.name.startsWith('__MACOSX/') || entry.name.endsWith('/')) continue;
    const base = baseName(entry.name);
    if (!wanted.has(base)) continue;
    const depth = entry.name.split('/').length;
    const prev = out.get(base);
    if (!prev || depth < prev.depth) out.set(base, { depth, entry });
  }
  return new Map([...out].map(([k, v]) => [k, v.entry]));
}

function baseName(path: string): string {
  return (path.split('/').pop() ?? '').toLowerCase();
}

const INT_RE = /^\d+$/;
const NUM_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Foods handed to the store at a time (and the progress step while saving). */
export const FDC_BATCH = 1000;

export interface FdcReadResult {
  /** The first ERROR_LIST_LIMIT row errors, in file order (per file). */
  errors: ImportError[];
  errorCount: number;
  rowsRead: number;
  /** Foods handed to `store` (0 when there were row errors: then none is). */
  foods: number;
}

/**
 * Staging tables, created inside the caller's transaction in the (encrypted) database and dropped at
 * its end: the files of an FDC archive refer to each other by fdc_id in any order, and the Branded
 * Foods download has millions of foods and tens of millions of nutrient rows, so what was read is kept
 * on disk, not in memory, until every file has been read and checked. A failure rolls them back with
 * everything else.
 */
const STAGING = [
  `CREATE TABLE fdc_stage_food (fdc_id INTEGER PRIMARY KEY, line INTEGER NOT NULL, kept INTEGER NOT NULL,
     name TEXT, food_group TEXT, brand TEXT, gtin TEXT, ingredients TEXT)`,
  `CREATE TABLE fdc_stage_nutrient (fdc_id INTEGER NOT NULL, nutrient_id INTEGER NOT NULL, key TEXT NOT NULL,
     rank INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (fdc_id, nutrient_id)) WITHOUT ROWID`,
  `CREATE TABLE fdc_stage_portion (fdc_id INTEGER NOT NULL, line INTEGER NOT NULL, seq REAL NOT NULL,
     amount REAL NOT NULL, unit TEXT NOT NULL, grams REAL NOT NULL, PRIMARY KEY (fdc_id, seq, line)) WITHOUT ROWID`,
];
const DROP_STAGING = ['fdc_stage_food', 'fdc_stage_nutrient', 'fdc_stage_portion'].map(
  (t) => `DROP TABLE IF EXISTS ${t}`,
);

export interface FdcReadOptions {
  onProgress?: ParseProgress;
  /** Uncompressed bytes read from one archive, at most (declared sizes are checked before reading). */
  maxUnzippedBytes?: number;
}

/**
 * Reads a FoodData Central CSV zip, one file at a time and one row at a time, from memory or from its
 * file by offset (never whole), checks every row, stages what it read in the database, then — when no
 * row had an error — hands the assembled foods to `store` FDC_BATCH at a time. Must run inside a
 * transaction the caller rolls back on any failure (a damaged archive throws midway).
 */
export function readFdcArchive(
  input: Uint8Array | ZipSource,
  sqlite: Sqlite,
  store: (batch: ParsedFood[]) => void,
  options: FdcReadOptions = {},
): FdcReadResult {
  const onProgress = options.onProgress ?? (() => {});
  const listed = readCentralDirectory(input);
  const files = pickEntries(listed);
  const names = listed.map((e) => e.name);
  const missingFiles = Object.values(FILES)
    .filter((f) => f.required && !files.has(f.name))
    .map((f) => f.name);
  if (missingFiles.length > 0) {
    const holds =
      names.length === 0 ? 'no files at all' : `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`;
    throw new AppError(
      'invalid-input',
      `This archive has no ${missingFiles.join(', ')} (it holds ${holds}): it may be damaged, or not a FoodData Central "CSV" download (for example the SR Legacy or Foundation Foods zip).`,
    );
  }
  checkDeclaredSizes([...files.values()], options.maxUnzippedBytes);

  for (const sql of DROP_STAGING) sqlite.exec(sql);
  for (const sql of STAGING) sqlite.exec(sql);
  try {
    return readStaged(input, sqlite, files, store, onProgress);
  } finally {
    for (const sql of DROP_STAGING) sqlite.exec(sql);
  }
}

function readStaged(
  input: Uint8Array | ZipSource,
  sqlite: Sqlite,
  files: Map<string, ZipEntry>,
  store: (batch: ParsedFood[]) => void,
  onProgress: ParseProgress,
): FdcReadResult {
  const errors = createErrorSink();
  const total = [...files.values()].reduce((sum, e) => sum + e.size, 0);
  let done = 0;
  let rowsRead = 0;
  let lastReport = 0;
  /**
   * Streams one file of the archive: checks its header, then visits each non-blank data row with a
   * typed cell getter.
   */
  const each = (key: FileKey, visit: (get: (c: string) => string, row: CsvRow) => void): void => {
    const spec = FILES[key];
    const entry = files.get(spec.name);
    if (!entry) return;
    let col: Record<string, number> | null = null;
    const reader = new CsvReader({
      fileName: spec.name,
      delimiter: ',',
      onError: (e) => errors.add(spec.name, e.line, e.message),
      onRow: (row) => {
        if (col === null) {
          const headers = row.cells.map((h) => h.trim().toLowerCase());
          const missingCols = spec.columns.filter((c) => !headers.includes(c));
          if (missingCols.length > 0) {
            throw new AppError(
              'invalid-input',
              `${spec.name} has no column ${missingCols.map((c) => `"${c}"`).join(', ')}: it is not in the FoodData Central layout.`,
            );
          }
          const optional: readonly string[] = 'optional' in spec ? spec.optional : [];
          col = Object.fromEntries([...spec.columns, ...optional].map((c) => [c, headers.indexOf(c)]));
          return;
        }
        rowsRead += 1;
        if (isBlankRow(row)) return;
        const at = col;
        visit((c) => (row.cells[at[c] ?? -1] ?? '').trim(), row);
      },
    });
    inflateEntry(input, entry, (chunk) => {
      reader.push(chunk);
      done += chunk.length;
      if (done - lastReport >= 4 * 1024 * 1024) {
        lastReport = done;
        onProgress(done, total, `Checking ${spec.name}`);
      }
    });
    reader.end();
    if (col === null) throw new AppError('invalid-input', `${spec.name} in the archive is empty.`);
  };

  // measure_unit.csv and food_category.csv: lookups (a few hundred rows).
  const units = new Map<string, string>();
  each('unit', (get) => units.set(get('id'), get('name')));
  const categories = new Map<string, string>();
  each('category', (get) => categories.set(get('id'), get('description')));
  // nutrient.csv: the unit each nutrient is given in.
  const nutrientUnits = new Map<number, string>();
  each('nutrient', (get) => nutrientUnits.set(Number(get('id')), get('unit_name').toUpperCase()));

  // food.csv
  const addFood = sqlite.prepare(
    'INSERT OR IGNORE INTO fdc_stage_food (fdc_id, line, kept, name, food_group) VALUES (?, ?, ?, ?, ?)',
  );
  const foodLine = sqlite.prepare('SELECT line, kept FROM fdc_stage_food WHERE fdc_id = ?').pluck(false);
  each('food', (get, row) => {
    const bad = (m: string): void => errors.add(FILES.food.name, row.line, m);
    const id = get('fdc_id');
    if (!INT_RE.test(id)) return bad(`fdc_id "${id}" is not a whole number`);
    const kept = FDC_FOOD_TYPES.has(get('data_type'));
    const name = get('description').replace(/\s+/g, ' ');
    const cat = get('food_category_id');
    const foodGroup = cat === '' ? null : (categories.get(cat) ?? (INT_RE.test(cat) ? null : cat));
    if (addFood.run(Number(id), row.line, kept ? 1 : 0, name, foodGroup).changes === 0) {
      const first = foodLine.get(Number(id)) as { line: number } | undefined;
      return bad(`fdc_id ${id} is already used on row ${first?.line ?? '?'}`);
    }
    if (kept && name === '') bad(`fdc_id ${id} has no description`);
  });

  /** Whether a row's fdc_id is a food kept; adds the error when it is in no food.csv row. Rows of one
   * food come together, so the last answer is remembered. */
  let lastId = '';
  let lastKept = false;
  let lastKnown = false;
  const lookup = (file: string, line: number, id: string): boolean => {
    if (id !== lastId) {
      lastId = id;
      const row = INT_RE.test(id) ? (foodLine.get(Number(id)) as { kept: number } | undefined) : undefined;
      lastKnown = row !== undefined;
      lastKept = row?.kept === 1;
    }
    if (!lastKnown) {
      errors.add(
        file,
        line,
        INT_RE.test(id) ? `refers to fdc_id ${id} which is not in food.csv` : `fdc_id "${id}" is not a whole number`,
      );
    }
    return lastKept;
  };

  // branded_food.csv: barcode, brand, ingredients, and the label's serving as a household measure.
  // Odd values in its free-text columns (a gtin_upc that is not digits, a serving in ml) are left out,
  // not row errors: the label data of hundreds of thousands of products is not all tidy.
  const setBranded = sqlite.prepare(
    'UPDATE fdc_stage_food SET gtin = ?, brand = ?, ingredients = ?, food_group = coalesce(food_group, ?) WHERE fdc_id = ?',
  );
  const addPortion = sqlite.prepare(
    'INSERT INTO fdc_stage_portion (fdc_id, line, seq, amount, unit, grams) VALUES (?, ?, ?, ?, ?, ?)',
  );
  each('branded', (get, row) => {
    const id = get('fdc_id');
    if (!lookup(FILES.branded.name, row.line, id)) return;
    const category = get('branded_food_category');
    setBranded.run(
      toGtin14(get('gtin_upc')),
      get('brand_name') || get('brand_owner') || null,
      get('ingredients') || null,
      category || null,
      Number(id),
    );
    const serving = get('serving_size');
    const unit = get('serving_size_unit').toLowerCase();
    // Only a serving in grams gives grams; one in ml would need the product's density.
    if (NUM_RE.test(serving) && Number(serving) > 0 && (unit === 'g' || unit === 'grm')) {
      const household = get('household_serving_fulltext').replace(/\s+/g, ' ');
      // Sequence -1: before the food's own measures (food_portion.csv numbers them from 1).
      addPortion.run(Number(id), row.line, -1, 1, household ? `serving (${household})` : 'serving', Number(serving));
    }
  });

  // food_nutrient.csv
  const addNutrient = sqlite.prepare(
    'INSERT OR IGNORE INTO fdc_stage_nutrient (fdc_id, nutrient_id, key, rank, value) VALUES (?, ?, ?, ?, ?)',
  );
  each('foodNutrient', (get, row) => {
    const file = FILES.foodNutrient.name;
    const bad = (m: string): void => errors.add(file, row.line, m);
    const nid = get('nutrient_id');
    if (!INT_RE.test(nid)) return bad(`nutrient_id "${nid}" is not a whole number`);
    const raw = get('amount');
    if (raw !== '' && !NUM_RE.test(raw)) return bad(`amount "${raw}" is not a number`);
    const id = get('fdc_id');
    const kept = lookup(file, row.line, id);
    if (!kept || raw === '') return;
    const map = FDC_NUTRIENT_MAP[Number(nid)];
    if (!map) return;
    const amount = Number(raw);
    if (amount < 0) return bad(`amount ${raw} must not be negative`);
    const value = convert(amount, nutrientUnits.get(Number(nid)) ?? map.unit, map.key);
    if (value === null)
      return bad(`nutrient ${nid} is in ${nutrientUnits.get(Number(nid))}, which cannot be converted`);
    if (value > 100_000) return bad(`amount ${raw} is implausibly large for 100 g`);
    if (addNutrient.run(Number(id), Number(nid), map.key, map.rank, value).changes === 0)
      return bad(`nutrient ${nid} is given twice for fdc_id ${id}`);
  });

  // food_portion.csv
  const portionsOf = sqlite.prepare('SELECT count(*) FROM fdc_stage_portion WHERE fdc_id = ?').pluck();
  each('portion', (get, row) => {
    const file = FILES.portion.name;
    const bad = (m: string): void => errors.add(file, row.line, m);
    const before = errors.count;
    const grams = get('gram_weight');
    if (!NUM_RE.test(grams)) bad(grams === '' ? 'gram_weight is empty' : `gram_weight "${grams}" is not a number`);
    else if (Number(grams) <= 0) bad('gram_weight must be more than 0');
    const amountRaw = get('amount');
    // An empty amount means one of the measure (Foundation portions leave it out when it is 1).
    if (amountRaw !== '' && !NUM_RE.test(amountRaw)) bad(`amount "${amountRaw}" is not a number`);
    else if (amountRaw !== '' && Number(amountRaw) <= 0) bad('amount must be more than 0');
    const seqRaw = get('seq_num');
    if (seqRaw !== '' && !INT_RE.test(seqRaw)) bad(`seq_num "${seqRaw}" is not a whole number`);
    const unit = portionUnit(get, units, bad);
    const id = get('fdc_id');
    const kept = lookup(file, row.line, id);
    if (!kept || errors.count > before || unit === null) return;
    const seq = seqRaw === '' ? Number(portionsOf.get(Number(id))) + 1 : Number(seqRaw);
    addPortion.run(Number(id), row.line, seq, amountRaw === '' ? 1 : Number(amountRaw), unit, Number(grams));
  });
  onProgress(total, total, 'Checked the FoodData Central files');

  // Nameless foods were errors above; foods of other data types are skipped.
  const result = { errors: errors.list, errorCount: errors.count, rowsRead, foods: 0 };
  if (errors.count > 0) return result;

  // Assembled FDC_BATCH foods at a time, in fdc_id order: nutrients (best-ranked source per key:
  // SQLite takes the other columns from the row holding the min()) and portions in sequence order.
  const page = sqlite.prepare(
    `SELECT fdc_id AS id, name, food_group AS foodGroup, brand, gtin, ingredients FROM fdc_stage_food
      WHERE kept = 1 AND fdc_id > ? ORDER BY fdc_id LIMIT ${FDC_BATCH}`,
  );
  const nutrientsIn = sqlite.prepare(
    `SELECT fdc_id AS id, key, value, min(rank) FROM fdc_stage_nutrient
      WHERE fdc_id BETWEEN ? AND ? GROUP BY fdc_id, key`,
  );
  const portionsIn = sqlite.prepare(
    `SELECT fdc_id AS id, seq, amount, unit, grams FROM fdc_stage_portion
      WHERE fdc_id BETWEEN ? AND ? ORDER BY fdc_id, seq, line`,
  );
  const count = Number(sqlite.prepare('SELECT count(*) FROM fdc_stage_food WHERE kept = 1').pluck().get());
  let after = -1;
  onProgress(0, count, 'Saving foods');
  for (;;) {
    const rows = page.all(after) as {
      id: number;
      name: string;
      foodGroup: string | null;
      brand: string | null;
      gtin: string | null;
      ingredients: string | null;
    }[];
    if (rows.length === 0) break;
    const first = rows[0]?.id ?? 0;
    const last = rows[rows.length - 1]?.id ?? 0;
    const byId = new Map<number, ParsedFood>();
    const batch = rows.map((r) => {
      const food: ParsedFood = {
        sourceId: String(r.id),
        name: r.name,
        foodGroup: r.foodGroup,
        nutrients: {},
        portions: [],
        brand: r.brand,
        gtin: r.gtin,
        ingredients: r.ingredients,
      };
      byId.set(r.id, food);
      return food;
    });
    for (const n of nutrientsIn.all(first, last) as { id: number; key: NutrientKey; value: number }[]) {
      const food = byId.get(n.id);
      if (food) food.nutrients[n.key] = n.value;
    }
    for (const p of portionsIn.all(first, last) as ({ id: number } & ParsedPortion)[]) {
      const food = byId.get(p.id);
      if (food) food.portions.push({ seq: p.seq, amount: p.amount, unit: p.unit, grams: p.grams });
    }
    store(batch);
    result.foods += batch.length;
    onProgress(result.foods, count, 'Saving foods');
    after = last;
  }
  return result;
}

/**
 * The measure's words. Known units: the unit name, with the modifier after a comma ("cup, chopped").
 * SR Legacy uses 9999 ("undetermined") and puts the words in `modifier` ("medium (7" to 7-7/8"
 * long)"); FNDDS also uses 9999 but its modifier is a numeric code, and its words are in
 * portion_description.
 */
function portionUnit(get: (c: string) => string, units: Map<string, string>, bad: (m: string) => void): string | null {
  const id = get('measure_unit_id');
  const modifier = get('modifier');
  const description = get('portion_description');
  const words = (modifier !== '' && !INT_RE.test(modifier) ? modifier : '') || description;
  if (id === String(UNDETERMINED_UNIT) || id === '') {
    if (words === '') bad('has neither a modifier nor a portion_description to name the measure');
    return words || null;
  }
  const name = units.get(id);
  if (name === undefined) {
    bad(`refers to measure_unit_id ${id} which is not in measure_unit.csv`);
    return null;
  }
  if (name === 'undetermined') return words || null;
  const extra = modifier !== '' && !INT_RE.test(modifier) ? modifier : '';
  return extra ? `${name}, ${extra}` : name;
}

const MASS: Record<string, number> = { G: 1, MG: 1e-3, UG: 1e-6 };
const APP_MASS: Record<string, number> = { g: 1, mg: 1e-3, µg: 1e-6 };
const UNIT_OF = new Map<string, string>(NUTRIENTS.map((n) => [n.key, n.unit]));

/** Converts an FDC amount in `fdcUnit` to the app's unit for `key`; null when not convertible. */
function convert(amount: number, fdcUnit: string, key: NutrientKey): number | null {
  const appUnit = UNIT_OF.get(key) ?? '';
  if (appUnit === 'kcal') {
    if (fdcUnit === 'KCAL') return amount;
    // 1 kcal = 4.184 kJ (thermochemical calorie; FAO 2003, Food energy – methods of analysis, §3.3).
    if (fdcUnit === 'KJ') return Math.round((amount / 4.184) * 100) / 100;
    return null;
  }
  const from = MASS[fdcUnit === 'µG' ? 'UG' : fdcUnit];
  const to = APP_MASS[appUnit];
  if (from === undefined || to === undefined) return null;
  return from === to ? amount : (amount * from) / to;
}
