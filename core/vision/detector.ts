import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Ort from 'onnxruntime-node';
import { AppError } from '../contract/errors.ts';
import { type Candidate, unletterbox, type XywhBox } from './boxes.ts';
import { decodeNanoDet, type NanoDetLevel } from './decode-nanodet.ts';
import { decodeYolo, yoloLayout } from './decode-yolo.ts';
import type { DecodedImage } from './image.ts';
import { letterbox, type LetterboxSpec, type LetterboxTransform } from './letterbox.ts';
import { type DetectorManifest, loadManifest, parseManifest } from './manifest.ts';
import { nms } from './nms.ts';

/** onnxruntime-node (a large native library) is loaded on the first detector use, not at start-up. */
const loadOrt = (): Promise<typeof Ort> => import('onnxruntime-node');

export interface Detection {
  classIndex: number;
  label: string;
  score: number;
  /** Image pixels after EXIF orientation. */
  box: XywhBox;
}

export interface DetectResult {
  width: number;
  height: number;
  detections: Detection[];
  provider: string;
  timings: { preprocessMs: number; inferenceMs: number };
}

export interface ProviderAttempt {
  name: string;
  ok: boolean;
  message: string | null;
}

export interface DetectorOptions {
  /** A folder holding manifest.json and the model file it names. */
  modelDir?: string;
  /** Or the model file and its manifest. */
  modelPath?: string;
  manifest?: DetectorManifest;
  /** Execution providers to try in order; default defaultProviders(). */
  providers?: readonly string[];
}

/** A photo decoded and letterboxed for the model, ready for `infer`. */
export interface PreparedInput {
  tensor: Float32Array;
  dims: [1, 3, number, number];
  transform: LetterboxTransform;
  preprocessMs: number;
}

export interface Detector {
  detect(input: Uint8Array | DecodedImage): Promise<DetectResult>;
  /**
   * The two halves of `detect`, for pipelining: `prepare` (decode + letterbox, on sharp's threads) of the
   * next photo can run while `infer` (onnxruntime) of the current one does.
   */
  prepare(input: Uint8Array | DecodedImage): Promise<PreparedInput>;
  infer(prepared: PreparedInput): Promise<DetectResult>;
  readonly manifest: DetectorManifest;
  readonly provider: string;
  readonly providersTried: readonly ProviderAttempt[];
  close(): Promise<void>;
}

/**
 * DirectML on Windows, CUDA on Linux, then CPU. onnxruntime-node 1.30's linux-x64 build cannot load CUDA
 * by itself (its provider libraries are not in the npm package; they are downloaded at install time where
 * the network allows), so CUDA is only attempted where an NVIDIA driver exists.
 */
export function defaultProviders(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') return ['dml', 'cpu'];
  if (platform === 'linux') return ['cuda', 'cpu'];
  return ['cpu'];
}

const DAMAGED = 'The meal detector file is damaged (checksum mismatch). Reinstall the app.';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Session options for every detector session (and the benchmark's bare-inference baseline, so the two
 * compare like with like). onnxruntime's CPU thread pool spins between operators by default, which on an
 * idle many-core machine shaves a little latency but on a shared or two-core laptop burns the CPU that
 * photo decoding (and everything else on the practitioner's computer) needs: measured here under load,
 * 10 photos back to back cost 110 ms of CPU per inference with spinning and 67 ms without, and took
 * 250 ms against 156 ms of wall time. A desktop app does not busy-wait, so spinning is off.
 */
export const SESSION_OPTIONS = {
  graphOptimizationLevel: 'all',
  extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
} as const satisfies Ort.InferenceSession.SessionOptions;

/** Create a session with each provider alone, in order; the first that loads is used. */
export async function openSession(
  model: Uint8Array,
  providers: readonly string[],
): Promise<{ session: Ort.InferenceSession; provider: string; tried: ProviderAttempt[] }> {
  const ort = await loadOrt();
  const tried: ProviderAttempt[] = [];
  for (const name of providers) {
    if (name === 'cuda' && !existsSync('/proc/driver/nvidia')) {
      tried.push({ name, ok: false, message: 'Skipped: no NVIDIA driver (/proc/driver/nvidia is missing).' });
      continue;
    }
    try {
      const session = await ort.InferenceSession.create(model, { ...SESSION_OPTIONS, executionProviders: [name] });
      tried.push({ name, ok: true, message: null });
      return { session, provider: name, tried };
    } catch (e) {
      tried.push({ name, ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const detail = tried.map((t) => `${t.name}: ${t.message ?? ''}`).join('; ');
  throw new AppError('unsupported', `The meal detector could not start on this computer (${detail}).`);
}

function expectNames(kind: string, actual: readonly string[], expected: readonly string[]): void {
  const missing = expected.filter((n) => !actual.includes(n));
  if (missing.length > 0) {
    throw new AppError(
      'invalid-input',
      `The meal detector does not match its manifest: ${kind} ${missing.join(', ')} missing (model has ${actual.join(', ')}).`,
    );
  }
}

function outputNamesOf(m: DetectorManifest, session: Ort.InferenceSession): string[] {
  if (m.kind === 'nanodet') return [...(m.outputs.scores ?? []), ...(m.outputs.boxes ?? [])];
  return [m.outputs.output ?? session.outputNames[0] ?? ''];
}

/**
 * Check a practitioner's custom YOLO model before installing it: one NCHW input, and an output with
 * 4 + classes.length values per box, found by running it once on a zero tensor of the input size.
 */
export async function validateYoloModel(
  modelBytes: Uint8Array,
  classes: readonly string[],
  inputSize?: number,
): Promise<{ inputName: string; outputName: string; inputSize: number; outputDims: number[] }> {
  const ort = await loadOrt();
  let session: Ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelBytes, { executionProviders: ['cpu'] });
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : '';
    throw new AppError('invalid-input', `This file is not an ONNX model onnxruntime can load (${why}).`);
  }
  try {
    if (session.inputNames.length !== 1 || session.outputNames.length !== 1) {
      throw new AppError(
        'invalid-input',
        `A YOLO model has one input and one output; this one has ${session.inputNames.length} and ${session.outputNames.length}.`,
      );
    }
    const inputName = session.inputNames[0]!;
    const outputName = session.outputNames[0]!;
    const meta = session.inputMetadata[0];
    const shape = meta && meta.isTensor ? meta.shape : [];
    const fixed = typeof shape[2] === 'number' ? shape[2] : undefined;
    const size = inputSize ?? fixed ?? 640;
    if (shape.length !== 4 || (typeof shape[1] === 'number' && shape[1] !== 3)) {
      throw new AppError('invalid-input', `The model's input has shape [${shape.join(', ')}]; expected [1, 3, S, S].`);
    }
    const zero = new ort.Tensor('float32', new Float32Array(3 * size * size), [1, 3, size, size]);
    const out = await session.run({ [inputName]: zero });
    const dims = [...(out[outputName]?.dims ?? [])];
    yoloLayout(dims, classes.length, size);
    return { inputName, outputName, inputSize: size, outputDims: dims };
  } finally {
    await session.release();
  }
}

export async function createDetector(opts: DetectorOptions): Promise<Detector> {
  const ort = await loadOrt();
  let manifest: DetectorManifest;
  let modelPath: string;
  if (opts.modelDir !== undefined) {
    manifest = opts.manifest ? parseManifest(opts.manifest) : await loadManifest(opts.modelDir);
    modelPath = opts.modelPath ?? join(opts.modelDir, manifest.file);
  } else if (opts.modelPath !== undefined && opts.manifest !== undefined) {
    manifest = parseManifest(opts.manifest);
    modelPath = opts.modelPath;
  } else {
    throw new Error('createDetector needs modelDir, or modelPath and manifest');
  }
  let model: Buffer;
  try {
    model = await readFile(modelPath);
  } catch {
    throw new AppError('not-found', 'The meal detector model file is missing. Reinstall the app.');
  }
  if (sha256Hex(model).toLowerCase() !== manifest.sha256.toLowerCase()) throw new AppError('internal', DAMAGED);

  const { session, provider, tried } = await openSession(model, opts.providers ?? defaultProviders());
  const m = manifest;
  try {
    expectNames('input', session.inputNames, [m.input.name]);
    expectNames('output', session.outputNames, outputNamesOf(m, session));
  } catch (e) {
    await session.release();
    throw e;
  }
  const spec: LetterboxSpec = {
    size: m.input.size,
    channelOrder: m.input.channelOrder,
    mean: m.input.mean,
    std: m.input.std,
    padValue: m.input.letterboxPad,
  };
  let closed = false;

  async function prepare(input: Uint8Array | DecodedImage): Promise<PreparedInput> {
    if (closed) throw new Error('The meal detector was closed.');
    const t0 = performance.now();
    const lb = await letterbox(input, spec);
    return { ...lb, preprocessMs: performance.now() - t0 };
  }

  async function infer(lb: PreparedInput): Promise<DetectResult> {
    if (closed) throw new Error('The meal detector was closed.');
    const t1 = performance.now();
    const feeds = { [m.input.name]: new ort.Tensor('float32', lb.tensor, lb.dims) };
    const out = await session.run(feeds);
    const t2 = performance.now();
    const th = m.thresholds;
    let candidates: Candidate[];
    if (m.kind === 'nanodet') {
      const o = m.outputs;
      const levels: NanoDetLevel[] = (o.strides ?? []).map((stride, k) => ({
        stride,
        scores: out[o.scores![k]!]!.data as Float32Array,
        boxes: out[o.boxes![k]!]!.data as Float32Array,
      }));
      candidates = decodeNanoDet(levels, {
        inputSize: m.input.size,
        numClasses: m.classes.length,
        bins: o.bins ?? 0,
        scoreThreshold: th.score,
      });
    } else {
      const t = out[outputNamesOf(m, session)[0]!]!;
      candidates = decodeYolo(t.data as Float32Array, t.dims, m.classes.length, th.score);
    }
    const detections = nms(candidates, th.nms, th.maxDetections)
      .map((c) => ({
        classIndex: c.classIndex,
        label: m.classes[c.classIndex] ?? String(c.classIndex),
        score: c.score,
        box: unletterbox(c, lb.transform),
      }))
      .filter((d) => d.box.w > 0 && d.box.h > 0);
    for (const t of Object.values(out)) t.dispose();
    return {
      width: lb.transform.width,
      height: lb.transform.height,
      detections,
      provider,
      timings: { preprocessMs: lb.preprocessMs, inferenceMs: t2 - t1 },
    };
  }

  return {
    detect: async (input) => infer(await prepare(input)),
    prepare,
    infer,
    manifest: m,
    provider,
    providersTried: tried,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await session.release();
    },
  };
}
