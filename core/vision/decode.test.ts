import { describe, expect, test } from 'vitest';
import { type Candidate, iou, unletterbox } from './boxes.ts';
import { decodeNanoDet, expectedBin } from './decode-nanodet.ts';
import { decodeYolo, ultralyticsAnchors, yoloLayout } from './decode-yolo.ts';
import { nms } from './nms.ts';

const box = (classIndex: number, score: number, x1: number, y1: number, x2: number, y2: number): Candidate => ({
  classIndex,
  score,
  x1,
  y1,
  x2,
  y2,
});

describe('NanoDet decoding (hand-built head outputs)', () => {
  test('expected bin: uniform → middle, one-hot → that bin, [0,0,ln2] → 1.25', () => {
    expect(expectedBin(new Float32Array([0, 0, 0]), 0, 3)).toBeCloseTo(1, 6);
    expect(expectedBin(new Float32Array([9, -50, 0, 50, 0]), 2, 3)).toBeCloseTo(1, 6);
    expect(expectedBin(new Float32Array([0, 0, Math.LN2]), 0, 3)).toBeCloseTo(1.25, 6);
  });

  test('anchor centres, per-side distances × stride, threshold and both levels', () => {
    // Input 32 px, 2 classes, 3 bins. Stride 8: W = 4, 16 anchors; stride 16: W = 2, 4 anchors.
    const C = 2;
    const bins = 3;
    const s8 = new Float32Array(16 * C);
    const b8 = new Float32Array(16 * 4 * bins);
    // Anchor 5 → column 1, row 1 → centre (12, 12). Class 1 at 0.9 passes; class 0 at 0.3 does not.
    s8[5 * C + 0] = 0.3;
    s8[5 * C + 1] = 0.9;
    b8.set([0, 0, 0, -50, -50, 50, 0, 0, Math.LN2, 50, -50, -50], 5 * 4 * bins);
    // left: uniform → 1 bin → 8 px; top: bin 2 → 16 px; right: 1.25 bins → 10 px; bottom: bin 0 → 0 px.
    const s16 = new Float32Array(4 * C);
    const b16 = new Float32Array(4 * 4 * bins); // all zero logits → every side 1 bin = 16 px
    s16[3 * C + 0] = 0.5; // anchor 3 → column 1, row 1 → centre (24, 24)
    const out = decodeNanoDet(
      [
        { scores: s8, boxes: b8, stride: 8 },
        { scores: s16, boxes: b16, stride: 16 },
      ],
      { inputSize: 32, numClasses: C, bins, scoreThreshold: 0.35 },
    );
    expect(out).toHaveLength(2);
    const [a, b] = out as [Candidate, Candidate];
    expect(a.classIndex).toBe(1);
    expect(a.score).toBeCloseTo(0.9, 6);
    expect([a.x1, a.y1, a.x2, a.y2].map((v) => +v.toFixed(4))).toEqual([4, -4, 22, 12]);
    expect(b.classIndex).toBe(0);
    expect([b.x1, b.y1, b.x2, b.y2].map((v) => +v.toFixed(4))).toEqual([8, 8, 40, 40]);
  });

  test('mismatched level sizes are reported', () => {
    expect(() =>
      decodeNanoDet([{ scores: new Float32Array(4), boxes: new Float32Array(5), stride: 8 }], {
        inputSize: 16,
        numClasses: 2,
        bins: 3,
        scoreThreshold: 0.1,
      }),
    ).toThrow(/do not match/);
  });
});

describe('YOLO decoding', () => {
  // Two classes, three boxes. Box 0: class 1 best (0.8); box 1: below threshold; box 2: class 0 (0.6).
  const rows = [
    [10, 50, 0], // cx
    [20, 50, 5], // cy
    [4, 10, 10], // w
    [6, 10, 2], // h
    [0.1, 0.2, 0.6], // class 0
    [0.8, 0.1, 0.5], // class 1
  ];
  const expected = [box(1, 0.8, 8, 17, 12, 23), box(0, 0.6, -5, 4, 5, 6)];
  const round = (cs: Candidate[]): Candidate[] =>
    cs.map((c) => ({ ...c, score: +c.score.toFixed(5), x1: c.x1, y1: c.y1, x2: c.x2, y2: c.y2 }));

  test('[1, 4 + C, N] (Ultralytics default)', () => {
    const data = new Float32Array(rows.flat());
    expect(round(decodeYolo(data, [1, 6, 3], 2, 0.3))).toEqual(expected);
  });

  test('[1, N, 4 + C] (transposed)', () => {
    const data = new Float32Array([0, 1, 2].flatMap((i) => rows.map((r) => r[i]!)));
    expect(round(decodeYolo(data, [1, 3, 6], 2, 0.3))).toEqual(expected);
  });

  test('layout errors name the numbers', () => {
    expect(ultralyticsAnchors(640)).toBe(8400);
    expect(yoloLayout([1, 84, 8400], 80)).toBe('channels-first');
    expect(() => yoloLayout([1, 7, 21], 2, 32)).toThrow('has 7 values per box but 2 classes were listed: expected 6.');
    expect(yoloLayout([1, 8400, 84], 80)).toBe('boxes-first');
    expect(() => yoloLayout([1, 84, 8400], 3)).toThrow(
      "The model's output has 84 values per box but 3 classes were listed: expected 7.",
    );
    expect(() => yoloLayout([1, 3, 32, 32], 3)).toThrow(/shape \[1, 3, 32, 32\]/);
  });
});

describe('boxes and NMS', () => {
  test('IoU by hand', () => {
    expect(iou(box(0, 1, 0, 0, 10, 10), box(0, 1, 1, 1, 11, 11))).toBeCloseTo(81 / 119, 10);
    expect(iou(box(0, 1, 0, 0, 10, 10), box(0, 1, 10, 0, 20, 10))).toBe(0);
    expect(iou(box(0, 1, 0, 0, 10, 10), box(0, 1, 0, 0, 10, 10))).toBe(1);
  });

  test('un-letterbox maps input pixels to image pixels and clamps', () => {
    // 640×480 image into 416: scale 0.65, padY 52.
    const t = { scale: 0.65, padX: 0, padY: 52, width: 640, height: 480 };
    expect(unletterbox(box(0, 1, 65, 117, 130, 182), t)).toEqual({ x: 100, y: 100, w: 100, h: 100 });
    const clamped = unletterbox(box(0, 1, -10, 40, 500, 400), t);
    expect(clamped).toEqual({ x: 0, y: 0, w: 640, h: 480 });
  });

  test('per-class greedy NMS keeps overlaps across classes, then maxDetections', () => {
    const a = box(0, 0.9, 0, 0, 10, 10);
    const b = box(0, 0.8, 1, 1, 11, 11); // IoU 0.68 with a → suppressed
    const c = box(1, 0.7, 1, 1, 11, 11); // other class → kept
    const d = box(0, 0.6, 20, 20, 30, 30); // no overlap → kept
    expect(nms([d, b, c, a], 0.5, 10)).toEqual([a, c, d]);
    expect(nms([d, b, c, a], 0.5, 2)).toEqual([a, c]);
    expect(nms([d, b, c, a], 0.7, 10)).toEqual([a, b, c, d]);
  });
});
