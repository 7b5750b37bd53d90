import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import { toGtin14 } from '../../barcodes/ean.ts';
import { count, foodBySourceId, setup } from './fixtures/harness.ts';
import { syntheticFdcId, syntheticGtin, syntheticNutrients, writeBrandedZip } from './testing/branded.ts';
import { readCentralDirectory, bytesSource } from './zip.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fdc-stream-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PRODUCTS = 40_000;
const input = (filePath: string) => ({
  fileName: path.basename(filePath),
  filePath,
  format: 'fdc' as const,
  datasetName: 'Branded (generated)',
  citation: null,
  mapping: null,
});

describe('FoodData Central import read from its file', () => {
  const big = path.join(dir, 'branded.zip');
  // About 40 MB of CSV (a few MB zipped): more than one read of every file, and many batches.
  const size = writeBrandedZip(big, PRODUCTS, 300);

  it('imports a large archive from its file in batches, reporting progress as it reads and saves', async () => {
    const { opened, importer, events } = await setup();
    const before = count(opened, 'foods');
    const report = importer.import(input(big));
    expect(size).toBeGreaterThan(1024 * 1024);
    expect(report).toMatchObject({ committed: true, foodsImported: PRODUCTS, errorCount: 0 });
    expect(count(opened, 'foods')).toBe(before + PRODUCTS);

    const checking = events.filter((e) => e.message.startsWith('Checking food_nutrient.csv'));
    expect(checking.length).toBeGreaterThan(3);
    expect(checking.every((e, i) => i === 0 || e.done > (checking[i - 1]?.done ?? 0))).toBe(true);
    const saving = events.filter((e) => e.message === 'Saving foods');
    expect(saving.at(-1)).toMatchObject({ done: PRODUCTS, total: PRODUCTS });
    expect(saving.length).toBeGreaterThanOrEqual(PRODUCTS / 1000);

    const last = foodBySourceId(opened, String(syntheticFdcId(PRODUCTS - 1)));
    expect(last.gtin).toBe(toGtin14(syntheticGtin(PRODUCTS - 1)));
    expect(last.nutrients).toMatchObject({ energyKcal: syntheticNutrients(PRODUCTS - 1)[1008] });
    // The staging tables are gone.
    expect(opened.sqlite.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'fdc_stage%'").all()).toEqual([]);
  }, 300_000);

  it('refuses a truncated archive with a clear message, storing nothing', async () => {
    const { opened, importer } = await setup();
    const before = count(opened, 'foods');
    const cut = path.join(dir, 'cut.zip');
    const bytes = fs.readFileSync(big);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    expect(() => importer.import(input(cut))).toThrow(
      'The file is not a readable zip archive (its end record is missing): it may be damaged or incomplete.',
    );
    expect(count(opened, 'foods')).toBe(before);
    expect(count(opened, 'food_datasets')).toBe(0);
  }, 120_000);

  it('stops at damage in the middle of a file after thousands of foods were staged, and leaves nothing half-written', async () => {
    const { opened, importer, events } = await setup();
    const before = count(opened, 'foods');
    const portionsBefore = count(opened, 'food_portions');
    const bytes = new Uint8Array(fs.readFileSync(big));
    const nutrients = readCentralDirectory(bytesSource(bytes)).find((e) => e.name.endsWith('food_nutrient.csv'));
    if (!nutrients) throw new Error('no food_nutrient.csv');
    // Scribble over the middle of food_nutrient.csv's deflated data.
    const middle = nutrients.localOffset + 100 + Math.floor(nutrients.compressedSize / 2);
    for (let i = 0; i < 4096; i += 1) bytes[middle + i] = (i * 131 + 7) & 0xff;
    const damagedFile = path.join(dir, 'damaged.zip');
    fs.writeFileSync(damagedFile, bytes);
    let err: unknown;
    try {
      importer.import(input(damagedFile));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    // Depending on where the damage falls, the inflater fails or produces more than the header states.
    expect((err as AppError).message).toMatch(/food_nutrient\.csv/);
    expect((err as AppError).message).toMatch(/damaged/);
    // It had read food.csv and part of food_nutrient.csv before the damage.
    expect(events.some((e) => e.message.startsWith('Checking food_nutrient.csv'))).toBe(true);
    expect(count(opened, 'foods')).toBe(before);
    expect(count(opened, 'food_portions')).toBe(portionsBefore);
    expect(count(opened, 'food_datasets')).toBe(0);
    expect(opened.sqlite.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'fdc_stage%'").all()).toEqual([]);
    // The database still imports the good archive afterwards.
    expect(importer.import(input(big))).toMatchObject({ committed: true, foodsImported: PRODUCTS });
  }, 300_000);
});
