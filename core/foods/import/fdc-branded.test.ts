import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { toGtin14 } from '../../barcodes/ean.ts';
import { foodPortions } from '../../db/schema.ts';
import { foodBySourceId, setup } from './fixtures/harness.ts';
import { brandedZipBytes, syntheticFdcId, syntheticGtin, syntheticNutrients } from './testing/branded.ts';

const input = (bytes: Uint8Array) => ({
  fileName: 'FoodData_Central_branded_food_csv_2026-04-24.zip',
  dataBase64: Buffer.from(bytes).toString('base64'),
  format: 'fdc' as const,
  datasetName: 'USDA Branded Foods',
  citation: null,
  mapping: null,
});

describe('FoodData Central Branded Foods import', () => {
  it('stores each product with its barcode (as a GTIN-14), brand, ingredients and label serving', async () => {
    const { opened, importer } = await setup();
    const report = importer.import(input(brandedZipBytes(12)));
    expect(report).toMatchObject({ committed: true, foodsImported: 12, errorCount: 0 });

    // Product 1: an EAN-13, brand_name given, a 40 g serving of "2 bars".
    const p1 = foodBySourceId(opened, String(syntheticFdcId(1)));
    expect(p1).toMatchObject({
      name: 'TEST PRODUCT 1 CRUNCHY OAT BARS',
      brand: 'BRAND 1',
      gtin: toGtin14(syntheticGtin(1)),
      ingredients: 'WHOLE GRAIN OATS, SUGAR, CANOLA OIL, HONEY, SALT.',
      foodGroup: 'Cereal Bars',
    });
    expect(p1.gtin).toHaveLength(14);
    expect(p1.nutrients).toMatchObject({
      energyKcal: syntheticNutrients(1)[1008],
      sodiumMg: syntheticNutrients(1)[1093],
    });
    const portions = opened.db.select().from(foodPortions).where(eq(foodPortions.foodId, p1.id)).all();
    expect(portions.map((p) => [p.amount, p.unit, p.grams])).toEqual([[1, 'serving (2 bars)', 40]]);

    // Product 0: a UPC-A (12 digits in gtin_upc) keyed like its EAN-13 form; no brand_name → the owner;
    // its serving is in ml, which gives no grams, so no household measure.
    const p0 = foodBySourceId(opened, String(syntheticFdcId(0)));
    expect(syntheticGtin(0)).toHaveLength(12);
    expect(p0.gtin).toBe(`00${syntheticGtin(0)}`);
    expect(p0.brand).toBe('Owner 0 Foods Inc.');
    expect(opened.db.select().from(foodPortions).where(eq(foodPortions.foodId, p0.id)).all()).toEqual([]);
  });
});
