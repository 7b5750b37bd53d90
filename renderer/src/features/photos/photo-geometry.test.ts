import { describe, expect, it } from 'vitest';
import { boxFromDrag, captionPosition, scaleBox } from './photo-geometry.ts';

const photo = { width: 1000, height: 800 };
const shown = { width: 500, height: 400 };

describe('scaleBox', () => {
  it('scales a photo-pixel box to the displayed size', () => {
    expect(scaleBox({ x: 100, y: 200, w: 300, h: 100 }, photo, shown)).toEqual({ x: 50, y: 100, w: 150, h: 50 });
  });

  it('scales each axis on its own', () => {
    expect(scaleBox({ x: 100, y: 100, w: 100, h: 100 }, photo, { width: 250, height: 400 })).toEqual({
      x: 25,
      y: 50,
      w: 25,
      h: 50,
    });
  });

  it('gives an empty box for a photo without size', () => {
    expect(scaleBox({ x: 1, y: 1, w: 1, h: 1 }, { width: 0, height: 0 }, shown)).toEqual({ x: 0, y: 0, w: 0, h: 0 });
  });
});

describe('boxFromDrag', () => {
  it('turns a drag into a box in photo pixels, whichever corner came first', () => {
    expect(boxFromDrag({ x: 150, y: 140 }, { x: 50, y: 40 }, photo, shown)).toEqual({ x: 100, y: 80, w: 200, h: 200 });
  });

  it('keeps the box inside the photo', () => {
    expect(boxFromDrag({ x: -20, y: -20 }, { x: 600, y: 50 }, photo, shown)).toEqual({ x: 0, y: 0, w: 1000, h: 100 });
  });

  it('ignores a click or a tiny drag', () => {
    expect(boxFromDrag({ x: 10, y: 10 }, { x: 12, y: 40 }, photo, shown)).toBeNull();
    expect(boxFromDrag({ x: 10, y: 10 }, { x: 10, y: 10 }, photo, shown)).toBeNull();
  });
});

describe('captionPosition', () => {
  it('puts the caption above the box, or inside it at the top edge', () => {
    expect(captionPosition({ x: 10, y: 40, w: 50, h: 50 }, 18)).toEqual({ x: 10, y: 22 });
    expect(captionPosition({ x: 10, y: 5, w: 50, h: 50 }, 18)).toEqual({ x: 10, y: 5 });
  });
});
