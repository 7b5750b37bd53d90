import { AppError } from '../contract/errors.ts';
import type { Candidate } from './boxes.ts';

/**
 * Ultralytics YOLOv8/YOLO11 ONNX export: one output [1, 4 + C, N] (cx, cy, w, h in input pixels, then C
 * class scores already sigmoided, no objectness), or the transposed [1, N, 4 + C] some exporters produce.
 * Each box takes its best class, as Ultralytics' default (multi_label=False) post-processing does.
 */
export type YoloLayout = 'channels-first' | 'boxes-first';

/** Ultralytics heads predict one box per cell at strides 8, 16 and 32: 8400 boxes at 640 px. */
export function ultralyticsAnchors(inputSize: number): number {
  return [8, 16, 32].reduce((n, s) => n + Math.ceil(inputSize / s) ** 2, 0);
}

export function yoloLayout(dims: readonly number[], numClasses: number, inputSize?: number): YoloLayout {
  const want = 4 + numClasses;
  if (dims.length !== 3 || dims[0] !== 1) {
    throw new AppError('invalid-input', `The model's output has shape [${dims.join(', ')}]; expected [1, ${want}, N].`);
  }
  // When N happens to equal 4 + C both readings fit; the Ultralytics default (channels first) wins.
  if (dims[1] === want) return 'channels-first';
  if (dims[2] === want) return 'boxes-first';
  // For the message, tell which axis holds the values per box: the other one is the anchor count when it
  // matches the Ultralytics grid; otherwise the smaller axis (N is 8400 against 84 for COCO).
  const anchors = inputSize === undefined ? -1 : ultralyticsAnchors(inputSize);
  const perBox = dims[2] === anchors ? dims[1]! : dims[1] === anchors ? dims[2]! : Math.min(dims[1]!, dims[2]!);
  throw new AppError(
    'invalid-input',
    `The model's output has ${perBox} values per box but ${numClasses} classes were listed: expected ${want}.`,
  );
}

export function decodeYolo(
  data: Float32Array,
  dims: readonly number[],
  numClasses: number,
  scoreThreshold: number,
): Candidate[] {
  const layout = yoloLayout(dims, numClasses);
  const stride = 4 + numClasses;
  const n = layout === 'channels-first' ? dims[2]! : dims[1]!;
  // Element (box i, value k): channels-first → k·N + i; boxes-first → i·(4 + C) + k.
  const at =
    layout === 'channels-first'
      ? (i: number, k: number): number => data[k * n + i]!
      : (i: number, k: number): number => data[i * stride + k]!;
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    let best = -1;
    let score = -Infinity;
    for (let c = 0; c < numClasses; c++) {
      const s = at(i, 4 + c);
      if (s > score) {
        score = s;
        best = c;
      }
    }
    if (score < scoreThreshold) continue;
    const cx = at(i, 0);
    const cy = at(i, 1);
    const w = at(i, 2);
    const h = at(i, 3);
    out.push({ classIndex: best, score, x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2 });
  }
  return out;
}
