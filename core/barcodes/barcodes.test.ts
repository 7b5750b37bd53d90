import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BarcodeLookup } from '../contract/barcodes.ts';
import type { Food } from '../contract/foods.ts';
import { ok, unlockedCore } from '../test-utils/core-harness.ts';
import { brandedZipBytes, syntheticGtin } from '../foods/import/testing/branded.ts';
import { fetchOffProduct, mapOffNutrients, OFF_USER_AGENT } from './off.ts';
import { barcodePng, photographBarcode } from './testing/encode.ts';
import { PICTURES } from '../vision/testing/fixtures.ts';
import { join } from 'node:path';

/**
 * A stand-in for Open Food Facts on this computer (the real one cannot be reached from the test
 * machine): answers as the v2 product API does, per barcode.
 */
interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const seen: Seen[] = [];
let mode: 'normal' | 'slow' | 'malformed' | 'drop' | 'error500' = 'normal';
const NUTELLA = '3017620422003';
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    seen.push({ url: req.url ?? '', headers: req.headers, body });
    if (mode === 'slow') return; // never answers
    if (mode === 'drop') return req.socket.destroy();
    if (mode === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"status":1,"product":{"product_name":"Half');
    }
    if (mode === 'error500') {
      res.writeHead(500, { 'content-type': 'text/html' });
      return res.end('<html>Internal error</html>');
    }
    const code = /\/api\/v2\/product\/(\d+)\.json/.exec(req.url ?? '')?.[1];
    if (code === NUTELLA) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          code,
          status: 1,
          status_verbose: 'product found',
          product: {
            product_name: 'Nutella',
            brands: 'Ferrero, Nutella',
            quantity: '400 g',
            serving_size: '15 g',
            serving_quantity: 15,
            ingredients_text: 'Sugar, palm oil, hazelnuts 13%, skimmed milk powder 8.7%, fat-reduced cocoa 7.4%',
            nutriments: {
              'energy-kcal_100g': 539,
              'energy-kj_100g': 2252,
              fat_100g: 30.9,
              'saturated-fat_100g': 10.6,
              carbohydrates_100g: 57.5,
              sugars_100g: 56.3,
              proteins_100g: 6.3,
              salt_100g: 0.107,
            },
          },
        }),
      );
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code, status: 0, status_verbose: 'product not found' }));
  });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env['BIOAI_OPEN_FOOD_FACTS_URL'] = base;
});
afterAll(async () => {
  delete process.env['BIOAI_OPEN_FOOD_FACTS_URL'];
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  seen.length = 0;
  mode = 'normal';
});

const photo64 = async (code: string): Promise<string> =>
  (
    await photographBarcode(code, {
      background: join(PICTURES, 'A004.jpeg'),
      corners: [
        [450, 420],
        [1150, 380],
        [1170, 820],
        [440, 800],
      ],
      blur: 0.8,
      noise: 5,
      seed: 3,
    })
  ).toString('base64');

describe('barcodes through the contract', () => {
  it('finds an imported branded food from a photo of its package, sending nothing online', async () => {
    const core = await unlockedCore();
    await ok(core, 'foods.import', {
      fileName: 'branded.zip',
      dataBase64: Buffer.from(brandedZipBytes(6)).toString('base64'),
      format: 'fdc',
      datasetName: 'USDA Branded Foods',
      citation: null,
    });
    await ok(core, 'settings.update', { openFoodFactsLookup: true });
    const code = syntheticGtin(5); // an EAN-13
    const found = await ok<BarcodeLookup>(core, 'barcodes.scan', {
      fileName: 'pack.jpg',
      dataBase64: await photo64(code),
    });
    expect(found).toMatchObject({ code, format: 'ean13', gtin: `0${code}`, online: { status: 'not-needed' } });
    expect(found.matches).toEqual([
      expect.objectContaining({
        name: 'TEST PRODUCT 5 CRUNCHY OAT BARS',
        brand: 'BRAND 5',
        sourceName: 'USDA Branded Foods',
      }),
    ]);
    const food = await ok<Food>(core, 'foods.get', { id: found.matches[0]?.id });
    expect(food.gtin).toBe(`0${code}`);
    // A UPC-A typed with its 12 digits finds the product FDC lists with 12 digits.
    const upc = await ok<BarcodeLookup>(core, 'barcodes.lookup', { code: syntheticGtin(4) });
    expect(upc.matches.map((m) => m.name)).toEqual(['TEST PRODUCT 4 CRUNCHY OAT BARS']);
    expect(seen).toEqual([]);
  }, 60_000);

  it('asks Open Food Facts only when turned on, sends only the barcode, keeps the answer and saves it as a custom food', async () => {
    const core = await unlockedCore();
    // Off by default: nothing is sent.
    const off = await ok<BarcodeLookup>(core, 'barcodes.lookup', { code: NUTELLA });
    expect(off).toMatchObject({ matches: [], online: { status: 'disabled' } });
    expect(seen).toEqual([]);

    await ok(core, 'settings.update', { openFoodFactsLookup: true });
    const on = await ok<BarcodeLookup>(core, 'barcodes.scan', {
      fileName: 'nutella.png',
      dataBase64: (await barcodePng(NUTELLA)).toString('base64'),
    });
    expect(on.online).toMatchObject({
      status: 'found',
      cached: false,
      product: {
        name: 'Nutella',
        brand: 'Ferrero',
        serving: { label: '15 g', grams: 15 },
        nutrients: {
          energyKcal: 539,
          fatG: 30.9,
          satFatG: 10.6,
          carbG: 57.5,
          sugarG: 56.3,
          proteinG: 6.3,
          sodiumMg: 42.8,
        },
      },
    });
    // Exactly one request: a GET of the product by its number, with the app's User-Agent and no body.
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toMatch(new RegExp(`^/api/v2/product/${NUTELLA}\\.json\\?fields=[a-z_,-]+$`));
    expect(seen[0]?.headers['user-agent']).toBe(OFF_USER_AGENT);
    expect(seen[0]?.body).toBe('');
    expect(seen[0]?.headers.cookie).toBeUndefined();

    // Kept: asked again, nothing is sent.
    const again = await ok<BarcodeLookup>(core, 'barcodes.lookup', { code: NUTELLA });
    expect(again.online).toMatchObject({ status: 'found', cached: true });
    expect(seen).toHaveLength(1);

    // Saved as a custom food linked to the barcode: the next lookup finds it stored.
    const saved = await ok<Food>(core, 'barcodes.saveOnline', { code: NUTELLA });
    expect(saved).toMatchObject({ source: 'custom', name: 'Nutella', brand: 'Ferrero', gtin: `0${NUTELLA}` });
    expect(saved.allergens).toEqual(expect.arrayContaining(['milk', 'tree-nut']));
    expect(saved.portions.map((p) => [p.label, p.grams])).toEqual([['1 serving (15 g)', 15]]);
    const stored = await ok<BarcodeLookup>(core, 'barcodes.lookup', { code: NUTELLA });
    expect(stored).toMatchObject({
      matches: [{ id: saved.id, sourceName: 'Custom food' }],
      online: { status: 'not-needed' },
    });

    // Unknown product: "not found", kept too.
    const unknown = await ok<BarcodeLookup>(core, 'barcodes.lookup', { code: '4006381333931' });
    expect(unknown.online).toEqual({ status: 'not-found', cached: false, fetchedAt: expect.any(Number) });
    await ok(core, 'barcodes.lookup', { code: '4006381333931' });
    expect(seen).toHaveLength(2);
    const refused = await core.dispatch('barcodes.saveOnline', { code: '4006381333931' });
    expect(refused).toMatchObject({ ok: false, code: 'not-found' });
  }, 60_000);

  it('refuses mistyped numbers and a photo without a barcode with clear messages', async () => {
    const core = await unlockedCore();
    expect(await core.dispatch('barcodes.lookup', { code: '4006381333932' })).toMatchObject({
      ok: false,
      code: 'invalid-input',
      fields: { code: expect.stringContaining('check digit') },
    });
    expect(await core.dispatch('barcodes.lookup', { code: '12345' })).toMatchObject({
      ok: false,
      code: 'invalid-input',
    });
    expect(await core.dispatch('barcodes.scan', { fileName: 'x.jpg', dataBase64: '@@' })).toMatchObject({
      ok: false,
      code: 'invalid-input',
    });
    const { readFile } = await import('node:fs/promises');
    const none = await core.dispatch('barcodes.scan', {
      fileName: 'curry.jpg',
      dataBase64: (await readFile(join(PICTURES, 'A010.jpeg'))).toString('base64'),
    });
    expect(none).toMatchObject({
      ok: false,
      code: 'not-found',
      message: expect.stringContaining('No barcode found in this photo'),
    });
  }, 60_000);
});

describe('Open Food Facts client failures', () => {
  const ask = (timeoutMs = 2_000) => fetchOffProduct(`0${NUTELLA}`, { baseUrl: base, timeoutMs });
  it('a timeout', async () => {
    mode = 'slow';
    await expect(ask(300)).rejects.toThrow('Open Food Facts did not answer within 0.3 seconds');
  });
  it('a dropped connection', async () => {
    mode = 'drop';
    await expect(ask()).rejects.toThrow('Could not reach Open Food Facts');
  });
  it('no server at all', async () => {
    await expect(fetchOffProduct(NUTELLA, { baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 })).rejects.toThrow(
      'Could not reach Open Food Facts',
    );
  });
  it('malformed JSON', async () => {
    mode = 'malformed';
    await expect(ask()).rejects.toThrow('not readable product data');
  });
  it('a server error', async () => {
    mode = 'error500';
    await expect(ask()).rejects.toThrow('HTTP 500');
  });
  it('"product not found"', async () => {
    await expect(fetchOffProduct('00000096385074', { baseUrl: base })).resolves.toEqual({ status: 'not-found' });
    expect(seen[0]?.url).toMatch(/^\/api\/v2\/product\/96385074\.json/);
  });
  it('a failure through the contract is a "failed" lookup with the message, and is not kept', async () => {
    const core = await unlockedCore();
    await ok(core, 'settings.update', { openFoodFactsLookup: true });
    mode = 'drop';
    const failed = await ok<BarcodeLookup>(core, 'barcodes.lookup', { code: NUTELLA });
    expect(failed.online).toEqual({
      status: 'failed',
      message: expect.stringContaining('Could not reach Open Food Facts'),
    });
    mode = 'normal';
    const later = await ok<BarcodeLookup>(core, 'barcodes.lookup', { code: NUTELLA });
    expect(later.online).toMatchObject({ status: 'found', cached: false });
  }, 30_000);
  it('maps kJ-only energy and salt-only sodium', () => {
    expect(mapOffNutrients({ 'energy-kj_100g': 1046, salt_100g: '1.25', fat_100g: 250 })).toEqual({
      energyKcal: 250,
      sodiumMg: 500,
    });
  });
});
