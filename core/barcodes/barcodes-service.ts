import { AppError } from '../contract/errors.ts';
import type { BarcodeFood, BarcodeFormat, BarcodeLookup, OnlineLookup, OnlineProduct } from '../contract/barcodes.ts';
import { OnlineProduct as OnlineProductSchema } from '../contract/barcodes.ts';
import type { CustomFoodInput, Food } from '../contract/foods.ts';
import type { Sqlite } from '../db/open.ts';
import { deriveAllergens } from '../foods/allergen-table.ts';
import type { FoodsService } from '../foods/foods-service.ts';
import type { SettingsService } from '../settings/settings.ts';
import { decodeBarcodePhoto } from './decode-image.ts';
import { toGtin14 } from './ean.ts';
import { fetchOffProduct, type OffClientOptions } from './off.ts';

/**
 * Looks up a barcode: first among stored foods (imported Branded Foods, custom foods saved from a
 * scan), then — only when Settings allow it — in Open Food Facts, whose answers are kept in the
 * encrypted database (off_products) so a barcode is sent at most once (a "not found" is asked again
 * after NOT_FOUND_RETRY_MS, as products are added every day).
 */

export const NOT_FOUND_RETRY_MS = 7 * 24 * 3600 * 1000;

export interface BarcodeService {
  scan(photo: Uint8Array): Promise<BarcodeLookup>;
  lookup(code: string): Promise<BarcodeLookup>;
  saveOnline(code: string): Food;
}

export interface BarcodeServiceDeps {
  sqlite: Sqlite;
  foods: FoodsService;
  settings: SettingsService;
  now: () => number;
  off?: OffClientOptions;
}

const SOURCE_WORDS: Record<string, string> = {
  custom: 'Custom food',
  recipe: 'Recipe',
  'usda-sr28': 'USDA SR28',
  fdc: 'FoodData Central',
  csv: 'Imported table',
};

function formatOf(code: string): BarcodeFormat | null {
  if (code.length === 8) return 'ean8';
  if (code.length === 12) return 'upca';
  if (code.length === 13) return code.startsWith('0') ? 'upca' : 'ean13';
  return null;
}

export function createBarcodeService(deps: BarcodeServiceDeps): BarcodeService {
  const { sqlite } = deps;

  const stored = (gtin: string): BarcodeFood[] => {
    const rows = sqlite
      .prepare(
        `SELECT f.id, f.name, f.brand, f.source, d.name AS dataset FROM foods f
           LEFT JOIN food_datasets d ON d.id = f.dataset_id
          WHERE f.gtin = ? AND f.deleted_at IS NULL
          ORDER BY f.updated_at DESC, f.id LIMIT 20`,
      )
      .all(gtin) as { id: string; name: string; brand: string | null; source: string; dataset: string | null }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      brand: r.brand,
      sourceName: r.dataset ?? SOURCE_WORDS[r.source] ?? r.source,
    }));
  };

  const cached = (gtin: string): { found: number; product: unknown; fetchedAt: number } | undefined =>
    sqlite.prepare('SELECT found, product, fetched_at AS fetchedAt FROM off_products WHERE gtin = ?').get(gtin) as
      { found: number; product: string | null; fetchedAt: number } | undefined;

  const keep = (gtin: string, product: OnlineProduct | null, t: number): void => {
    sqlite
      .prepare(
        `INSERT INTO off_products (gtin, found, product, fetched_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(gtin) DO UPDATE SET found = excluded.found, product = excluded.product, fetched_at = excluded.fetched_at`,
      )
      .run(gtin, product ? 1 : 0, product ? JSON.stringify(product) : null, t);
  };

  const cachedProduct = (gtin: string): { product: OnlineProduct; fetchedAt: number } | null | 'not-found' => {
    const row = cached(gtin);
    if (!row) return null;
    if (row.found === 0) return 'not-found';
    const parsed = OnlineProductSchema.safeParse(JSON.parse(String(row.product)));
    return parsed.success ? { product: parsed.data, fetchedAt: row.fetchedAt } : null;
  };

  const online = async (gtin: string): Promise<OnlineLookup> => {
    if (!deps.settings.get().openFoodFactsLookup) return { status: 'disabled' };
    const row = cached(gtin);
    const t = deps.now();
    if (row && row.found === 1) {
      const hit = cachedProduct(gtin);
      if (hit && hit !== 'not-found')
        return { status: 'found', product: hit.product, cached: true, fetchedAt: hit.fetchedAt };
    }
    if (row && row.found === 0 && t - row.fetchedAt < NOT_FOUND_RETRY_MS)
      return { status: 'not-found', cached: true, fetchedAt: row.fetchedAt };
    try {
      const answer = await fetchOffProduct(gtin, deps.off);
      if (answer.status === 'not-found') {
        keep(gtin, null, t);
        return { status: 'not-found', cached: false, fetchedAt: t };
      }
      keep(gtin, answer.product, t);
      return { status: 'found', product: answer.product, cached: false, fetchedAt: t };
    } catch (err) {
      if (err instanceof AppError) return { status: 'failed', message: err.message };
      throw err;
    }
  };

  const lookupGtin = async (code: string, format: BarcodeFormat | null, gtin: string): Promise<BarcodeLookup> => {
    const matches = stored(gtin);
    return { code, format, gtin, matches, online: matches.length > 0 ? { status: 'not-needed' } : await online(gtin) };
  };

  return {
    async scan(photo) {
      const read = await decodeBarcodePhoto(photo);
      return lookupGtin(read.code, read.format, read.gtin);
    },
    lookup(code) {
      const gtin = toGtin14(code);
      if (gtin === null) throw new AppError('invalid-input', 'A barcode number has 8, 12, 13 or 14 digits.');
      return lookupGtin(code, formatOf(code), gtin);
    },
    saveOnline(code) {
      const gtin = toGtin14(code);
      if (gtin === null) throw new AppError('invalid-input', 'A barcode number has 8, 12, 13 or 14 digits.');
      const hit = cachedProduct(gtin);
      if (hit === null || hit === 'not-found')
        throw new AppError(
          'not-found',
          'There is no Open Food Facts answer kept for this barcode: scan it again with the online lookup on.',
        );
      const p = hit.product;
      if (p.nutrients.energyKcal === undefined)
        throw new AppError(
          'invalid-input',
          `Open Food Facts gives no energy value for ${p.name}: create a custom food with the values on its label instead.`,
        );
      const input: CustomFoodInput = {
        name: p.name,
        foodGroup: null,
        brand: p.brand,
        nutrients: p.nutrients,
        portions: p.serving
          ? [{ amount: 1, unit: `serving (${p.serving.label})`.slice(0, 100), grams: p.serving.grams }]
          : [],
        // Flagged from the name and the printed ingredients, as imported branded foods are; the
        // practitioner can check and change them on the custom food.
        allergens: deriveAllergens({ name: p.name, foodGroup: null, ingredients: p.ingredients }),
      };
      const food = deps.foods.createCustom(input);
      // Linked to its barcode (and its printed ingredients kept), so the next scan finds it stored.
      sqlite.prepare('UPDATE foods SET gtin = ?, ingredients = ? WHERE id = ?').run(gtin, p.ingredients, food.id);
      return deps.foods.get(food.id);
    },
  };
}
