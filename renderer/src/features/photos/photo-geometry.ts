import type { Box } from '@contract/photos.ts';

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A box in the stored photo's pixels, scaled to the photo as displayed (CSS pixels). */
export function scaleBox(box: Box, photo: Size, shown: Size): Box {
  if (photo.width <= 0 || photo.height <= 0) return { x: 0, y: 0, w: 0, h: 0 };
  const sx = shown.width / photo.width;
  const sy = shown.height / photo.height;
  return { x: box.x * sx, y: box.y * sy, w: box.w * sx, h: box.h * sy };
}

const clamp = (v: number, min: number, max: number): number => Math.min(Math.max(v, min), max);

/**
 * The box a drag between two displayed points draws, in the stored photo's pixels: either corner
 * may come first, the box is kept inside the photo and rounded to whole pixels. Null when it is
 * smaller than `minShown` CSS pixels either way (a click, not a drag).
 */
export function boxFromDrag(start: Point, end: Point, photo: Size, shown: Size, minShown = 8): Box | null {
  if (shown.width <= 0 || shown.height <= 0) return null;
  const x1 = clamp(Math.min(start.x, end.x), 0, shown.width);
  const x2 = clamp(Math.max(start.x, end.x), 0, shown.width);
  const y1 = clamp(Math.min(start.y, end.y), 0, shown.height);
  const y2 = clamp(Math.max(start.y, end.y), 0, shown.height);
  if (x2 - x1 < minShown || y2 - y1 < minShown) return null;
  const sx = photo.width / shown.width;
  const sy = photo.height / shown.height;
  const x = Math.round(x1 * sx);
  const y = Math.round(y1 * sy);
  return {
    x,
    y,
    w: Math.max(1, Math.min(Math.round(x2 * sx), photo.width) - x),
    h: Math.max(1, Math.min(Math.round(y2 * sy), photo.height) - y),
  };
}

/** Where a box's caption goes: above the box, or inside its top edge when there is no room above. */
export function captionPosition(shownBox: Box, captionHeight: number): Point {
  return { x: shownBox.x, y: shownBox.y >= captionHeight ? shownBox.y - captionHeight : shownBox.y };
}
