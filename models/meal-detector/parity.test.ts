/**
 * Parity of the committed ONNX meal detector with the original TFJS NanoDet-g model, and its measured
 * detection floor on the IFCT 2017 photos. The fixture (reference values computed by TFJS from the
 * untouched source model) and the floor are written by scripts/convert-nanodet.ts; see MODEL_CARD.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURE_FILE,
  MANIFEST_FILE,
  MODEL_FILE,
  OUTPUT_NAMES,
  PICTURES_DIR,
  decodeDetections,
  letterboxPhoto,
  randomInput,
  runOnnx,
  sha256,
  summarise,
  type Fixture,
} from '../../scripts/convert-nanodet.ts';

/**
 * ONNX Runtime (CPU) and TFJS (CPU) differ by ≤ 1.3e-5 on every value (measured at conversion); 1e-4
 * leaves headroom for other CPUs' kernels while still catching any real change to weights or ops.
 */
const ABS_TOL = 1e-4;
/** Sums are judged against the output's L1 mass (some box-logit sums are ≈ 0); measured ≤ 3e-7. */
const SUM_REL_TOL = 1e-5;
/** Maxima relative to max(|max|, 1); measured ≤ 5e-7. */
const MAX_REL_TOL = 1e-5;

interface Manifest {
  file: string;
  sha256: string;
  classes: string[];
  foodClasses: Record<string, unknown>;
  referenceClasses: Record<string, unknown>;
  outputs: { scores: string[]; boxes: string[]; strides: number[]; bins: number };
  thresholds: { score: number; nms: number; maxDetections: number };
  accuracyPhotos: { file: string; expected: string }[];
  accuracyFloor: number;
}

const manifest = JSON.parse(fs.readFileSync(MANIFEST_FILE, 'utf8')) as Manifest;
const fixture = JSON.parse(zlib.gunzipSync(fs.readFileSync(FIXTURE_FILE)).toString('utf8')) as Fixture;
let session: ort.InferenceSession;

beforeAll(async () => {
  session = await ort.InferenceSession.create(MODEL_FILE, { executionProviders: ['cpu'] });
});

describe('meal detector (NanoDet-g ONNX)', () => {
  it('is the file the manifest names, byte for byte', () => {
    expect(path.basename(MODEL_FILE)).toBe(manifest.file);
    expect(sha256(fs.readFileSync(MODEL_FILE))).toBe(manifest.sha256);
    expect(fixture.modelSha256).toBe(manifest.sha256);
  });

  it('has the inputs and outputs the manifest describes', () => {
    expect(session.inputNames).toEqual(['input_1']);
    expect([...session.outputNames].sort()).toEqual([...manifest.outputs.scores, ...manifest.outputs.boxes].sort());
    expect(manifest.classes).toHaveLength(80);
    for (const name of [...Object.keys(manifest.foodClasses), ...Object.keys(manifest.referenceClasses)]) {
      expect(manifest.classes).toContain(name);
    }
  });

  for (const c of fixture.cases) {
    it(`matches the TFJS reference on the ${c.name} input`, async () => {
      const input =
        c.input.kind === 'photo'
          ? (await letterboxPhoto(path.join(PICTURES_DIR, c.input.file))).data
          : randomInput(c.input.seed);
      // A different input (e.g. a new sharp/libvips resampling) would fail below for the wrong reason.
      expect(sha256(input), 'rebuilt input differs from the one the fixture was made from').toBe(c.input.sha256);
      const outputs = await runOnnx(session, input);
      for (const [i, name] of OUTPUT_NAMES.entries()) {
        const ref = c.outputs[name]!;
        const got = outputs[i]!;
        expect(got.length, name).toBe(ref.shape.reduce((a, b) => a * b, 1));
        let worst = 0;
        let worstAt = -1;
        ref.positions.forEach((p, k) => {
          const d = Math.abs(got[p]! - ref.values[k]!);
          if (d > worst) [worst, worstAt] = [d, p];
        });
        expect(worst, `${name}: largest difference at flat index ${worstAt}`).toBeLessThanOrEqual(ABS_TOL);
        const s = summarise(got);
        expect(Math.abs(s.sum - ref.sum), `${name} sum`).toBeLessThanOrEqual(SUM_REL_TOL * ref.sumAbs);
        expect(Math.abs(s.max - ref.max), `${name} max`).toBeLessThanOrEqual(
          MAX_REL_TOL * Math.max(1, Math.abs(ref.max)),
        );
      }
    });
  }

  it(`finds the expected COCO food on at least the recorded floor of the IFCT photos`, async () => {
    let found = 0;
    const misses: string[] = [];
    for (const p of manifest.accuracyPhotos) {
      const out = await runOnnx(session, (await letterboxPhoto(path.join(PICTURES_DIR, p.file))).data);
      const detections = decodeDetections(out.slice(0, 3), out.slice(3), {
        strides: manifest.outputs.strides,
        bins: manifest.outputs.bins,
        numClasses: manifest.classes.length,
        scoreThreshold: manifest.thresholds.score,
        nmsThreshold: manifest.thresholds.nms,
        maxDetections: manifest.thresholds.maxDetections,
      });
      if (detections.some((d) => manifest.classes[d.classIndex] === p.expected)) found++;
      else misses.push(`${p.file} (${p.expected})`);
    }
    const rate = found / manifest.accuracyPhotos.length;
    expect(rate, `missed: ${misses.join(', ')}`).toBeGreaterThanOrEqual(manifest.accuracyFloor);
  });
});
