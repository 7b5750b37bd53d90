import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { letterbox, letterboxGeometry, rgbToTensor, type LetterboxSpec } from './letterbox.ts';

describe('letterbox geometry', () => {
  test('landscape 640×480 → 416: scale 0.65, 416×312 centred with 52 px bands', () => {
    expect(letterboxGeometry(640, 480, 416)).toEqual({
      scale: 0.65,
      padX: 0,
      padY: 52,
      width: 640,
      height: 480,
      innerWidth: 416,
      innerHeight: 312,
    });
  });

  test('portrait and odd sizes: 307×172 → 233 high, padY ⌊183/2⌋ = 91', () => {
    const g = letterboxGeometry(307, 172, 416);
    expect(g.innerWidth).toBe(416);
    expect(g.innerHeight).toBe(233); // round(172 × 416/307) = round(233.07)
    expect(g.padY).toBe(91);
    const p = letterboxGeometry(300, 600, 416);
    expect([p.innerWidth, p.innerHeight, p.padX, p.padY]).toEqual([208, 416, 104, 0]);
  });
});

describe('tensor conversion', () => {
  test('BGR order, mean/std per tensor channel, pad normalised too (hand-computed)', () => {
    // A 2×1 image (R,G,B) = (10,20,30), (40,50,60) centred in 4×4: inner 2×1 at padX 1, padY 1.
    const spec: LetterboxSpec = { size: 4, channelOrder: 'BGR', mean: [1, 2, 3], std: [2, 4, 8], padValue: 114 };
    const geo = { scale: 1, padX: 1, padY: 1, width: 2, height: 1, innerWidth: 2, innerHeight: 1 };
    const t = rgbToTensor(new Uint8Array([10, 20, 30, 40, 50, 60]), geo, spec);
    expect(t).toHaveLength(48);
    // Channel 0 is blue: (30 − 1)/2 = 14.5, (60 − 1)/2 = 29.5 at row 1, columns 1–2 (indices 5, 6).
    expect([t[5], t[6]]).toEqual([14.5, 29.5]);
    // Channel 1 green: (20 − 2)/4 = 4.5, (50 − 2)/4 = 12.
    expect([t[16 + 5], t[16 + 6]]).toEqual([4.5, 12]);
    // Channel 2 red: (10 − 3)/8 = 0.875, (40 − 3)/8 = 4.625.
    expect([t[32 + 5], t[32 + 6]]).toEqual([0.875, 4.625]);
    // Border: (114 − mean)/std per channel.
    expect([t[0], t[16], t[32 + 15]]).toEqual([56.5, 28, 13.875]);
  });

  test('real sharp path: a red 200×100 PNG into 8×8 RGB /255', async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 3, background: { r: 255, g: 0, b: 0 } } })
      .png()
      .toBuffer();
    const spec: LetterboxSpec = { size: 8, channelOrder: 'RGB', mean: [0, 0, 0], std: [255, 255, 255], padValue: 114 };
    const r = await letterbox(png, spec);
    expect(r.dims).toEqual([1, 3, 8, 8]);
    expect(r.transform).toEqual({ scale: 0.04, padX: 0, padY: 2, width: 200, height: 100 });
    const pad = 114 / 255;
    // Rows 0–1 and 6–7 are border; rows 2–5 are red.
    for (const row of [0, 1, 6, 7]) expect(r.tensor[row * 8 + 3]).toBeCloseTo(pad, 6);
    for (const row of [2, 3, 4, 5]) {
      expect(r.tensor[row * 8 + 3]).toBeCloseTo(1, 6);
      expect(r.tensor[64 + row * 8 + 3]).toBeCloseTo(0, 6);
      expect(r.tensor[128 + row * 8 + 3]).toBeCloseTo(0, 6);
    }
  });
});
