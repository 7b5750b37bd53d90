import { AppError } from '../../contract/errors.ts';
import { NUTRIENTS, type NutrientKey } from '../nutrients.ts';
import { toGtin14 } from '../../barcodes/ean.ts';
import { CsvReader, isBlankRow, type CsvRow } from './csv.ts';
import {
  createErrorSink,
  type ParsedFood,
  type ParsedImport,
  type ParsedPortion,
  type ParseProgress,
} from './types.ts';
import { checkDeclaredSizes, inflateEntry, readCentralDirectory, type ZipEntry } from './zip.ts';

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

/**
 * Reads a FoodData Central CSV zip into validated foods, one file at a time and one row at a time
 * (nothing but the foods themselves is kept). Stores nothing.
 */
export function readFdcZip(bytes: Uint8Array, onProgress: ParseProgress = () => {}): ParsedImport {
  const listed = readCentralDirectory(bytes);
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
  checkDeclaredSizes([...files.values()]);

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
    inflateEntry(bytes, entry, (chunk) => {
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

  // measure_unit.csv and food_category.csv: lookups.
  const units = new Map<string, string>();
  each('unit', (get) => units.set(get('id'), get('name')));
  const categories = new Map<string, string>();
  each('category', (get) => categories.set(get('id'), get('description')));
  // nutrient.csv: the unit each nutrient is given in.
  const nutrientUnits = new Map<number, string>();
  each('nutrient', (get) => nutrientUnits.set(Number(get('id')), get('unit_name').toUpperCase()));

  // food.csv
  const foods = new Map<string, { food: ParsedFood; ranks: Partial<Record<NutrientKey, number>> }>();
  const skipped = new Set<string>();
  const foodRowOf = new Map<string, number>();
  each('food', (get, row) => {
    const bad = (m: string): void => errors.add(FILES.food.name, row.line, m);
    const id = get('fdc_id');
    if (!INT_RE.test(id)) return bad(`fdc_id "${id}" is not a whole number`);
    const first = foodRowOf.get(id);
    if (first !== undefined) return bad(`fdc_id ${id} is already used on row ${first}`);
    foodRowOf.set(id, row.line);
    if (!FDC_FOOD_TYPES.has(get('data_type'))) {
      skipped.add(id);
      return;
    }
    const name = get('description').replace(/\s+/g, ' ');
    if (name === '') return bad(`fdc_id ${id} has no description`);
    const cat = get('food_category_id');
    const foodGroup = cat === '' ? null : (categories.get(cat) ?? (INT_RE.test(cat) ? null : cat));
    foods.set(id, { food: { sourceId: id, name, foodGroup, nutrients: {}, portions: [] }, ranks: {} });
  });

  const lookup = (file: string, line: number, id: string): ReturnType<typeof foods.get> | null => {
    const entry = foods.get(id);
    if (entry) return entry;
    if (!skipped.has(id) && !foodRowOf.has(id)) {
      errors.add(
        file,
        line,
        INT_RE.test(id) ? `refers to fdc_id ${id} which is not in food.csv` : `fdc_id "${id}" is not a whole number`,
      );
    }
    return null;
  };

  // food_nutrient.csv
  const seen = new Set<string>();
  each('foodNutrient', (get, row) => {
    const file = FILES.foodNutrient.name;
    const bad = (m: string): void => errors.add(file, row.line, m);
    const nid = get('nutrient_id');
    if (!INT_RE.test(nid)) return bad(`nutrient_id "${nid}" is not a whole number`);
    const raw = get('amount');
    if (raw !== '' && !NUM_RE.test(raw)) return bad(`amount "${raw}" is not a number`);
    const entry = lookup(file, row.line, get('fdc_id'));
    if (!entry || raw === '') return;
    const map = FDC_NUTRIENT_MAP[Number(nid)];
    if (!map) return;
    const pair = `${get('fdc_id')}/${nid}`;
    if (seen.has(pair)) return bad(`nutrient ${nid} is given twice for fdc_id ${get('fdc_id')}`);
    seen.add(pair);
    const amount = Number(raw);
    if (amount < 0) return bad(`amount ${raw} must not be negative`);
    const value = convert(amount, nutrientUnits.get(Number(nid)) ?? map.unit, map.key);
    if (value === null)
      return bad(`nutrient ${nid} is in ${nutrientUnits.get(Number(nid))}, which cannot be converted`);
    if (value > 100_000) return bad(`amount ${raw} is implausibly large for 100 g`);
    const prevRank = entry.ranks[map.key];
    if (prevRank === undefined || map.rank < prevRank) {
      entry.ranks[map.key] = map.rank;
      entry.food.nutrients[map.key] = value;
    }
  });

  // branded_food.csv: barcode, brand, ingredients, and the label's serving as a household measure.
  // Odd values in its free-text columns (a gtin_upc that is not digits, a serving in ml) are left out,
  // not row errors: the label data of hundreds of thousands of products is not all tidy.
  each('branded', (get, row) => {
    const entry = lookup(FILES.branded.name, row.line, get('fdc_id'));
    if (!entry) return;
    const f = entry.food;
    f.gtin = toGtin14(get('gtin_upc'));
    f.brand = get('brand_name') || get('brand_owner') || null;
    f.ingredients = get('ingredients') || null;
    const category = get('branded_food_category');
    if (category !== '' && f.foodGroup === null) f.foodGroup = category;
    const serving = get('serving_size');
    const unit = get('serving_size_unit').toLowerCase();
    // Only a serving in grams gives grams; one in ml would need the product's density.
    if (NUM_RE.test(serving) && Number(serving) > 0 && (unit === 'g' || unit === 'grm')) {
      const household = get('household_serving_fulltext').replace(/\s+/g, ' ');
      f.portions.push({
        seq: 0,
        amount: 1,
        unit: household ? `serving (${household})` : 'serving',
        grams: Number(serving),
      });
    }
  });

  // food_portion.csv
  const order = new Map<ParsedPortion, number>();
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
    const entry = lookup(file, row.line, get('fdc_id'));
    if (!entry || errors.count > before || unit === null) return;
    const portion: ParsedPortion = {
      seq: seqRaw === '' ? entry.food.portions.length + 1 : Number(seqRaw),
      amount: amountRaw === '' ? 1 : Number(amountRaw),
      unit,
      grams: Number(grams),
    };
    order.set(portion, row.line);
    entry.food.portions.push(portion);
  });
  onProgress(total, total, 'Checked the FoodData Central files');

  const out = [...foods.values()].map(({ food: f }) => {
    f.portions.sort((a, b) => a.seq - b.seq || (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return f;
  });
  return { foods: out, errors: errors.list, errorCount: errors.count, rowsRead };
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
