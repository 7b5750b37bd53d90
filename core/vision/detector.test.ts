import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDetector, defaultProviders, sha256Hex, validateYoloModel } from './detector.ts';
import { decodeImage } from './image.ts';
import { PICTURES, tinyManifest } from './testing/fixtures.ts';
import { buildTinyYolo } from './testing/tiny-yolo.ts';

/**
 * Real onnxruntime inference on real ONNX models built here (testing/tiny-yolo.ts): the output is known by
 * construction, so every number below is computed by hand.
 */
const photo = readFileSync(join(PICTURES, 'E001.jpeg')); // 307×172
// Three boxes, channels first. Box 0: banana 0.9 at (16,16) 16×8. Box 1: plate 0.8 covering the image.
// Box 2: banana 0.85 overlapping box 0 (IoU 0.6 > 0.5: suppressed). Apple scores stay under 0.3.
const rows = [
  [16, 16, 16],
  [16, 16, 16.5],
  [16, 32, 16],
  [8, 20, 8],
  [0.9, 0.1, 0.85],
  [0.1, 0.2, 0.2],
  [0.05, 0.8, 0.1],
];
let dir = '';
let modelPath = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vision-'));
  const model = buildTinyYolo({ inputSize: 32, rows });
  modelPath = join(dir, 'tiny.onnx');
  writeFileSync(modelPath, model);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(tinyManifest(sha256Hex(model))));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('detector on a YOLO-layout model', () => {
  test('detect(): letterbox → onnxruntime → decode → NMS → image pixels', async () => {
    const d = await createDetector({ modelDir: dir });
    try {
      // Whichever provider loaded here (CPU without a GPU) is the one that ran.
      expect(d.providersTried.find((p) => p.ok)?.name).toBe(d.provider);
      const r = await d.detect(photo);
      expect([r.width, r.height, r.provider]).toEqual([307, 172, d.provider]);
      // 307×172 into 32: scale 32/307, inner 32×18, padY 7. x_img = (x_in − pad) × 307/32.
      const k = 307 / 32;
      expect(r.detections.map((x) => [x.label, +x.score.toFixed(4)])).toEqual([
        ['banana', 0.9],
        ['plate', 0.8],
      ]);
      const banana = r.detections[0]!.box;
      expect(banana.x).toBeCloseTo(8 * k, 3);
      expect(banana.y).toBeCloseTo((12 - 7) * k, 3);
      expect(banana.w).toBeCloseTo(16 * k, 3);
      expect(banana.h).toBeCloseTo(8 * k, 3);
      // The plate box (0..32 × 6..26 input px) overhangs the image and is clamped to it.
      expect(r.detections[1]!.box).toEqual({ x: 0, y: 0, w: 307, h: 172 });
      expect(r.timings.preprocessMs).toBeGreaterThan(0);
      expect(r.timings.inferenceMs).toBeGreaterThan(0);
      // A DecodedImage gives the same answer.
      const again = await d.detect(await decodeImage(photo));
      expect(again.detections).toEqual(r.detections);
    } finally {
      await d.close();
    }
  });

  test('the transposed [1, N, 4 + C] export decodes to the same boxes', async () => {
    const model = buildTinyYolo({ inputSize: 32, rows, transposed: true });
    const p = join(dir, 'tiny-t.onnx');
    writeFileSync(p, model);
    const d = await createDetector({ modelPath: p, manifest: tinyManifest(sha256Hex(model)) });
    const a = await d.detect(photo);
    await d.close();
    expect(a.detections.map((x) => x.label)).toEqual(['banana', 'plate']);
  });

  test('providers: CUDA is skipped without an NVIDIA driver; a failing provider is recorded, CPU used', async () => {
    expect(defaultProviders('win32')).toEqual(['dml', 'cpu']);
    expect(defaultProviders('linux')).toEqual(['cuda', 'cpu']);
    expect(defaultProviders('darwin')).toEqual(['cpu']);
    const d = await createDetector({ modelDir: dir, providers: ['no-such-provider', 'cpu'] });
    await d.close();
    expect(d.provider).toBe('cpu');
    expect(d.providersTried[0]).toMatchObject({ name: 'no-such-provider', ok: false });
    expect(d.providersTried[0]!.message).toMatch(/backend not found/);
    expect(d.providersTried[1]).toEqual({ name: 'cpu', ok: true, message: null });
    await expect(createDetector({ modelDir: dir, providers: ['no-such-provider'] })).rejects.toThrow(
      /could not start on this computer/,
    );
  });

  test('a damaged model file and a manifest that does not match the model are refused', async () => {
    const m = tinyManifest('f'.repeat(64));
    await expect(createDetector({ modelPath, manifest: m })).rejects.toThrow(
      'The meal detector file is damaged (checksum mismatch). Reinstall the app.',
    );
    const sha = sha256Hex(readFileSync(modelPath));
    const wrongInput = tinyManifest(sha, { input: { ...m.input, name: 'input_1' } });
    await expect(createDetector({ modelPath, manifest: wrongInput })).rejects.toThrow(
      /does not match its manifest: input input_1 missing \(model has images\)/,
    );
    const wrongOutput = tinyManifest(sha, { outputs: { output: 'Identity' } });
    await expect(createDetector({ modelPath, manifest: wrongOutput })).rejects.toThrow(/output Identity missing/);
  });
});

describe('validateYoloModel (custom model install)', () => {
  test('accepts 4 + 3 values per box for 3 classes, either layout', async () => {
    const v = await validateYoloModel(readFileSync(modelPath), ['banana', 'apple', 'plate']);
    expect(v).toEqual({ inputName: 'images', outputName: 'output0', inputSize: 32, outputDims: [1, 7, 3] });
    const t = await validateYoloModel(buildTinyYolo({ inputSize: 32, rows, transposed: true }), ['a', 'b', 'c']);
    expect(t.outputDims).toEqual([1, 3, 7]);
  });

  test('rejects a wrong class count with the numbers, and non-models', async () => {
    const coco = buildTinyYolo({
      inputSize: 32,
      rows: Array.from({ length: 84 }, () => new Array<number>(100).fill(0)),
    });
    await expect(validateYoloModel(coco, ['banana', 'apple', 'plate'])).rejects.toThrow(
      "The model's output has 84 values per box but 3 classes were listed: expected 7.",
    );
    // 21 boxes = the Ultralytics grid for 32 px (16 + 4 + 1), so the 7 is known to be the values per box.
    const grid = buildTinyYolo({ inputSize: 32, rows: rows.map((r) => [...r, ...new Array<number>(18).fill(0)]) });
    await expect(validateYoloModel(grid, ['a', 'b'])).rejects.toThrow(
      "The model's output has 7 values per box but 2 classes were listed: expected 6.",
    );
    await expect(validateYoloModel(Buffer.from('not a model'), ['a'])).rejects.toThrow(/not an ONNX model/);
  });
});
