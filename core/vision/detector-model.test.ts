import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDetector, type Detector } from './detector.ts';
import { decodeImage } from './image.ts';
import { estimatePortions } from './portions.ts';
import { MEAL_DETECTOR_DIR, PICTURES } from './testing/fixtures.ts';

/** The shipped NanoDet-g model (models/meal-detector) on real food photos, through onnxruntime-node. */
const photo = (code: string): Buffer => readFileSync(join(PICTURES, `${code}.jpeg`));
let d: Detector;

beforeAll(async () => {
  d = await createDetector({ modelDir: MEAL_DETECTOR_DIR });
});
afterAll(async () => {
  await d.close();
});

describe('NanoDet-g on real photos', () => {
  test('loads on the first provider that works here, each one before it refused with a reason', () => {
    expect(d.manifest.kind).toBe('nanodet');
    // CPU on a machine without a GPU (CUDA is refused: no NVIDIA driver or no CUDA libraries in this
    // build); CUDA or DirectML where they work. The detections below must hold on any of them.
    const first = d.providersTried.findIndex((p) => p.ok);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(d.providersTried[first]).toEqual({ name: d.provider, ok: true, message: null });
    for (const refused of d.providersTried.slice(0, first)) expect(refused.message).toBeTruthy();
  });

  test('bananas (E012) and apples (E001): the top detection is the right class, boxes inside the photo', async () => {
    for (const [code, label] of [
      ['E012', 'banana'],
      ['E001', 'apple'],
    ] as const) {
      const r = await d.detect(photo(code));
      expect(r.detections[0]?.label, code).toBe(label);
      for (const x of r.detections) {
        expect(x.box.x + x.box.w).toBeLessThanOrEqual(307);
        expect(x.box.y + x.box.h).toBeLessThanOrEqual(172);
      }
    }
  });

  test('oranges (E047) are found (COCO NanoDet also proposes "donut" for them: the review step decides)', async () => {
    const r = await d.detect(photo('E047'));
    expect(r.detections.some((x) => x.label === 'orange')).toBe(true);
  });

  test('a rotated photo (EXIF orientation 6) is detected in its upright frame', async () => {
    const rotated = await sharp(photo('E012')).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    const r = await d.detect(rotated);
    expect([r.width, r.height]).toEqual([172, 307]);
    expect(r.detections[0]?.label).toBe('banana');
    const best = r.detections[0]!.box;
    expect(best.y + best.h).toBeLessThanOrEqual(307);
  });

  test('a 12 MP photo is preprocessed (shrink-on-load) and detected', async () => {
    const big = await sharp(photo('E001')).resize(4000, 2254, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
    const decoded = await decodeImage(big);
    const r = await d.detect(decoded);
    expect([r.width, r.height]).toEqual([4000, 2254]);
    expect(r.detections[0]?.label).toBe('apple');
    // Its speed is measured in bench/vision.bench.ts, not asserted here (the machine is shared and noisy).
  });

  test('detections become food items: a hand of bananas boxed whole and banana by banana counts its bananas', async () => {
    const r = await d.detect(photo('E012'));
    expect(r.detections.filter((x) => x.label === 'banana').length).toBeGreaterThan(2);
    const { items, references } = estimatePortions(r.detections, d.manifest, r);
    expect(references).toEqual([]);
    // One item for the food, never one per box: the separate bananas inside the hand's box are counted.
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      label: 'banana',
      foodId: 'usda:09040',
      basisKind: 'count',
      // Six boxes: the hand, and bananas inside it, two of them boxed twice.
      count: 3,
      measure: { name: 'medium', grams: 118 },
      grams: 354, // 3 × 118
      range: { low: 303, high: 408 }, // 3 × 101 g … 3 × 136 g (USDA SR small, large)
    });
    expect(items[0]!.merged).toBe(r.detections.filter((x) => x.label === 'banana').length);
    expect(items[0]!.portionBasis).toMatch(
      /^3 × medium \(118 g\), counted in the photo \(\d+ overlapping detections merged\); no size reference recognised \(the detector knows bowls, cups and cutlery, not plates\)/,
    );
  });
});
