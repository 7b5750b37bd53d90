import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { Detection } from './detector.ts';
import type { DetectorManifest } from './manifest.ts';
import { loadManifest, parseManifest } from './manifest.ts';
import {
  dropCrossClassDuplicates,
  estimatePortions,
  MEAL_MAX_GRAMS,
  mergePieces,
  referencePixels,
  samePiece,
  splitBunch,
} from './portions.ts';
import { MEAL_DETECTOR_DIR, tinyManifest } from './testing/fixtures.ts';

// Oranges are counted (USDA SR household measures: small 96 g, medium 131 g, large 184 g); cake is amorphous.
const m: DetectorManifest = tinyManifest('0'.repeat(64), {
  classes: ['orange', 'cake', 'bowl', 'fork', 'chair'],
  foodClasses: {
    orange: {
      foodId: 'usda:09200',
      foodName: 'Oranges, raw, all commercial varieties',
      defaultGrams: 131,
      defaultPortion: '1 fruit (2-5/8" dia)',
      typicalAreaCm2: 45,
      countable: {
        noun: 'orange',
        plural: 'oranges',
        measures: [
          { name: 'small', grams: 96 },
          { name: 'medium', grams: 131 },
          { name: 'large', grams: 184 },
        ],
        measure: 'medium',
        maxPerMeal: 4,
      },
    },
    cake: {
      foodId: 'usda:18146',
      foodName: 'Cake, yellow',
      defaultGrams: 68,
      defaultPortion: '1 piece (1/12 of 8" dia)',
      typicalAreaCm2: 60,
    },
  },
  referenceClasses: { bowl: { sizeCm: 15, measure: 'diameter' }, fork: { sizeCm: 19, measure: 'length' } },
});
const det = (label: string, score: number, x: number, y: number, w: number, h: number): Detection => ({
  classIndex: m.classes.indexOf(label),
  label,
  score,
  box: { x, y, w, h },
});
const IMG = { width: 1000, height: 800 };

describe('portions', () => {
  test('reference size: diameter = long side of the ellipse, length = box diagonal', () => {
    expect(referencePixels({ x: 0, y: 0, w: 260, h: 180 }, { sizeCm: 26, measure: 'diameter' })).toBe(260);
    expect(referencePixels({ x: 0, y: 0, w: 90, h: 120 }, { sizeCm: 19, measure: 'length' })).toBe(150);
  });

  test('merging: a duplicate or a nested box is the same piece; touching pieces stay two', () => {
    expect(samePiece({ x: 0, y: 0, w: 100, h: 100 }, { x: 10, y: 10, w: 50, h: 50 })).toBe(true); // nested
    expect(samePiece({ x: 0, y: 0, w: 100, h: 100 }, { x: 5, y: 5, w: 100, h: 100 })).toBe(true); // duplicate
    expect(samePiece({ x: 0, y: 0, w: 100, h: 100 }, { x: 90, y: 0, w: 100, h: 100 })).toBe(false); // touching
    expect(samePiece({ x: 0, y: 0, w: 10, h: 10 }, { x: 50, y: 50, w: 10, h: 10 })).toBe(false);
    const groups = mergePieces([
      { box: { x: 0, y: 0, w: 100, h: 100 } },
      { box: { x: 20, y: 20, w: 40, h: 40 } },
      { box: { x: 200, y: 0, w: 100, h: 100 } },
    ]);
    expect(groups.map((g) => g.length).sort()).toEqual([1, 2]);
  });

  test('counting: two oranges (one detected twice, one nested half) → 2 × medium, one item, never summed per box', () => {
    const r = estimatePortions(
      [
        det('orange', 0.8, 100, 100, 80, 80),
        det('orange', 0.6, 105, 104, 78, 79), // duplicate of the first
        det('orange', 0.7, 300, 100, 80, 80),
        det('orange', 0.5, 320, 120, 40, 40), // a part of the second, nested in it
        det('chair', 0.9, 0, 0, 9, 9),
      ],
      m,
      IMG,
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      label: 'orange',
      basisKind: 'count',
      count: 2,
      merged: 4,
      measure: { name: 'medium', grams: 131 },
      grams: 262, // 2 × 131
      range: { low: 192, high: 368 }, // 2 × 96, 2 × 184
      flag: null,
      confidence: 0.8,
    });
    expect(r.items[0]!.portionBasis).toBe(
      '2 × medium (131 g), counted in the photo (4 overlapping detections merged); no size reference recognised (the detector knows bowls, cups and cutlery, not plates), taken as medium',
    );
    expect(r.items[0]!.box).toEqual({ x: 100, y: 100, w: 280, h: 83 });
    expect(r.flags).toEqual([]);
  });

  test('a bunch boxed whole and piece by piece counts its pieces; a fruit and a part of it stay one', () => {
    const hand = { box: { x: 0, y: 0, w: 300, h: 150 } };
    const b1 = { box: { x: 10, y: 10, w: 90, h: 130 } };
    const b2 = { box: { x: 110, y: 10, w: 90, h: 130 } };
    const b3 = { box: { x: 205, y: 10, w: 90, h: 130 } };
    const pieces = splitBunch([hand, b1, b2, b3]);
    expect(pieces.map((p) => p.box)).toEqual([b1.box, b2.box, b3.box]);
    expect(pieces.flatMap((p) => p.dets)).toHaveLength(4); // the hand's box goes with the first piece
    const fruit = { box: { x: 0, y: 0, w: 100, h: 100 } };
    const half = { box: { x: 10, y: 10, w: 50, h: 80 } };
    const stalk = { box: { x: 30, y: 30, w: 20, h: 20 } }; // nested in the half: the same part
    expect(splitBunch([fruit, half, stalk])).toHaveLength(1);
    const r = estimatePortions(
      [det('orange', 0.7, 0, 0, 300, 150), det('orange', 0.6, 10, 10, 90, 130), det('orange', 0.6, 110, 10, 90, 130)],
      m,
      IMG,
    );
    expect(r.items[0]).toMatchObject({ count: 2, merged: 3, grams: 262 });
  });

  test('one object scored as two foods on nearly the same box is one item, the surer one, naming the other', () => {
    const orange = det('orange', 0.6, 100, 100, 80, 80);
    const cake = det('cake', 0.4, 102, 101, 80, 78); // IoU ≈ 0.93 with the orange
    const cakeElsewhere = det('cake', 0.5, 400, 100, 80, 80);
    const { kept, alsoSeenAs } = dropCrossClassDuplicates([orange, cake, cakeElsewhere]);
    expect(kept).toEqual([orange, cakeElsewhere]);
    expect([...(alsoSeenAs.get(orange) ?? [])]).toEqual(['cake']);
    const r = estimatePortions([orange, cake, cakeElsewhere], m, IMG);
    expect(r.items.map((i) => [i.label, i.grams])).toEqual([
      ['orange', 131],
      ['cake', 68],
    ]);
    expect(r.items[0]!.portionBasis).toMatch(/; also scored as cake$/);
    // Only the item whose own boxes were also scored as another food says so.
    expect(r.items[1]!.portionBasis).not.toMatch(/also scored/);
  });

  test('a count beyond a meal (24 orange slices) is flagged with no amount', () => {
    const slices = Array.from({ length: 24 }, (_, i) =>
      det('orange', 0.5, (i % 6) * 60, Math.floor(i / 6) * 60, 50, 50),
    );
    const r = estimatePortions(slices, m, IMG);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ basisKind: 'flagged', grams: null, range: null, count: null, merged: 24 });
    expect(r.items[0]!.flag).toBe(
      '24 oranges is more than a meal usually holds (at most 4): they are probably slices or pieces. Enter the amount.',
    );
    expect(r.totalGrams).toBe(0);
    expect(r.flags).toEqual(['Some items have no amount proposed: enter their amounts.']);
  });

  test('implausible reference: half a kiwi taken as a bowl the size of the oranges is not used (no 4× clamp)', () => {
    // The "bowl" is 90 px, like the 85 px oranges: as a 15 cm bowl it would make each orange ~2.2× its width.
    const r = estimatePortions(
      [det('orange', 0.8, 100, 100, 85, 85), det('orange', 0.7, 300, 100, 85, 85), det('bowl', 0.9, 500, 100, 90, 88)],
      m,
      IMG,
    );
    expect(r.references[0]!.rejected).toMatch(/^taking it as a bowl would make a orange 2\.\d× its usual size$/);
    expect(r.items[0]).toMatchObject({ basisKind: 'count', count: 2, grams: 262 });
    expect(r.items[0]!.portionBasis).toContain('no reliable size reference (taking it as a bowl');
    expect(r.flags[0]).toMatch(/^Not used as a size reference: bowl \(/);
  });

  test('a plausible reference (a 15 cm bowl four times an orange’s width) picks the household size', () => {
    // bowl 400 px = 15 cm → 0.0375 cm/px; orange 200 px square → 56 cm² = 1.25 × 45 cm² → 164 g → large (184 g)
    const r = estimatePortions([det('orange', 0.8, 50, 50, 200, 200), det('bowl', 0.9, 0, 0, 400, 380)], m, IMG);
    expect(r.references[0]!.rejected).toBeNull();
    expect(r.items[0]).toMatchObject({
      basisKind: 'count',
      count: 1,
      measure: { name: 'large', grams: 184 },
      grams: 184,
    });
    expect(r.items[0]!.portionBasis).toContain('size from the bowl');
  });

  test('references judged on their own: low score, too small in the image, cut off', () => {
    const cake = det('cake', 0.8, 100, 100, 200, 200);
    const low = estimatePortions([cake, det('bowl', 0.4, 0, 0, 500, 500)], m, IMG);
    expect(low.references[0]!.rejected).toBe('the bowl was recognised with too little confidence');
    const small = estimatePortions([cake, det('bowl', 0.9, 0, 0, 60, 60)], m, IMG);
    expect(small.references[0]!.rejected).toBe('the bowl is too small in the photo to measure by');
    const cut = estimatePortions([cake, det('bowl', 0.9, 0, 0, 600, 150)], m, IMG);
    expect(cut.references[0]!.rejected).toBe('the bowl is cut off or not round in the photo');
    for (const r of [low, small, cut]) {
      // The default is USDA's own measure, quoted and proposed exactly (68 g), not rounded to 5 g.
      expect(r.items[0]).toMatchObject({ basisKind: 'default', grams: 68, range: { low: 35, high: 170 } });
      expect(r.items[0]!.portionBasis).toMatch(
        /^default portion, 1 piece \(1\/12 of 8" dia\) \(68 g\); no reliable size reference/,
      );
    }
  });

  test('amorphous food by a plausible reference: area estimate with a range; far above a portion → flagged', () => {
    // bowl 500 px = 15 cm → 0.03 cm/px; cake 300×300 px = 81 cm² = 1.35 × 60 → 91.8 g → 90 g
    const r = estimatePortions([det('cake', 0.8, 0, 0, 300, 300), det('bowl', 0.9, 0, 0, 500, 500)], m, IMG);
    expect(r.items[0]).toMatchObject({ basisKind: 'reference', grams: 90, range: { low: 55, high: 145 } });
    expect(r.items[0]!.portionBasis).toBe('area against the bowl (taken as 15 cm)');
    // cake 700×700 px = 441 cm² = 7.35 portions. With nothing else to judge the bowl by, the bowl is
    // doubted, not the cake: the default portion, with the reason.
    const alone = estimatePortions([det('cake', 0.8, 0, 0, 700, 700), det('bowl', 0.9, 0, 0, 500, 500)], m, IMG);
    expect(alone.references[0]!.rejected).toBe('taking it as a bowl would make the cake 7.3× a usual portion');
    expect(alone.items[0]).toMatchObject({ basisKind: 'default', grams: 68 });
    expect(alone.items[0]!.portionBasis).toContain('no reliable size reference (taking it as a bowl would make');
    // With a whole orange that confirms the bowl's scale (224 px ≈ 6.7 cm, an orange's usual width), the
    // cake itself looks that large: flagged, not clamped.
    const orange = det('orange', 0.8, 750, 0, 224, 224);
    const big = estimatePortions([det('cake', 0.8, 0, 0, 700, 700), det('bowl', 0.9, 0, 0, 500, 500), orange], m, IMG);
    expect(big.references[0]!.rejected).toBeNull();
    const cake = big.items.find((i) => i.label === 'cake')!;
    expect(cake).toMatchObject({ basisKind: 'flagged', grams: null, range: null });
    expect(cake.flag).toBe(
      'About 500 g by the bowl: over 3× a usual portion (1 piece (1/12 of 8" dia), 68 g). Check the photo and enter the amount.',
    );
    // Under ¼ of a portion with no fruit to confirm the bowl: the bowl is not used.
    const tiny = estimatePortions([det('cake', 0.8, 0, 0, 60, 60), det('bowl', 0.9, 0, 0, 500, 500)], m, IMG);
    expect(tiny.items[0]).toMatchObject({ basisKind: 'default', grams: 68 });
    expect(tiny.references[0]!.rejected).toBe('taking it as a bowl would make the cake 0.05× a usual portion');
    // Under ¼ with the bowl confirmed by an orange: the default is used for the cake, with the reason.
    const tinyBy = estimatePortions([det('cake', 0.8, 0, 0, 60, 60), det('bowl', 0.9, 0, 0, 500, 500), orange], m, IMG);
    expect(tinyBy.items.find((i) => i.label === 'cake')!.portionBasis).toContain(
      'the bowl makes it under ¼ of a usual portion',
    );
  });

  test('separate parts of a shapeless food are one serving, never a default portion each', () => {
    const florets = Array.from({ length: 8 }, (_, i) => det('cake', 0.6, i * 110, 100, 80, 80));
    const r = estimatePortions(florets, m, IMG);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ basisKind: 'default', grams: 68, merged: 8 });
    expect(r.items[0]!.portionBasis).toContain('8 separate parts seen, taken as one serving');
    // The range reaches one portion per part: the practitioner may judge it was more than one serving.
    expect(r.items[0]!.range).toEqual({ low: 35, high: 545 });
    // A whole cake with two slices boxed inside it: one item, not three.
    const nested = estimatePortions(
      [det('cake', 0.8, 0, 0, 400, 400), det('cake', 0.6, 10, 10, 150, 150), det('cake', 0.6, 200, 200, 150, 150)],
      m,
      IMG,
    );
    expect(nested.items).toHaveLength(1);
    expect(nested.proposedGrams).toBe(68);
  });

  test('a box straddling two oranges does not chain them into one', () => {
    const r = estimatePortions(
      [det('orange', 0.9, 0, 0, 100, 100), det('orange', 0.9, 80, 0, 100, 100), det('orange', 0.5, 40, 0, 100, 100)],
      m,
      IMG,
    );
    expect(r.items[0]).toMatchObject({ count: 2, grams: 262 });
  });

  test(`a photo total above ${MEAL_MAX_GRAMS / 1000} kg withdraws every amount and flags the photo`, () => {
    // A manifest whose cake portion is 1.5 kg: one cake and four oranges add up to 2,024 g (within), two
    // foods of 1.5 kg to 3 kg (above).
    const heavy: DetectorManifest = {
      ...m,
      foodClasses: { ...m.foodClasses, cake: { ...m.foodClasses.cake!, defaultGrams: 1500, rangeGrams: undefined } },
    };
    const oranges = [0, 1, 2, 3].map((i) => det('orange', 0.8, 500 + i * 110, 500, 100, 100));
    const within = estimatePortions([det('cake', 0.8, 0, 0, 300, 300), ...oranges], heavy, IMG);
    expect(within.totalGrams).toBe(1500 + 4 * 131);
    expect(within.flags).toEqual([]);
    const twoCakes = {
      ...heavy,
      foodClasses: { ...heavy.foodClasses, orange: { ...heavy.foodClasses.cake!, countable: undefined } },
    };
    const r = estimatePortions(
      [det('cake', 0.8, 0, 0, 300, 300), det('orange', 0.8, 500, 500, 100, 100)],
      twoCakes,
      IMG,
    );
    expect(r.items).toHaveLength(2);
    expect(r.items.every((i) => i.grams === null && i.basisKind === 'flagged' && i.flag !== null)).toBe(true);
    expect(r.items.every((i) => i.portionBasis.startsWith('withdrawn (photo total too high): '))).toBe(true);
    expect(r.flags[0]).toBe(
      'The amounts found add up to 3.0 kg, far above one meal (at most 2.5 kg): no amounts are proposed. Enter each amount.',
    );
    expect(r.totalGrams).toBe(0);
    expect(r.proposedGrams).toBe(3000);
  });

  test('a countable food’s default measure must be one of its measures', () => {
    const withBad = {
      ...m,
      foodClasses: {
        orange: { ...m.foodClasses.orange!, countable: { ...m.foodClasses.orange!.countable!, measure: 'huge' } },
      },
    };
    expect(() => parseManifest(withBad)).toThrow(/countable.measure must be one of countable.measures/);
  });

  test('the shipped manifest’s household measures are the bundled USDA table’s, measure text and grams', async () => {
    const shipped = await loadManifest(MEAL_DETECTOR_DIR);
    const raw = JSON.parse(readFileSync(MEAL_DETECTOR_DIR + 'manifest.json', 'utf8')) as {
      foodClasses: Record<string, { countable?: { measures: { name: string; grams: number; sr: string }[] } }>;
    };
    const table = JSON.parse(
      gunzipSync(readFileSync(new URL('../../resources/foods/usda-sr28.json.gz', import.meta.url))).toString('utf8'),
    ) as { portions: Record<string, [number, string, number][]> };
    const countable = Object.entries(shipped.foodClasses).filter(([, f]) => f.countable);
    expect(countable.map(([k]) => k).sort()).toEqual([
      'apple',
      'banana',
      'carrot',
      'donut',
      'hot dog',
      'orange',
      'sandwich',
    ]);
    for (const [label, food] of countable) {
      const sr = table.portions[food.foodId.replace('usda:', '')] ?? [];
      for (const measure of raw.foodClasses[label]!.countable!.measures) {
        // Exactly USDA's text (typos included: carrot "8-/1/2\"").
        const row = sr.find(([amount, name]) => `${amount} ${name}` === measure.sr);
        expect(row, `${label} ${measure.sr}`).toBeDefined();
        expect(row![2], `${label} ${measure.sr}`).toBe(measure.grams);
      }
    }
  });
});
