import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PICTURES } from '../vision/testing/fixtures.ts';
import { decodeBarcodePhoto, NO_BARCODE_FOUND } from './decode-image.ts';
import { decodeGray, gs1CheckDigit, hasValidCheckDigit, toGtin14 } from './ean.ts';
import { barcodePng, photographBarcode, renderBars } from './testing/encode.ts';

/** Valid codes of each kind (check digits computed by gs1CheckDigit are verified against known codes below). */
const withCheck = (body: string): string => body + String(gs1CheckDigit(body));
const EAN13 = ['4006381333931', '5449000000996', withCheck('978030640615'), withCheck('871234567890')];
const UPCA = ['036000291452', '012345678905', withCheck('04963406001')];
const EAN8 = ['96385074', '55123457', withCheck('4003994')];

describe('GS1 check digits and keys', () => {
  it('computes known check digits', () => {
    // Published examples: GS1's EAN-13 4006381333931, UPC-A 036000291452, EAN-8 96385074.
    expect(gs1CheckDigit('400638133393')).toBe(1);
    expect(gs1CheckDigit('03600029145')).toBe(2);
    expect(gs1CheckDigit('9638507')).toBe(4);
    expect(hasValidCheckDigit('4006381333932')).toBe(false);
  });
  it('keys a UPC-A and its EAN-13 form alike, and refuses non-codes', () => {
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('0036000291452')).toBe('00036000291452');
    expect(toGtin14('1234567')).toBeNull();
    expect(toGtin14('12a45678')).toBeNull();
  });
});

describe('decoding generated codes', () => {
  it.each(EAN13)('reads EAN-13 %s', (code) => {
    const g = renderBars(code, 3, 120);
    expect(decodeGray(g.data, g.width, g.height)).toEqual({ code, format: 'ean13', gtin: '0' + code });
  });
  it.each(UPCA)('reads UPC-A %s', (code) => {
    const g = renderBars(code, 2, 100);
    expect(decodeGray(g.data, g.width, g.height)).toEqual({ code, format: 'upca', gtin: '00' + code });
  });
  it.each(EAN8)('reads EAN-8 %s', (code) => {
    const g = renderBars(code, 4, 100);
    expect(decodeGray(g.data, g.width, g.height)).toEqual({ code, format: 'ean8', gtin: '000000' + code });
  });
  it('does not report a code whose check digit is wrong', async () => {
    for (const code of ['4006381333932', '036000291453', '96385075']) {
      const g = renderBars(code, 3, 120);
      expect(decodeGray(g.data, g.width, g.height)).toBeNull();
      await expect(decodeBarcodePhoto(await barcodePng(code))).rejects.toThrow(NO_BARCODE_FOUND);
    }
  });
  it('reads a PNG of a code upside down (through the photo path)', async () => {
    const { loadSharp } = await import('../vision/sharp.ts');
    const sharp = await loadSharp();
    const png = await sharp(await barcodePng('5449000000996'))
      .rotate(180)
      .png()
      .toBuffer();
    expect((await decodeBarcodePhoto(png)).code).toBe('5449000000996');
  });
});

describe('decoding photographed codes', () => {
  const photo = (name: string): string => join(PICTURES, name);
  const cases: { code: string; bg: string; corners: [number, number][]; blur?: number; noise?: number; q?: number }[] =
    [
      // Straight on, a little blur and noise.
      {
        code: '4006381333931',
        bg: 'A001.jpeg',
        corners: [
          [500, 400],
          [1100, 400],
          [1100, 800],
          [500, 800],
        ],
        blur: 1,
        noise: 6,
      },
      // Tilted about 20° and in perspective (the far side narrower), strong JPEG compression.
      {
        code: '036000291452',
        bg: 'A005.jpeg',
        corners: [
          [420, 520],
          [1080, 300],
          [1160, 700],
          [470, 900],
        ],
        noise: 8,
        q: 45,
      },
      // Turned about 75° (the bars nearly horizontal), blurred.
      {
        code: '96385074',
        bg: 'A003.jpeg',
        corners: [
          [900, 250],
          [1000, 700],
          [700, 760],
          [600, 320],
        ],
        blur: 1.2,
        noise: 5,
      },
      // Upside down and slightly keystoned.
      {
        code: withCheck('871234567890'),
        bg: 'A002.jpeg',
        corners: [
          [1200, 850],
          [450, 820],
          [480, 420],
          [1150, 380],
        ],
        blur: 0.8,
        noise: 7,
        q: 60,
      },
    ];
  it.each(cases)(
    'reads $code on $bg',
    async (c) => {
      const jpeg = await photographBarcode(c.code, {
        background: photo(c.bg),
        corners: c.corners as [[number, number], [number, number], [number, number], [number, number]],
        ...(c.blur !== undefined ? { blur: c.blur } : {}),
        ...(c.noise !== undefined ? { noise: c.noise } : {}),
        ...(c.q !== undefined ? { jpegQuality: c.q } : {}),
        seed: 7,
      });
      expect((await decodeBarcodePhoto(jpeg)).code).toBe(c.code);
    },
    30_000,
  );

  it.each(['A001.jpeg', 'A010.jpeg', 'B001.jpeg', 'C005.jpeg'])(
    'finds no barcode in the food photo %s',
    async (name) => {
      const { readFile } = await import('node:fs/promises');
      await expect(decodeBarcodePhoto(await readFile(photo(name)))).rejects.toThrow(NO_BARCODE_FOUND);
    },
    30_000,
  );

  it('names the problem when the file is not an image', async () => {
    await expect(decodeBarcodePhoto(new TextEncoder().encode('not a photo at all'))).rejects.toThrow(/not a photo/);
  });
});
