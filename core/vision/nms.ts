import { type Candidate, iou } from './boxes.ts';

/**
 * Per-class greedy non-maximum suppression (as in NanoDet's and Ultralytics' post-processing): within each
 * class, keep the highest-scoring box and drop the others that overlap it by IoU > iouThreshold; then keep
 * the maxDetections best across classes. A banana overlapping an apple keeps both.
 */
export function nms(candidates: readonly Candidate[], iouThreshold: number, maxDetections: number): Candidate[] {
  const byClass = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const list = byClass.get(c.classIndex);
    if (list) list.push(c);
    else byClass.set(c.classIndex, [c]);
  }
  const kept: Candidate[] = [];
  for (const list of byClass.values()) {
    list.sort((a, b) => b.score - a.score);
    const keep: Candidate[] = [];
    for (const c of list) {
      if (keep.every((k) => iou(k, c) <= iouThreshold)) keep.push(c);
    }
    kept.push(...keep);
  }
  kept.sort((a, b) => b.score - a.score);
  return kept.slice(0, maxDetections);
}
