import { AppError } from '../contract/errors.ts';
import type { OnlineProduct } from '../contract/barcodes.ts';
import type { Nutrients } from '../contract/foods.ts';
import { APP_VERSION } from '../version.ts';

/**
 * Open Food Facts (https://world.openfoodfacts.org, Open Database License), asked about ONE barcode at
 * a time and only when the practitioner turned the lookup on in Settings. The request carries the
 * barcode number and nothing else (no client, no practitioner, no search words), as
 *   GET https://world.openfoodfacts.org/api/v2/product/{code}.json?fields=…
 * with a User-Agent naming the app, as Open Food Facts asks of API users ("Open Food Facts API
 * documentation: Introduction to the API", section "Authentication": a custom User-Agent is required).
 */

export const OFF_BASE_URL = 'https://world.openfoodfacts.org';
export const OFF_USER_AGENT = `BioAI Nutrition/${APP_VERSION} (desktop app for dietitians; barcode lookup)`;
/** Only what is mapped is asked for (a full product answer is 50–200 KB). */
const FIELDS =
  'code,product_name,generic_name,brands,quantity,serving_size,serving_quantity,nutriments,ingredients_text';
/** Longest wait for an answer; a clinic's slow link still answers a product lookup in a few seconds. */
export const OFF_TIMEOUT_MS = 8_000;
/** Largest answer read (the asked fields of one product are a few KB; the limit stops a runaway body). */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

export type OffAnswer = { status: 'found'; product: OnlineProduct } | { status: 'not-found' };

export interface OffClientOptions {
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The number sent: EAN-8 as 8 digits, anything longer as its 13-digit EAN form (how OFF keys products). */
export function offCode(gtin14: string): string {
  const trimmed = gtin14.replace(/^0+/, '');
  return trimmed.length <= 8 ? trimmed.padStart(8, '0') : trimmed.padStart(13, '0');
}

/** Asks Open Food Facts about one barcode. Throws an AppError naming the problem when asking fails. */
export async function fetchOffProduct(gtin14: string, opts: OffClientOptions = {}): Promise<OffAnswer> {
  const code = offCode(gtin14);
  const base = (opts.baseUrl ?? OFF_BASE_URL).replace(/\/+$/, '');
  const url = `${base}/api/v2/product/${code}.json?fields=${FIELDS}`;
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? OFF_TIMEOUT_MS;
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, {
      headers: { 'User-Agent': OFF_USER_AGENT, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    text = await readLimited(res);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new AppError(
        'unavailable',
        `Open Food Facts did not answer within ${timeoutMs / 1000} seconds. Try again later, or enter the food from its label.`,
      );
    throw new AppError(
      'unavailable',
      'Could not reach Open Food Facts (no network connection, or the site is down). Try again later, or enter the food from its label.',
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (res.status === 404) return { status: 'not-found' };
    throw new AppError(
      'unavailable',
      `Open Food Facts sent an answer that is not readable product data (HTTP ${res.status}). Try again later.`,
    );
  }
  const obj = (body ?? {}) as { status?: unknown; product?: unknown };
  // A product OFF does not know: HTTP 404 with {"status":0,"status_verbose":"product not found"}.
  if (res.status === 404 || obj.status === 0 || obj.status === '0') return { status: 'not-found' };
  if (!res.ok)
    throw new AppError('unavailable', `Open Food Facts could not answer (HTTP ${res.status}). Try again later.`);
  if (typeof obj.product !== 'object' || obj.product === null)
    throw new AppError('unavailable', 'Open Food Facts sent an answer without product data. Try again later.');
  return { status: 'found', product: mapOffProduct(gtin14, code, obj.product as Record<string, unknown>, base) };
}

async function readLimited(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new AppError('unavailable', 'Open Food Facts sent an answer far larger than a product. Try again later.');
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}

const str = (v: unknown, max = 500): string | null => {
  if (typeof v !== 'string') return null;
  const s = v.replace(/\s+/g, ' ').trim();
  return s === '' ? null : s.slice(0, max);
};
const num = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
};

/**
 * OFF nutriments (per 100 g, in g unless noted; "Open Food Facts data fields: nutriments") → the app's
 * nutrients per 100 g. Energy: energy-kcal_100g, else energy-kj_100g / 4.184 (FAO 2003, Food energy –
 * methods of analysis, §3.3). Sodium: sodium_100g (g) × 1000 mg, else salt_100g / 2.5 (Regulation (EU)
 * 1169/2011 Annex I §11: salt = sodium × 2.5) × 1000. Values no 100 g could hold are left out.
 */
export function mapOffNutrients(n: Record<string, unknown>): Nutrients {
  const out: Nutrients = {};
  const g = (key: string): number | null => {
    const v = num(n[key]);
    return v !== null && v <= 100 ? v : null;
  };
  const kcal = num(n['energy-kcal_100g']);
  const kj = num(n['energy-kj_100g']) ?? num(n['energy_100g']);
  if (kcal !== null && kcal <= 1000) out.energyKcal = kcal;
  else if (kj !== null && kj <= 4200) out.energyKcal = Math.round((kj / 4.184) * 10) / 10;
  const pairs: [string, keyof Nutrients][] = [
    ['fat_100g', 'fatG'],
    ['saturated-fat_100g', 'satFatG'],
    ['carbohydrates_100g', 'carbG'],
    ['sugars_100g', 'sugarG'],
    ['fiber_100g', 'fibreG'],
    ['proteins_100g', 'proteinG'],
  ];
  for (const [from, to] of pairs) {
    const v = g(from);
    if (v !== null) out[to] = v;
  }
  const sodium = g('sodium_100g');
  const salt = g('salt_100g');
  if (sodium !== null) out.sodiumMg = Math.round(sodium * 1000 * 10) / 10;
  else if (salt !== null) out.sodiumMg = Math.round((salt / 2.5) * 1000 * 10) / 10;
  return out;
}

export function mapOffProduct(gtin14: string, code: string, p: Record<string, unknown>, base: string): OnlineProduct {
  const servingGrams = num(p['serving_quantity']);
  const servingLabel = str(p['serving_size'], 100);
  return {
    gtin: gtin14,
    name: str(p['product_name'], 200) ?? str(p['generic_name'], 200) ?? `Product ${code}`,
    brand: str(p['brands'], 300)?.split(',')[0]?.trim().slice(0, 100) || null,
    quantity: str(p['quantity'], 100),
    serving:
      servingGrams !== null && servingGrams > 0 && servingGrams <= 10_000
        ? { label: servingLabel ?? `${servingGrams} g`, grams: servingGrams }
        : null,
    nutrients: mapOffNutrients(
      typeof p['nutriments'] === 'object' && p['nutriments'] !== null
        ? (p['nutriments'] as Record<string, unknown>)
        : {},
    ),
    ingredients: str(p['ingredients_text'], 5000),
    url: `${base}/product/${code}`,
  };
}
