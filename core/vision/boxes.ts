import type { LetterboxTransform } from './letterbox.ts';

/** Corner form (x1, y1, x2, y2) in the model's input pixels, with the class and score that proposed it. */
export interface Candidate {
  classIndex: number;
  score: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Left, top, width, height in image pixels (after EXIF orientation), as the API's Box. */
export interface XywhBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function area(b: Candidate): number {
  return Math.max(0, b.x2 - b.x1) * Math.max(0, b.y2 - b.y1);
}

/** Intersection over union; 0 when either box is empty. */
export function iou(a: Candidate, b: Candidate): number {
  const iw = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const ih = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Undo the letterbox (x_img = (x_in − padX) / scale), clamp to the image, and return x/y/w/h. */
export function unletterbox(c: Candidate, t: LetterboxTransform): XywhBox {
  const x1 = clamp((c.x1 - t.padX) / t.scale, 0, t.width);
  const y1 = clamp((c.y1 - t.padY) / t.scale, 0, t.height);
  const x2 = clamp((c.x2 - t.padX) / t.scale, 0, t.width);
  const y2 = clamp((c.y2 - t.padY) / t.scale, 0, t.height);
  return { x: x1, y: y1, w: Math.max(0, x2 - x1), h: Math.max(0, y2 - y1) };
}
