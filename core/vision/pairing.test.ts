import { describe, expect, it } from 'vitest';
import {
  eatenGrams,
  foodCoverage,
  mapBox,
  matchItems,
  pairFrames,
  proposeShares,
  roundShare,
  type PairSide,
  type RgbImage,
} from './pairing.ts';

const item = (id: string, label: string, x: number, y: number, w: number, h: number, foodId: string | null = null) => ({
  id,
  label,
  foodId,
  box: { x, y, w, h },
});

const side = (items: PairSide['items'], plate: { x: number; y: number; w: number; h: number } | null, size = 1000) => ({
  width: size,
  height: size,
  items,
  references: plate ? [{ label: 'plate', box: plate }] : [],
});

/** A flat image of one colour with rectangles painted on it. */
function canvas(
  w: number,
  h: number,
  bg: [number, number, number],
  rects: [number, number, number, number, [number, number, number]][],
): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let c = bg;
      for (const [rx, ry, rw, rh, colour] of rects) if (x >= rx && x < rx + rw && y >= ry && y < ry + rh) c = colour;
      data.set(c, (y * w + x) * 3);
    }
  }
  return { data, width: w, height: h };
}

describe('before-and-after matching', () => {
  it('matches the same food nearest first, across a plate that moved and a camera that came closer', () => {
    const before = side(
      [
        item('b1', 'banana', 100, 100, 100, 50),
        item('b2', 'banana', 600, 600, 100, 50),
        item('b3', 'apple', 300, 300, 80, 80),
      ],
      { x: 0, y: 0, w: 1000, h: 1000 },
    );
    // The plate is twice as large in the after photo and shifted: positions are read relative to it.
    const after = side(
      [
        item('a2', 'banana', 1250, 1250, 150, 80),
        item('a1', 'banana', 250, 250, 120, 60),
        item('a9', 'broccoli', 650, 650, 50, 50),
      ],
      { x: 50, y: 50, w: 2000, h: 2000 },
      3000,
    );
    expect(pairFrames(before, after).kind).toBe('plate');
    const m = matchItems(before, after);
    expect([...m.entries()].sort()).toEqual([
      ['b1', 'a1'],
      ['b2', 'a2'],
    ]);
    // The apple has no apple to match; broccoli is another food even where the apple was.
    expect(m.has('b3')).toBe(false);
  });

  it('does not match a food on the far side of the frame, and falls back to the image when a plate is missing', () => {
    const before = side([item('b1', 'cake', 0, 0, 100, 100)], { x: 0, y: 0, w: 1000, h: 1000 });
    const after = side([item('a1', 'cake', 900, 900, 100, 100)], null);
    expect(pairFrames(before, after).kind).toBe('image');
    expect(matchItems(before, after).size).toBe(0);
  });

  it('matches by food when both items are mapped, else by the detector label', () => {
    const before = side([item('b1', 'sandwich', 100, 100, 100, 100, 'usda:1')], null);
    const after = side([item('a1', 'hot dog', 110, 110, 100, 100, 'usda:1')], null);
    expect(matchItems(before, after).get('b1')).toBe('a1');
  });
});

describe('share eaten', () => {
  it('proposes from the area change as a share of the plate, rounded to 10 % steps with a basis', () => {
    const before = side([item('b1', 'pizza', 200, 200, 400, 400)], { x: 0, y: 0, w: 1000, h: 1000 });
    // Same plate seen half as wide: the pizza box of 200 × 120 is 60 % of its area before.
    const after = side([item('a1', 'pizza', 100, 100, 200, 120)], { x: 0, y: 0, w: 500, h: 500 });
    const p = proposeShares(before, after);
    expect(p.frame).toBe('plate');
    expect(p.items[0]).toMatchObject({ afterItemId: 'a1', share: 0.4, pixelShare: null });
    expect(p.items[0]?.areaShare).toBeCloseTo(0.4, 5);
    expect(p.items[0]?.basis).toMatch(/covers 60 % of its area before \(as a share of the plate\)/);
  });

  it('proposes 100 % for a food not seen in the after photo, and 0 % when nothing shrank', () => {
    const before = side([item('b1', 'apple', 100, 100, 100, 100), item('b2', 'cake', 500, 500, 100, 100)], null);
    const after = side([item('a2', 'cake', 505, 500, 100, 100)], null);
    const p = proposeShares(before, after);
    expect(p.items.map((i) => [i.beforeItemId, i.share])).toEqual([
      ['b1', 1],
      ['b2', 0],
    ]);
    expect(p.items[0]?.basis).toBe('Not seen in the after photo');
  });

  it('reads the pixels: the part of the food that now looks like the plate around it', () => {
    const white: [number, number, number] = [240, 240, 240];
    const orange: [number, number, number] = [230, 120, 20];
    const beforeImg = canvas(200, 200, white, [[50, 50, 100, 100, orange]]);
    // Derived "after": the left 70 % of the food painted over with the plate's white.
    const afterImg = canvas(200, 200, white, [[120, 50, 30, 100, orange]]);
    expect(foodCoverage(beforeImg, { x: 50, y: 50, w: 100, h: 100 })).toBe(1);
    expect(foodCoverage(afterImg, { x: 50, y: 50, w: 100, h: 100 })).toBeCloseTo(0.3, 5);
    const before = side([item('b1', 'orange', 50, 50, 100, 100)], null, 200);
    const after = side([item('a1', 'orange', 120, 50, 30, 100)], null, 200);
    const p = proposeShares(before, after, { before: beforeImg, after: afterImg });
    expect(p.items[0]?.pixelShare).toBeCloseTo(0.7, 5);
    expect(p.items[0]?.share).toBe(0.7);
    expect(p.items[0]?.basis).toMatch(/70 % of its place now looks like the surface around it/);
  });

  it('does not call a food eaten when the detector missed it but its pixels are still there', () => {
    const white: [number, number, number] = [240, 240, 240];
    const green: [number, number, number] = [40, 160, 40];
    const img = canvas(200, 200, white, [[50, 50, 100, 100, green]]);
    const p = proposeShares(side([item('b1', 'broccoli', 50, 50, 100, 100)], null, 200), side([], null, 200), {
      before: img,
      after: img,
    });
    expect(p.items[0]).toMatchObject({ afterItemId: null, share: 0 });
    expect(p.items[0]?.basis).toMatch(
      /^Not recognised in the after photo, but 100 % of its place still looks like food/,
    );
  });

  it('rounds and clamps shares, maps boxes between frames, and logs grams × share', () => {
    expect([roundShare(-0.2), roundShare(0.04), roundShare(0.35), roundShare(0.96), roundShare(1.7)]).toEqual([
      0, 0, 0.4, 1, 1,
    ]);
    expect(
      mapBox({ x: 10, y: 10, w: 20, h: 20 }, { x: 0, y: 0, w: 100, h: 100 }, { x: 50, y: 0, w: 200, h: 50 }),
    ).toEqual({
      x: 70,
      y: 5,
      w: 40,
      h: 10,
    });
    expect([eatenGrams(150, 0.3), eatenGrams(150, 0), eatenGrams(1, 0.1), eatenGrams(118, 1)]).toEqual([
      45, 0, 0.1, 118,
    ]);
  });
});
