import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { CsvMapping } from '../../contract/foods.ts';
import { foods } from '../../db/schema.ts';
import { b64, count, fixture64, foodBySourceId, setup } from './fixtures/harness.ts';

describe('CSV import', () => {
  const csvInput = (fileName: string, dataBase64: string, mapping: Partial<CsvMapping>) => ({
    fileName,
    dataBase64,
    format: 'csv' as const,
    datasetName: fileName,
    citation: null,
    mapping: {
      id: null,
      foodGroup: null,
      energyInKj: false,
      delimiter: null,
      decimalComma: false,
      nutrients: {},
      name: '',
      ...mapping,
    },
  });

  it('previews a CIQUAL-style file (semicolons, windows-1252, decimal comma) and imports it with the suggestion', async () => {
    const { opened, importer } = await setup();
    const data = fixture64('ciqual-sample.csv');
    // The file is windows-1252: without that choice it is refused at its first accented byte.
    expect(() => importer.preview({ fileName: 'ciqual-sample.csv', dataBase64: data })).toThrow(
      'ciqual-sample.csv is not UTF-8 text: row 1, column 28 holds the byte 0xB5, which is not UTF-8.',
    );
    expect(() => importer.import(csvInput('ciqual-sample.csv', data, { name: 'alim_nom_eng' }))).toThrow(/not UTF-8/);
    expect(count(opened, 'food_datasets')).toBe(0);
    const preview = importer.preview({ fileName: 'ciqual-sample.csv', dataBase64: data, encoding: 'windows-1252' });
    expect(preview).toMatchObject({ delimiter: ';', rowCount: 5 });
    expect(preview.headers).toContain('Vitamin D (µg/100g)');
    expect(preview.sampleRows[2]?.[7]).toBe('Pork liver pâté');
    expect(preview.suggested).toMatchObject({
      name: 'alim_nom_eng',
      id: 'alim_code',
      foodGroup: 'alim_grp_nom_eng',
      decimalComma: true,
      delimiter: ';',
      nutrients: {
        energyKcal: 'Energy, Regulation EU No 1169/2011 (kcal/100g)',
        proteinG: 'Protein (g/100g)',
        satFatG: 'FA saturated (g/100g)',
        fibreG: 'Fibres (g/100g)',
        vitaminDMcg: 'Vitamin D (µg/100g)',
        folateMcg: 'Vitamin B9 or Folate (µg/100g)',
        vitaminKMcg: 'Vitamin K1 (µg/100g)',
      },
    });
    expect(preview.suggested.energyInKj).toBeUndefined();

    const report = importer.import({
      ...csvInput('ciqual-sample.csv', data, preview.suggested),
      encoding: 'windows-1252',
    });
    expect(report).toMatchObject({ committed: true, foodsImported: 4, rowsRead: 5, errorCount: 0 });
    const apple = foodBySourceId(opened, '13000');
    expect(apple).toMatchObject({
      source: 'csv',
      name: 'Apple, pulp and peel, raw',
      foodGroup: 'fruits, vegetables, legumes and nuts',
    });
    // "traces" → 0; "< 0,5" → 0.25 (half the bound); "-" → unknown.
    expect(apple.nutrients).toMatchObject({
      energyKcal: 53.9,
      proteinG: 0.25,
      sodiumMg: 0,
      cholesterolMg: 0,
      vitaminDMcg: 0.25,
      vitaminCMg: 4.8,
    });
    expect(apple.nutrients).not.toHaveProperty('vitaminB12Mcg');
    expect(foodBySourceId(opened, '8310').name).toBe('Pork liver pâté');
    // A row with a name and no values is stored with every nutrient unknown.
    expect(foodBySourceId(opened, '20047').nutrients).toEqual({});
  });

  it('converts kJ to kcal when asked', async () => {
    const { opened, importer } = await setup();
    const report = importer.import(
      csvInput('kj.csv', b64('name,kJ\nSoup,418.4\n'), {
        name: 'name',
        nutrients: { energyKcal: 'kJ' },
        energyInKj: true,
      }),
    );
    expect(report.committed).toBe(true);
    const soup = opened.db.select().from(foods).where(eq(foods.name, 'Soup')).get();
    expect(soup?.nutrients).toEqual({ energyKcal: 100 });
  });

  it('suggests CoFID columns (per 100 g food, never per 100 g fatty acids) and reads Tr, N and (x)', async () => {
    const { opened, importer } = await setup();
    const data = fixture64('cofid-sample.csv');
    const preview = importer.preview({ fileName: 'cofid-sample.csv', dataBase64: data });
    expect(preview).toMatchObject({ delimiter: ',', rowCount: 3 });
    expect(preview.suggested).toMatchObject({
      name: 'Food Name',
      id: 'Food Code',
      foodGroup: 'Group',
      decimalComma: false,
      nutrients: {
        energyKcal: 'Energy (kcal) (kcal)',
        satFatG: 'Satd FA /100g fd (g)',
        monoFatG: 'Mono FA /100g food (g)',
        fibreG: 'AOAC fibre (g)',
        sugarG: 'Total sugars (g)',
        sodiumMg: 'Sodium (mg)',
      },
    });
    expect(preview.suggested.nutrients).not.toHaveProperty('vitaminAMcg');
    const report = importer.import(csvInput('cofid-sample.csv', data, preview.suggested));
    expect(report).toMatchObject({ committed: true, foodsImported: 3 });
    const banana = foodBySourceId(opened, '13-128');
    expect(banana.nutrients).toMatchObject({ energyKcal: 81, fatG: 0.1, satFatG: 0, fibreG: 1.4, folateMcg: 14 });
    expect(foodBySourceId(opened, '17-036').nutrients).toMatchObject({
      waterG: 0,
      proteinG: 0,
      fatG: 99.9,
      sodiumMg: 0,
    });
  });

  it('lists each bad row with the file name and stores nothing', async () => {
    const { opened, importer } = await setup();
    const before = count(opened, 'foods');
    const mapping = {
      name: 'name',
      id: 'code',
      nutrients: { energyKcal: 'kcal', proteinG: 'protein_g', fatG: 'fat_g' },
    };
    const report = importer.import(csvInput('generic-bad.csv', fixture64('generic-bad.csv'), mapping));
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => `${e.file} row ${e.row}: ${e.message}`)).toEqual([
      'generic-bad.csv row 3: the food name (column "name") is empty',
      'generic-bad.csv row 4: kcal: "abc" is not a number',
      'generic-bad.csv row 5: protein_g: "-9" is negative',
      'generic-bad.csv row 6: id "A1" is already used on row 2',
      'generic-bad.csv row 7: has 6 fields but the header has 5 (is a value containing "," not in quotes?)',
      'generic-bad.csv row 8: kcal: "6,1" is not a number (if the file uses a decimal comma, turn on "decimal comma")',
    ]);
    expect(count(opened, 'foods')).toBe(before);
  });

  it('lists the first 200 errors and counts them all', async () => {
    const { importer } = await setup();
    const text = 'name,kcal\n' + Array.from({ length: 250 }, (_, i) => `Food ${i},x${i}\n`).join('');
    const report = importer.import(
      csvInput('many.csv', b64(text), { name: 'name', nutrients: { energyKcal: 'kcal' } }),
    );
    expect(report).toMatchObject({ committed: false, errorCount: 250, rowsRead: 250 });
    expect(report.errors).toHaveLength(200);
  });

  it('gives clear errors for a missing column, no mapping, an unterminated quote and a header-only file', async () => {
    const { importer } = await setup();
    const m = { name: 'name', nutrients: { energyKcal: 'Energy' } };
    expect(() => importer.import(csvInput('a.csv', b64('name,kcal\nApple,52\n'), m))).toThrow(
      /has no column "Energy" \(Energy\)/,
    );
    expect(() => importer.import({ ...csvInput('a.csv', b64('name,kcal\nApple,52\n'), m), mapping: null })).toThrow(
      /Choose which columns/,
    );
    const broken = importer.import(
      csvInput('q.csv', b64('name,kcal\n"Apple,52\nPear,57\n'), { name: 'name', nutrients: { energyKcal: 'kcal' } }),
    );
    expect(broken.errors[0]).toMatchObject({ file: 'q.csv', row: 2, message: expect.stringContaining('never closed') });
    expect(() => importer.preview({ fileName: 'q.csv', dataBase64: b64('name,kcal\n"Apple,52\n') })).toThrow(
      /q\.csv line 2: a quoted field/,
    );
    expect(() =>
      importer.import(csvInput('h.csv', b64('name,kcal\n'), { name: 'name', nutrients: { energyKcal: 'kcal' } })),
    ).toThrow(/has no foods to import/);
    expect(() => importer.preview({ fileName: 'e.csv', dataBase64: '' })).toThrow(/e\.csv is empty/);
    expect(() => importer.import({ ...csvInput('a.csv', b64('x'), m), format: 'xls' as 'csv' })).toThrow(
      /Unknown import format "xls"/,
    );
  });

  it('detects a decimal comma from every row and refuses a thousands separator after row 50, naming row and column', async () => {
    const { opened, importer } = await setup();
    const rows = Array.from({ length: 60 }, (_, i) => `Food ${i};${i},5\n`).join('');
    const data = b64(`name;Energy (kcal)\n${rows}Cheese;1.234\nLate dot;2.5\n`);
    const preview = importer.preview({ fileName: 'dc.csv', dataBase64: data });
    // The dot-decimal rows after row 50 count too: the file's numbers disagree, so no decimal comma is suggested.
    expect(preview.suggested.decimalComma).toBe(false);
    expect(preview.rowCount).toBe(62);
    // With the decimal comma chosen, the rows that contradict it are refused; nothing is stored.
    const report = importer.import({
      ...csvInput('dc.csv', data, { name: 'name', nutrients: { energyKcal: 'Energy (kcal)' }, decimalComma: true }),
    });
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => `${e.file} row ${e.row}: ${e.message}`)).toEqual([
      'dc.csv row 62: Energy (kcal): "1.234" has a dot but the file uses a decimal comma: write it without a thousands separator (1234 or 1,5)',
      'dc.csv row 63: Energy (kcal): "2.5" has a dot but the file uses a decimal comma: write it without a thousands separator (1234 or 1,5)',
    ]);
    expect(count(opened, 'foods')).toBe(0);
    // Without the dotted rows, the whole file reads as decimal comma.
    const clean = b64(`name;Energy (kcal)\n${rows}`);
    expect(importer.preview({ fileName: 'dc.csv', dataBase64: clean }).suggested.decimalComma).toBe(true);
  });

  it('refuses a NUL in a food name with row and column, and rolls back rows already inserted in earlier batches', async () => {
    const { opened, importer } = await setup();
    const good = Array.from({ length: 1200 }, (_, i) => `Food ${i},${i}\n`).join('');
    const data = b64(`name,kcal\n${good}Bad\u0000name,5\n`);
    const report = importer.import(csvInput('nul.csv', data, { name: 'name', nutrients: { energyKcal: 'kcal' } }));
    expect(report).toMatchObject({ committed: false, foodsImported: 0, rowsRead: 1201, datasetId: null });
    expect(report.errors).toEqual([
      {
        file: 'nul.csv',
        row: 1202,
        message: 'column 1 holds the control character U+0000, which cannot be stored (remove it from the file)',
      },
    ]);
    expect(count(opened, 'foods')).toBe(0);
    expect(count(opened, 'food_datasets')).toBe(0);
  });

  it('reads a table from a path in chunks: a NUL past the first megabyte leaves nothing stored; the fixed file imports whole', async () => {
    const { opened, importer } = await setup();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-import-path-'));
    try {
      const file = path.join(dir, 'big.csv');
      // About 1.6 MB: rows cross the reader's 1 MB chunk boundary, and the bad row is in the second chunk.
      const good = Array.from({ length: 30_000 }, (_, i) => `"Food ${i}, with a name as long as tables have",${i}\n`);
      fs.writeFileSync(file, `name,kcal\n${good.join('')}Bad\u0000name,5\n`);
      expect(fs.statSync(file).size).toBeGreaterThan(1024 * 1024);
      const mapping = { id: null, foodGroup: null, energyInKj: false, delimiter: null, decimalComma: false };
      const input = {
        fileName: 'big.csv',
        filePath: file,
        format: 'csv' as const,
        datasetName: 'Big',
        citation: null,
        mapping: { ...mapping, name: 'name', nutrients: { energyKcal: 'kcal' } },
      };
      const failed = importer.import(input);
      expect(failed).toMatchObject({ committed: false, foodsImported: 0, rowsRead: 30_001, datasetId: null });
      expect(failed.errors[0]?.row).toBe(30_002);
      expect(count(opened, 'foods')).toBe(0);
      expect(count(opened, 'food_datasets')).toBe(0);

      fs.writeFileSync(file, `name,kcal\n${good.join('')}`);
      expect(importer.preview({ fileName: 'big.csv', filePath: file }).rowCount).toBe(30_000);
      expect(importer.import(input)).toMatchObject({ committed: true, foodsImported: 30_000 });
      expect(count(opened, 'foods')).toBe(30_000);
      expect(
        opened.sqlite.prepare("SELECT name FROM foods WHERE source = 'csv' ORDER BY rowid DESC LIMIT 1").pluck().get(),
      ).toBe('Food 29999, with a name as long as tables have');
      expect(() => importer.import({ ...input, dataBase64: b64('name\nx\n') })).toThrow(
        'either as data or as a file path',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
