import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import { foodDatasets, foodPortions, foods } from '../../db/schema.ts';
import { b64, count, fdcZip, foodBySourceId, setup, T0 } from './fixtures/harness.ts';

const fdcInput = (dataBase64: string) => ({
  fileName: 'FoodData_Central_sr_legacy_food_csv_2018-04.zip',
  dataBase64,
  format: 'fdc' as const,
  datasetName: 'USDA SR Legacy',
  citation: 'U.S. Department of Agriculture, Agricultural Research Service. FoodData Central, 2019.',
  mapping: null,
});

describe('FoodData Central import', () => {
  it('stores foods, nutrients per 100 g, SR Legacy portions (unit in modifier) and the dataset', async () => {
    const { opened, importer, events } = await setup();
    const before = count(opened, 'foods');
    const report = importer.import(fdcInput(fdcZip('fdc-sr-legacy')));
    expect(report).toMatchObject({
      committed: true,
      foodsImported: 5,
      portionsImported: 12,
      errors: [],
      errorCount: 0,
    });
    expect(count(opened, 'foods')).toBe(before + 5);

    const banana = foodBySourceId(opened, '173944');
    expect(banana).toMatchObject({
      source: 'fdc',
      name: 'Bananas, raw',
      foodGroup: 'Fruits and Fruit Juices',
      datasetId: report.datasetId,
    });
    expect(banana.nutrients).toMatchObject({
      energyKcal: 89,
      proteinG: 1.09,
      carbG: 22.84,
      fibreG: 2.6,
      sugarG: 12.23,
      potassiumMg: 358,
      folateMcg: 20,
    });
    const portions = opened.db
      .select()
      .from(foodPortions)
      .where(eq(foodPortions.foodId, banana.id))
      .orderBy(foodPortions.seq)
      .all();
    expect(portions.map((p) => [p.seq, p.amount, p.unit, p.grams])).toEqual([
      [1, 1, 'medium (7" to 7-7/8" long)', 118],
      [2, 1, 'cup, mashed', 225],
      [3, 1, 'small (6" to 6-7/8" long)', 101],
    ]);

    // Milk: only mapped nutrients are kept (energy from its kcal row, not the kJ one), in app units;
    // alcohol (FDC 1018) and caffeine (1057) are analysed zeros.
    const milk = foodBySourceId(opened, '171265');
    expect(milk.nutrients).toEqual({
      energyKcal: 61,
      proteinG: 3.15,
      fatG: 3.25,
      carbG: 4.8,
      sugarG: 5.05,
      fibreG: 0,
      waterG: 88.13,
      calciumMg: 113,
      sodiumMg: 43,
      potassiumMg: 132,
      vitaminDMcg: 1.3,
      vitaminB12Mcg: 0.45,
      satFatG: 1.865,
      cholesterolMg: 10,
      alcoholG: 0,
      caffeineMg: 0,
    });

    // Foundation food: Atwater specific energy (2048) wins over general (2047); empty sodium is unknown.
    const onion = foodBySourceId(opened, '2345999');
    expect(onion.nutrients.energyKcal).toBe(36.5);
    expect(onion.nutrients).not.toHaveProperty('sodiumMg');
    expect(onion.foodGroup).toBe('Vegetables and Vegetable Products');
    const onionPortions = opened.db
      .select()
      .from(foodPortions)
      .where(eq(foodPortions.foodId, onion.id))
      .orderBy(foodPortions.seq)
      .all();
    expect(onionPortions.map((p) => [p.amount, p.unit, p.grams])).toEqual([
      [1, 'cup, chopped', 160],
      [0.5, 'tablespoon', 7.5],
    ]);

    // The laboratory sub-sample is not imported, and its rows are not errors.
    expect(opened.db.select().from(foods).where(eq(foods.sourceId, '2346001')).all()).toEqual([]);

    const dataset = opened.db
      .select()
      .from(foodDatasets)
      .where(eq(foodDatasets.id, report.datasetId ?? ''))
      .get();
    expect(dataset).toMatchObject({ name: 'USDA SR Legacy', format: 'fdc', foodCount: 5, importedAt: T0 });
    expect(events.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Reading/),
        expect.stringMatching(/^Checking/),
        'Saving foods',
        'Imported 5 foods',
      ]),
    );
    expect(new Set(events.map((e) => e.jobId))).toEqual(new Set([report.jobId]));
  });

  it('finds imported foods by full-text search (the FTS triggers ran)', async () => {
    const { opened, importer } = await setup();
    importer.import(fdcInput(fdcZip('fdc-sr-legacy')));
    const hits = opened.sqlite
      .prepare(
        `SELECT f.name FROM foods_fts JOIN foods f ON f.rowid = foods_fts.rowid WHERE foods_fts MATCH 'banana*' AND f.source = 'fdc'`,
      )
      .all();
    expect(hits).toEqual([{ name: 'Bananas, raw' }]);
  });

  it('reports every bad row with its file and row, and stores nothing', async () => {
    const { opened, importer } = await setup();
    const before = {
      foods: count(opened, 'foods'),
      portions: count(opened, 'food_portions'),
      sets: count(opened, 'food_datasets'),
    };
    const report = importer.import(fdcInput(fdcZip('fdc-bad')));
    expect(report.committed).toBe(false);
    expect(report.datasetId).toBeNull();
    expect(report.foodsImported).toBe(0);
    expect(report.errors.map((e) => `${e.file} row ${e.row}: ${e.message}`)).toEqual([
      'food.csv row 6: fdc_id 173944 is already used on row 5',
      'food.csv row 7: fdc_id "17x" is not a whole number',
      'food_nutrient.csv row 5: amount -5 must not be negative',
      'food_nutrient.csv row 17: amount "abc" is not a number',
      'food_nutrient.csv row 22: refers to fdc_id 123 which is not in food.csv',
      'food_portion.csv row 4: gram_weight must be more than 0',
      'food_portion.csv row 6: refers to measure_unit_id 4242 which is not in measure_unit.csv',
    ]);
    expect(report.errorCount).toBe(7);
    expect({
      foods: count(opened, 'foods'),
      portions: count(opened, 'food_portions'),
      sets: count(opened, 'food_datasets'),
    }).toEqual(before);
  });

  it('names a missing file or column in one clear error', async () => {
    const { importer } = await setup();
    expect(() => importer.import(fdcInput(fdcZip('fdc-sr-legacy', { drop: ['food_nutrient.csv'] })))).toThrow(
      /This archive has no food_nutrient\.csv/,
    );
    expect(() =>
      importer.import(
        fdcInput(
          fdcZip('fdc-sr-legacy', { replace: { 'food_portion.csv': '"id","fdc_id","amount"\n"1","173944","1"\n' } }),
        ),
      ),
    ).toThrow(/food_portion\.csv has no column "seq_num", "measure_unit_id"/);
  });

  it('refuses a corrupt zip, a file that is not a zip, and an empty file', async () => {
    const { opened, importer } = await setup();
    const before = count(opened, 'foods');
    const good = Buffer.from(fdcZip('fdc-sr-legacy'), 'base64');
    const overwritten = Buffer.from(good);
    overwritten.fill(0x41, 30, good.length - 22); // keeps "PK" and the end record, destroys the entries
    const flipped = Buffer.from(good);
    for (let i = 200; i < good.length - 600; i += 7) flipped[i] = (flipped[i] ?? 0) ^ 0x5a; // damaged deflate data
    const attempt = (dataBase64: string): unknown => {
      try {
        importer.import(fdcInput(dataBase64));
      } catch (err) {
        return err;
      }
      return null;
    };
    for (const [data, pattern] of [
      [overwritten.toString('base64'), /not a readable zip archive \(its list of files is cut short\)/],
      [flipped.toString('base64'), /not a readable zip archive/],
      [
        good.subarray(0, good.length / 2).toString('base64'),
        /not a readable zip archive \(its end record is missing\)/,
      ],
      [b64('fdc_id,description\n1,Apple\n'), /is not a zip archive/],
      ['', /is empty/],
    ] as const) {
      const err = attempt(data);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('invalid-input');
      expect((err as AppError).message).toMatch(pattern);
    }
    expect(count(opened, 'foods')).toBe(before);
  });

  it('rolls back every food when a write fails part-way through the transaction', async () => {
    const { opened, importer } = await setup();
    const before = { foods: count(opened, 'foods'), portions: count(opened, 'food_portions') };
    // The dataset row is written last, after all foods and portions: make that insert fail.
    opened.sqlite.exec(
      `CREATE TEMP TRIGGER fail_dataset BEFORE INSERT ON food_datasets BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;`,
    );
    expect(() => importer.import(fdcInput(fdcZip('fdc-sr-legacy')))).toThrow(/disk full \(test\)/);
    expect({ foods: count(opened, 'foods'), portions: count(opened, 'food_portions') }).toEqual(before);
    opened.sqlite.exec('DROP TRIGGER fail_dataset');
    expect(importer.import(fdcInput(fdcZip('fdc-sr-legacy'))).committed).toBe(true);
  });

  it('imports a dataset name again as a new dataset and leaves the earlier one', async () => {
    const { opened, importer } = await setup();
    const a = importer.import(fdcInput(fdcZip('fdc-sr-legacy')));
    const b = importer.import(fdcInput(fdcZip('fdc-sr-legacy')));
    expect(a.datasetId).not.toBe(b.datasetId);
    const perSet = opened.db
      .select({ datasetId: foods.datasetId, n: sql<number>`count(*)` })
      .from(foods)
      .where(eq(foods.source, 'fdc'))
      .groupBy(foods.datasetId)
      .all();
    expect(perSet).toHaveLength(2);
    expect(perSet.every((r) => r.n === 5)).toBe(true);
  });
});
