import { describe, expect, test } from 'vitest';
import type { Detection } from './detector.ts';
import { estimatePortions, referencePixels, roundGrams } from './portions.ts';
import { tinyManifest } from './testing/fixtures.ts';

const m = tinyManifest('0'.repeat(64), {
  referenceClasses: { plate: { sizeCm: 26, measure: 'diameter' }, fork: { sizeCm: 19, measure: 'length' } },
  classes: ['banana', 'apple', 'plate', 'fork', 'chair'],
});
const det = (label: string, score: number, x: number, y: number, w: number, h: number): Detection => ({
  classIndex: m.classes.indexOf(label),
  label,
  score,
  box: { x, y, w, h },
});

describe('portions', () => {
  test('reference size: diameter = long side of the ellipse, length = box diagonal', () => {
    expect(referencePixels({ x: 0, y: 0, w: 260, h: 180 }, { sizeCm: 26, measure: 'diameter' })).toBe(260);
    expect(referencePixels({ x: 0, y: 0, w: 90, h: 120 }, { sizeCm: 19, measure: 'length' })).toBe(150);
  });

  test('no reference → default portion; non-food classes dropped', () => {
    const r = estimatePortions([det('banana', 0.8, 0, 0, 50, 20), det('chair', 0.9, 0, 0, 9, 9)], m);
    expect(r.references).toEqual([]);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      label: 'banana',
      foodId: 'usda:09040',
      grams: 120, // 118 rounded to 5 g
      portionBasis: 'default portion',
      confidence: 0.8,
    });
  });

  test('plate of 260 px = 26 cm → 0.1 cm/px; apple box 80×90 px = 72 cm² → 182 × 72/58 = 225.9 → 225 g', () => {
    const r = estimatePortions([det('plate', 0.7, 0, 0, 260, 200), det('apple', 0.9, 10, 10, 80, 90)], m);
    expect(r.references).toHaveLength(1);
    expect(r.references[0]!.cmPerPixel).toBeCloseTo(0.1, 10);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ label: 'apple', grams: 225, portionBasis: 'plate reference' });
  });

  test('estimates are clamped to ¼–4× the default portion; the best-scoring reference is used', () => {
    const tiny = estimatePortions([det('plate', 0.9, 0, 0, 260, 260), det('apple', 0.5, 0, 0, 5, 5)], m);
    expect(tiny.items[0]!.grams).toBe(roundGrams(182 / 4)); // 45.5 → 45
    const huge = estimatePortions(
      [det('fork', 0.4, 0, 0, 10, 10), det('plate', 0.9, 0, 0, 260, 260), det('banana', 0.5, 0, 0, 400, 400)],
      m,
    );
    expect(huge.references.map((r) => r.label)).toEqual(['plate', 'fork']);
    expect(huge.items[0]!.grams).toBe(470); // 4 × 118 = 472 → 470
  });
});
