import type { Box } from '../contract/photos.ts';

/**
 * Before-and-after meal photos (the digital photography method of dietary research: a plate is
 * photographed before and after the meal and the share eaten is judged from the difference; Williamson
 * et al., J Am Diet Assoc 2003;103:1139–45). This file holds the arithmetic: matching the foods found
 * in the two photos, and proposing the share of each eaten from the visible change. The reasons for
 * every threshold are in docs/decisions/before-after-photos.md.
 */

/** What pairing needs of one photo's analysis. */
export interface PairSide {
  width: number;
  height: number;
  items: readonly { id: string; label: string; foodId: string | null; box: Box }[];
  references: readonly { label: string; box: Box }[];
}

/** An RGB image as raw bytes (3 channels), with boxes given in the same pixels. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface ShareProposal {
  beforeItemId: string;
  /** The item it was matched with in the after photo; null when the food was not seen there. */
  afterItemId: string | null;
  /** Proposed share eaten, 0–1 in steps of 0.1. */
  share: number;
  /** The reason in words, shown beside the slider. */
  basis: string;
  /** 1 − (area after ÷ area before), each as a share of the frame; null when not matched. */
  areaShare: number | null;
  /** 1 − (food-looking pixels after ÷ before) inside the item's place; null when not measurable. */
  pixelShare: number | null;
}

/**
 * The frame both photos are measured in: the largest plate or bowl when each photo shows one (the plate
 * moves and the camera distance changes between two photos; the plate is the same object), else the
 * whole image.
 */
export function pairFrames(before: PairSide, after: PairSide): { kind: 'plate' | 'image'; before: Box; after: Box } {
  const largest = (side: PairSide): Box | null => {
    let best: Box | null = null;
    for (const r of side.references) if (!best || r.box.w * r.box.h > best.w * best.h) best = r.box;
    return best;
  };
  const b = largest(before);
  const a = largest(after);
  if (b && a) return { kind: 'plate', before: b, after: a };
  return {
    kind: 'image',
    before: { x: 0, y: 0, w: before.width, h: before.height },
    after: { x: 0, y: 0, w: after.width, h: after.height },
  };
}

/** A box's centre in frame units (0–1 across the frame). */
function centre(box: Box, frame: Box): [number, number] {
  return [(box.x + box.w / 2 - frame.x) / frame.w, (box.y + box.h / 2 - frame.y) / frame.h];
}

/** A box's area as a share of its frame's area. */
export function frameArea(box: Box, frame: Box): number {
  return (box.w * box.h) / (frame.w * frame.h);
}

/** Maps a box from the before photo's frame into the after photo's pixels. */
export function mapBox(box: Box, from: Box, to: Box): Box {
  const kx = to.w / from.w;
  const ky = to.h / from.h;
  return { x: to.x + (box.x - from.x) * kx, y: to.y + (box.y - from.y) * ky, w: box.w * kx, h: box.h * ky };
}

/**
 * Farthest two centres may be, in frame units, to be the same food. Half the frame: food is moved
 * about while eating, but an item on the other side of the plate is another item.
 */
export const MATCH_MAX_DISTANCE = 0.5;

const sameFood = (b: PairSide['items'][number], a: PairSide['items'][number]): boolean =>
  b.foodId !== null && a.foodId !== null ? b.foodId === a.foodId : b.label === a.label;

/**
 * Matches each before item to at most one after item of the same food, nearest first (greedy on
 * distance: with the handful of items a meal photo holds, this gives the same pairs as an optimal
 * assignment except in contrived ties).
 */
export function matchItems(before: PairSide, after: PairSide): Map<string, string> {
  const frames = pairFrames(before, after);
  const candidates: { b: string; a: string; d: number }[] = [];
  for (const b of before.items) {
    const [bx, by] = centre(b.box, frames.before);
    for (const a of after.items) {
      if (!sameFood(b, a)) continue;
      const [ax, ay] = centre(a.box, frames.after);
      const d = Math.hypot(ax - bx, ay - by);
      if (d <= MATCH_MAX_DISTANCE) candidates.push({ b: b.id, a: a.id, d });
    }
  }
  candidates.sort((x, y) => x.d - y.d);
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const c of candidates) {
    if (out.has(c.b) || used.has(c.a)) continue;
    out.set(c.b, c.a);
    used.add(c.a);
  }
  return out;
}

/** Two colours closer than this (Euclidean RGB, 0–441) count as the same surface. */
export const SAME_SURFACE_DISTANCE = 48;

/**
 * The share of a box's pixels that do not look like what surrounds the box (a ring a fifth of the box's
 * size around it, clipped to the image; its median colour stands for the empty plate or table). Food
 * differs from the plate under it; an eaten-clean place looks like its surroundings. Null when the box or
 * its ring has too few pixels to judge.
 */
export function foodCoverage(img: RgbImage, box: Box): number | null {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(img.width, Math.ceil(box.x + box.w));
  const y1 = Math.min(img.height, Math.ceil(box.y + box.h));
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const ringX = Math.max(2, Math.round(box.w / 5));
  const ringY = Math.max(2, Math.round(box.h / 5));
  const rx0 = Math.max(0, x0 - ringX);
  const ry0 = Math.max(0, y0 - ringY);
  const rx1 = Math.min(img.width, x1 + ringX);
  const ry1 = Math.min(img.height, y1 + ringY);
  const ring: [number[], number[], number[]] = [[], [], []];
  for (let y = ry0; y < ry1; y++) {
    for (let x = rx0; x < rx1; x++) {
      if (x >= x0 && x < x1 && y >= y0 && y < y1) continue;
      const i = (y * img.width + x) * 3;
      ring[0].push(img.data[i] ?? 0);
      ring[1].push(img.data[i + 1] ?? 0);
      ring[2].push(img.data[i + 2] ?? 0);
    }
  }
  // A box filling the image has no surroundings to compare with.
  if (ring[0].length < 16) return null;
  const median = (v: number[]): number => {
    v.sort((p, q) => p - q);
    return v[Math.floor(v.length / 2)] ?? 0;
  };
  const [mr, mg, mb] = ring.map(median) as [number, number, number];
  let food = 0;
  let all = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 3;
      const d = Math.hypot((img.data[i] ?? 0) - mr, (img.data[i + 1] ?? 0) - mg, (img.data[i + 2] ?? 0) - mb);
      if (d > SAME_SURFACE_DISTANCE) food++;
      all++;
    }
  }
  return food / all;
}

/** Below this share of food-looking pixels in the before photo the pixels cannot tell food from plate. */
export const MIN_BEFORE_COVERAGE = 0.15;

/**
 * The grams an entry logs for a share eaten of a served amount: grams × share, to one decimal (at least
 * 0.1 g when anything was eaten). The review computes the same number beside the slider
 * (renderer/src/features/photos/PairReview/eaten.ts: keep the two alike).
 */
export function eatenGrams(served: number, share: number): number {
  return share <= 0 ? 0 : Math.max(0.1, Math.round(served * share * 10) / 10);
}

/** Rounds to the slider's 10 % steps and clamps to 0–1. */
export function roundShare(share: number): number {
  return Math.min(1, Math.max(0, Math.round(share * 10) / 10));
}

const pct = (x: number): string => `${Math.round(x * 100)} %`;

/**
 * Proposes the share eaten of each before item. Matched items: the mean of the area evidence (how much
 * smaller the food is, as a share of the plate or image) and, when both images are given, the pixel
 * evidence (how much of the food's place now looks like its surroundings). An item not found in the
 * after photo is proposed as all eaten, unless the pixels show most of it still there (the detector
 * missing a food that is still on the plate).
 */
export function proposeShares(
  before: PairSide,
  after: PairSide,
  images?: { before: RgbImage; after: RgbImage },
): { frame: 'plate' | 'image'; items: ShareProposal[] } {
  const frames = pairFrames(before, after);
  const matches = matchItems(before, after);
  const frameWord = frames.kind === 'plate' ? 'the plate' : 'the photo';
  const items = before.items.map((b): ShareProposal => {
    const afterId = matches.get(b.id) ?? null;
    const a = afterId ? after.items.find((i) => i.id === afterId) : undefined;
    let pixelShare: number | null = null;
    if (images) {
      const covBefore = foodCoverage(images.before, b.box);
      const covAfter = foodCoverage(images.after, mapBox(b.box, frames.before, frames.after));
      if (covBefore !== null && covAfter !== null && covBefore >= MIN_BEFORE_COVERAGE) {
        pixelShare = Math.min(1, Math.max(0, 1 - covAfter / covBefore));
      }
    }
    const pixelText =
      pixelShare === null ? '' : `; ${pct(pixelShare)} of its place now looks like the surface around it`;
    if (!a) {
      if (pixelShare !== null && pixelShare < 0.5) {
        return {
          beforeItemId: b.id,
          afterItemId: null,
          share: roundShare(pixelShare),
          areaShare: null,
          pixelShare,
          basis: `Not recognised in the after photo, but ${pct(1 - pixelShare)} of its place still looks like food: check`,
        };
      }
      return {
        beforeItemId: b.id,
        afterItemId: null,
        share: 1,
        areaShare: null,
        pixelShare,
        basis: `Not seen in the after photo${pixelText}`,
      };
    }
    const ratio = frameArea(a.box, frames.after) / frameArea(b.box, frames.before);
    const areaShare = Math.min(1, Math.max(0, 1 - ratio));
    const share = roundShare(pixelShare === null ? areaShare : (areaShare + pixelShare) / 2);
    return {
      beforeItemId: b.id,
      afterItemId: a.id,
      share,
      areaShare,
      pixelShare,
      basis: `Matched in the after photo: it covers ${pct(Math.min(ratio, 9.99))} of its area before (as a share of ${frameWord})${pixelText}`,
    };
  });
  return { frame: frames.kind, items };
}
