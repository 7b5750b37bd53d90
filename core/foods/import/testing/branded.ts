import fs from 'node:fs';
import { Zip, ZipDeflate } from 'fflate';
import { gs1CheckDigit } from '../../../barcodes/ean.ts';

/**
 * A synthetic FoodData Central Branded Foods download (tests and the import bench): the files and
 * columns of the real one (FDC "Download & API Field Descriptions"), with made-up products whose
 * barcodes have right check digits. Written as a stream, so a multi-gigabyte archive never sits in
 * memory while it is made.
 */

const TOP = 'FoodData_Central_branded_food_csv_2026-04-24';
const q = (s: string | number): string => `"${String(s).replace(/"/g, '""')}"`;
const line = (cells: (string | number)[]): string => cells.map(q).join(',') + '\n';

/** Product i's barcode: a UPC-A for even i, an EAN-13 for odd i (both as FDC writes them). */
export function syntheticGtin(i: number): string {
  if (i % 2 === 0) {
    const body = `0${String(70000 + (i % 90000)).padStart(5, '0')}${String(i).padStart(5, '0')}`.slice(-11);
    return body + String(gs1CheckDigit(body));
  }
  const body = `40${String(i).padStart(10, '0')}`;
  return body + String(gs1CheckDigit(body));
}

export const syntheticFdcId = (i: number): number => 2_000_000 + i;

const NUTRIENTS = `${line(['id', 'name', 'unit_name', 'nutrient_nbr', 'rank'])}${[
  [1003, 'Protein', 'G', 203, 600],
  [1004, 'Total lipid (fat)', 'G', 204, 800],
  [1005, 'Carbohydrate, by difference', 'G', 205, 1110],
  [1008, 'Energy', 'KCAL', 208, 300],
  [1079, 'Fiber, total dietary', 'G', 291, 1200],
  [1093, 'Sodium, Na', 'MG', 307, 5800],
  [1258, 'Fatty acids, total saturated', 'G', 606, 9700],
  [2000, 'Sugars, total including NLEA', 'G', 269, 1510],
]
  .map(line)
  .join('')}`;

/** The nutrients of product i per 100 g (deterministic, plausible). */
export function syntheticNutrients(i: number): Record<number, number> {
  const fat = (i % 37) / 2;
  const carb = (i % 61) + 5;
  const protein = (i % 23) + 1;
  return {
    1003: protein,
    1004: fat,
    1005: carb,
    1008: Math.round(protein * 4 + carb * 4 + fat * 9),
    1079: (i % 7) / 2,
    1093: (i % 500) * 2,
    1258: fat / 3,
    2000: carb / 4,
  };
}

type Sink = (chunk: Uint8Array, final: boolean) => void;

/**
 * Streams the archive of `count` products into `sink`: food.csv, branded_food.csv, nutrient.csv,
 * food_nutrient.csv (8 rows a product) and an empty food_portion.csv, each deflated as it is made.
 * `pad` adds that many characters per product to a column the importer does not read
 * (not_a_significant_source_of), to reach a size quickly.
 */
export function streamBrandedZip(count: number, sink: Sink, pad = 0): void {
  const zip = new Zip((err, chunk, final) => {
    if (err) throw err;
    sink(chunk, final);
  });
  const file = (name: string, rows: (push: (text: string) => void) => void): void => {
    const entry = new ZipDeflate(`${TOP}/${name}`, { level: 1 });
    zip.add(entry);
    let buf = '';
    const enc = new TextEncoder();
    rows((text) => {
      buf += text;
      if (buf.length >= 1 << 20) {
        entry.push(enc.encode(buf));
        buf = '';
      }
    });
    entry.push(enc.encode(buf), true);
  };
  const filler = pad > 0 ? ' '.padEnd(pad, 'WATER, SUGAR, SALT, ') : '';
  file('food.csv', (push) => {
    push(line(['fdc_id', 'data_type', 'description', 'food_category_id', 'publication_date']));
    for (let i = 0; i < count; i += 1)
      push(line([syntheticFdcId(i), 'branded_food', `TEST PRODUCT ${i} CRUNCHY OAT BARS`, '', '2026-04-24']));
  });
  file('branded_food.csv', (push) => {
    push(
      line([
        'fdc_id',
        'brand_owner',
        'brand_name',
        'subbrand_name',
        'gtin_upc',
        'ingredients',
        'not_a_significant_source_of',
        'serving_size',
        'serving_size_unit',
        'household_serving_fulltext',
        'branded_food_category',
        'data_source',
        'package_weight',
        'modified_date',
        'available_date',
        'market_country',
        'discontinued_date',
        'preparation_state_code',
        'trade_channel',
        'short_description',
      ]),
    );
    for (let i = 0; i < count; i += 1)
      push(
        line([
          syntheticFdcId(i),
          `Owner ${i % 100} Foods Inc.`,
          i % 3 === 0 ? '' : `BRAND ${i % 50}`,
          '',
          syntheticGtin(i),
          'WHOLE GRAIN OATS, SUGAR, CANOLA OIL, HONEY, SALT.',
          filler,
          i % 5 === 0 ? 240 : 40,
          i % 5 === 0 ? 'ml' : 'g',
          i % 5 === 0 ? '1 cup' : '2 bars',
          'Cereal Bars',
          'GDSN',
          '8.9 oz/252 g',
          '2026-01-01',
          '2026-04-24',
          'United States',
          '',
          '',
          '',
          '',
        ]),
      );
  });
  file('nutrient.csv', (push) => push(NUTRIENTS));
  file('food_nutrient.csv', (push) => {
    push(
      line([
        'id',
        'fdc_id',
        'nutrient_id',
        'amount',
        'data_points',
        'derivation_id',
        'min',
        'max',
        'median',
        'footnote',
        'min_year_acquired',
      ]),
    );
    let id = 1;
    for (let i = 0; i < count; i += 1) {
      for (const [nid, amount] of Object.entries(syntheticNutrients(i)))
        push(line([id++, syntheticFdcId(i), nid, amount, '', '75', '', '', '', '', '']));
    }
  });
  file('food_portion.csv', (push) =>
    push(
      line(['id', 'fdc_id', 'seq_num', 'amount', 'measure_unit_id', 'portion_description', 'modifier', 'gram_weight']),
    ),
  );
  zip.end();
}

/** The archive in memory (small counts, for tests). */
export function brandedZipBytes(count: number, pad = 0): Uint8Array {
  const parts: Uint8Array[] = [];
  streamBrandedZip(count, (c) => parts.push(c), pad);
  return Buffer.concat(parts);
}

/** The archive written to `file` as it is made (large counts, for the bench). Returns its size. */
export function writeBrandedZip(file: string, count: number, pad = 0): number {
  const fd = fs.openSync(file, 'w');
  let size = 0;
  try {
    streamBrandedZip(
      count,
      (c) => {
        fs.writeSync(fd, c);
        size += c.length;
      },
      pad,
    );
  } finally {
    fs.closeSync(fd);
  }
  return size;
}
