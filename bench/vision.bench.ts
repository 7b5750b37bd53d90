import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { createCore } from '../core/app.ts';
import { silentLogger } from '../core/logging/log.ts';
import { createDetector, SESSION_OPTIONS } from '../core/vision/detector.ts';
import { letterbox } from '../core/vision/letterbox.ts';
import { defaultModelDir } from '../core/photos/vision-runtime.ts';
import { createDetectorWorker } from '../core/vision/worker.ts';
import { loadManifest } from '../core/vision/manifest.ts';
import { PICTURES } from '../core/vision/testing/fixtures.ts';
import { runPhotoSet } from '../core/vision/testing/photo-set.ts';
import { fmtMs, median, report, sized } from './lib.ts';

/**
 * Issue 4 figures, all on CPU here:
 * - the detector pipeline (decode + letterbox + inference + decode + NMS) against the bare
 *   session.run on the same prepared tensor (overhead ratio; goal ≤ 1.3×);
 * - the whole app path for a batch of 50 real photos (analyse, store encrypted) through the
 *   contract: photos per second and peak memory (RSS).
 */
const RUNS = Number(process.env.BENCH_VISION_RUNS ?? sized(30, 3));

export async function run(): Promise<void> {
  const files = fs
    .readdirSync(PICTURES)
    .filter((f) => f.endsWith('.jpeg'))
    .sort()
    .slice(0, sized(50, 8));
  const small = fs.readFileSync(path.join(PICTURES, 'E009.jpeg'));
  // A phone-sized photo: the same picture upscaled to 12 MP (4000 × 3000) and saved as JPEG.
  const phone = await sharp(small).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
  const detector = await createDetector({ modelDir: defaultModelDir(), providers: ['cpu'] });
  const m = detector.manifest;
  // The baseline runs with the app's own session options: the ratios measure the pipeline, not tuning.
  const session = await ort.InferenceSession.create(path.join(defaultModelDir(), m.file), {
    ...SESSION_OPTIONS,
    executionProviders: ['cpu'],
  });
  for (const [label, photo] of [
    ['one 307×173 JPEG', small],
    ['one 12 MP JPEG (4000×3000)', phone],
  ] as const) {
    const prepared = await letterbox(photo, {
      size: m.input.size,
      channelOrder: m.input.channelOrder,
      mean: m.input.mean,
      std: m.input.std,
      padValue: m.input.letterboxPad,
    });
    const feeds = { [m.input.name]: new ort.Tensor('float32', prepared.tensor, [1, 3, m.input.size, m.input.size]) };
    // Warm up both paths.
    for (let i = 0; i < 3; i++) {
      await session.run(feeds);
      await detector.detect(photo);
    }
    const bare: number[] = [];
    const pipeline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so load changes on the shared machine hit both alike.
      let t0 = performance.now();
      await session.run(feeds);
      bare.push(performance.now() - t0);
      t0 = performance.now();
      await detector.detect(photo);
      pipeline.push(performance.now() - t0);
    }
    const b = median(bare);
    report(`Meal detector on ${label}, median of ${RUNS} (CPU)`, [
      { name: 'bare session.run on a prepared tensor', ms: b },
      { name: 'pipeline: decode + letterbox + run + decode + NMS', ms: median(pipeline), baseline: b },
    ]);
  }
  await detector.close();

  const phone12 = await phonePhotos(files, sized(12, 3));
  const tensors = await tensorsOf(phone12);
  await pipelinedBatch(session, phone12, tensors);

  // The app path: photos through photos.analyze (worker thread, encrypted storage), two in flight as the
  // window sends them.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-vision-'));
  const core = createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: { N: 2 ** 12, r: 8, p: 1 } });
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const call = async (method: string, input: unknown): Promise<{ id?: string }> => {
      const r = await core.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.message}`);
      return r.data as { id?: string };
    };
    await call('session.setup', { passphrase: 'benchmark passphrase' });
    const client = await call('clients.create', { name: 'Bench' });
    const analyzeAll = async (payloads: string[]): Promise<number> => {
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < payloads.length) {
          const i = next++;
          await call('photos.analyze', { clientId: client.id, fileName: `p${i}.jpeg`, dataBase64: payloads[i] });
        }
      };
      const t0 = performance.now();
      await Promise.all([lane(), lane()]);
      return performance.now() - t0;
    };
    const payloads = files.map((f) => fs.readFileSync(path.join(PICTURES, f)).toString('base64'));
    await call('photos.analyze', { clientId: client.id, fileName: 'warm.jpeg', dataBase64: payloads[0] });
    const rssBefore = process.memoryUsage().rss;
    peak = rssBefore;
    const ms = await analyzeAll(payloads);
    process.stdout.write(
      `\n## Batch of ${files.length} real photos through photos.analyze (worker thread, stored encrypted, 2 in flight)\n` +
        `  ${fmtMs(ms)} in all, ${(files.length / (ms / 1000)).toFixed(1)} photos/s, ${fmtMs(ms / files.length)} per photo\n` +
        `  peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (main process; ${((peak - rssBefore) / 2 ** 20).toFixed(0)} MiB above the start of the batch)\n`,
    );

    // The same with phone photos, against bare inference on the same photos measured just before.
    const phonePayloads = phone12.map((b) => b.toString('base64'));
    const bare: number[] = [];
    const app: number[] = [];
    for (let r = 0; r < sized(3, 1); r++) {
      const t0 = performance.now();
      for (const feeds of tensors) await session.run(feeds);
      bare.push((performance.now() - t0) / tensors.length);
      app.push((await analyzeAll(phonePayloads)) / phonePayloads.length);
    }
    const b = median(bare);
    const a = median(app);
    report(
      `Batch of ${phone12.length} 12 MP JPEGs through photos.analyze (decode, detect, stored copy + thumbnail, encrypted insert; 2 in flight), per photo`,
      [
        { name: 'bare session.run on prepared tensors, back to back', ms: b },
        { name: 'photos.analyze', ms: a, baseline: b },
      ],
    );
    process.stdout.write(`  throughput ${(b / a).toFixed(2)}× of bare inference\n`);
  } finally {
    clearInterval(timer);
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  await session.release();
  await portionAccuracy();
}

/** Distinct real photos (so no decode is cached), each upscaled to 12 MP and saved as a camera would. */
async function phonePhotos(files: string[], n: number): Promise<Buffer[]> {
  return Promise.all(
    files.slice(0, n).map((f) =>
      sharp(fs.readFileSync(path.join(PICTURES, f)))
        .resize(4000, 3000, { fit: 'fill' })
        .jpeg({ quality: 90 })
        .toBuffer(),
    ),
  );
}

/** The model's input tensors for the photos, prepared once (the bare-inference baseline feeds these). */
async function tensorsOf(photos: Buffer[]): Promise<Record<string, ort.Tensor>[]> {
  const manifest = await loadManifest(defaultModelDir());
  const spec = {
    size: manifest.input.size,
    channelOrder: manifest.input.channelOrder,
    mean: manifest.input.mean,
    std: manifest.input.std,
    padValue: manifest.input.letterboxPad,
  };
  return Promise.all(
    photos.map(async (p) => {
      const lb = await letterbox(p, spec);
      return { [manifest.input.name]: new ort.Tensor('float32', lb.tensor, lb.dims) };
    }),
  );
}

/**
 * A batch of phone-sized photos through the app's detector worker, all queued at once as a batch
 * drop does: the worker decodes the next photos (sharp, shrink-on-load) while it infers the current
 * one. Against bare session.run back to back on prepared tensors of the same photos, in the same run:
 * time per photo (goal ≤ 1.3×) and throughput (goal ≥ 0.8× of bare inference). Alternated rounds, so
 * load changes on the shared machine hit both alike; the medians over rounds are reported.
 */
async function pipelinedBatch(
  session: ort.InferenceSession,
  photos: Buffer[],
  tensors: Record<string, ort.Tensor>[],
): Promise<void> {
  const n = photos.length;
  const rounds = sized(5, 1);
  const modelDir = defaultModelDir();
  const manifest = await loadManifest(modelDir);
  const worker = await createDetectorWorker({
    modelPath: path.join(modelDir, manifest.file),
    manifest,
    providers: ['cpu'],
  });
  const bare: number[] = [];
  const piped: number[] = [];
  const serial: number[] = [];
  try {
    await Promise.all(photos.slice(0, 2).map((p) => worker.detect(p)));
    for (let r = 0; r < rounds; r++) {
      let t0 = performance.now();
      for (const feeds of tensors) await session.run(feeds);
      bare.push((performance.now() - t0) / n);
      t0 = performance.now();
      await Promise.all(photos.map((p) => worker.detect(p)));
      piped.push((performance.now() - t0) / n);
      t0 = performance.now();
      for (const p of photos) await worker.detect(p);
      serial.push((performance.now() - t0) / n);
    }
  } finally {
    await worker.close();
  }
  const b = median(bare);
  const p = median(piped);
  report(`Batch of ${n} 12 MP JPEGs through the detector worker, time per photo, median of ${rounds} rounds (CPU)`, [
    { name: 'bare session.run on prepared tensors, back to back', ms: b },
    { name: 'pipelined: all queued, next decoded during inference', ms: p, baseline: b },
    { name: 'one at a time: each awaited before the next is sent', ms: median(serial), baseline: b },
  ]);
  process.stdout.write(
    `  throughput: bare ${(1000 / b).toFixed(1)} photos/s, pipelined ${(1000 / p).toFixed(1)} photos/s = ${(b / p).toFixed(2)}× of bare (goal ≥ 0.8×)\n`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Portion proposals (issue 20): how close the proposed amounts come to what a dietitian accepts on the
// annotated photo set (core/vision/testing/photo-set.json), and the largest total proposed for one photo.
// Not a speed figure: separate from the timings above.
// ---------------------------------------------------------------------------------------------------------

export async function portionAccuracy(): Promise<void> {
  const detector = await createDetector({ modelDir: defaultModelDir(), providers: ['cpu'] });
  try {
    const scored = await runPhotoSet(detector);
    const within = scored.reduce((n, s) => n + s.within, 0);
    const expected = scored.reduce((n, s) => n + s.expected, 0);
    const totals = scored.map((s) => ({ file: s.file, grams: s.result.proposedGrams }));
    const largest = totals.reduce((a, t) => (t.grams > a.grams ? t : a), { file: '-', grams: 0 });
    const flagged = scored.reduce((n, s) => n + s.result.items.filter((i) => i.basisKind === 'flagged').length, 0);
    const items = scored.reduce((n, s) => n + s.result.items.length, 0);
    process.stdout.write(
      `\n## Portion proposals on the annotated photo set (${scored.length} photos, ${expected} foods)\n` +
        `  within the accepted range (or flagged where a flag is accepted): ${within} of ${expected} (${((100 * within) / Math.max(1, expected)).toFixed(0)} %)\n` +
        `  largest total proposed for one photo: ${largest.grams} g (${largest.file}); items flagged, no amount: ${flagged} of ${items}\n`,
    );
    const extra = scored.flatMap((s) => s.extra.map((e) => ({ file: s.file, ...e })));
    const withdrawn = scored.filter((s) => s.result.proposedGrams > s.result.totalGrams).length;
    process.stdout.write(
      `  photos whose amounts were all withdrawn by the whole-photo check: ${withdrawn}\n` +
        `  items of foods not in the photo: ${extra.length}, proposing ${extra.reduce((n, e) => n + e.grams, 0)} g in all\n`,
    );
    for (const s of scored) for (const m of s.misses) process.stdout.write(`  outside: ${s.file} ${m}\n`);
    for (const e of extra) process.stdout.write(`  not in the photo: ${e.file} ${e.label} ${e.grams} g\n`);
  } finally {
    await detector.close();
  }
}
