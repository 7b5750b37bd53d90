import type { Candidate } from './boxes.ts';

/**
 * NanoDet head decoding (RangiLyu/nanodet, Generalized Focal Loss distribution boxes; the model and its
 * conversion are described in models/). Per level: scores [N, C] already sigmoided, boxes [N, 4 × bins] for the sides
 * left, top, right, bottom. Each side's distance = Σ softmax(bins)·k × stride, measured from the anchor
 * centre ((i % W) + 0.5)·stride, (⌊i / W⌋ + 0.5)·stride with W = inputSize / stride.
 */
export interface NanoDetLevel {
  scores: Float32Array;
  boxes: Float32Array;
  stride: number;
}

export interface NanoDetOptions {
  inputSize: number;
  numClasses: number;
  bins: number;
  scoreThreshold: number;
}

/** Expected bin index of a softmax over `bins` logits starting at `offset` (max-subtracted for stability). */
export function expectedBin(logits: Float32Array, offset: number, bins: number): number {
  let max = -Infinity;
  for (let k = 0; k < bins; k++) max = Math.max(max, logits[offset + k]!);
  let sum = 0;
  let weighted = 0;
  for (let k = 0; k < bins; k++) {
    const e = Math.exp(logits[offset + k]! - max);
    sum += e;
    weighted += e * k;
  }
  return weighted / sum;
}

export function decodeNanoDet(levels: readonly NanoDetLevel[], opts: NanoDetOptions): Candidate[] {
  const { numClasses: C, bins, scoreThreshold } = opts;
  const out: Candidate[] = [];
  for (const { scores, boxes, stride } of levels) {
    const W = Math.ceil(opts.inputSize / stride);
    const n = scores.length / C;
    if (!Number.isInteger(n) || boxes.length !== n * 4 * bins) {
      throw new Error(
        `NanoDet level stride ${stride}: ${scores.length} scores and ${boxes.length} box values do not match`,
      );
    }
    for (let i = 0; i < n; i++) {
      let box: [number, number, number, number] | null = null;
      for (let c = 0; c < C; c++) {
        const score = scores[i * C + c]!;
        if (score < scoreThreshold) continue;
        if (box === null) {
          // Only decode the distribution for anchors that have a class above the threshold (most have none).
          const cx = ((i % W) + 0.5) * stride;
          const cy = (Math.floor(i / W) + 0.5) * stride;
          const base = i * 4 * bins;
          const l = expectedBin(boxes, base, bins) * stride;
          const t = expectedBin(boxes, base + bins, bins) * stride;
          const r = expectedBin(boxes, base + 2 * bins, bins) * stride;
          const b = expectedBin(boxes, base + 3 * bins, bins) * stride;
          box = [cx - l, cy - t, cx + r, cy + b];
        }
        out.push({ classIndex: c, score, x1: box[0], y1: box[1], x2: box[2], y2: box[3] });
      }
    }
  }
  return out;
}
