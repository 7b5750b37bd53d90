import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { createCore } from '../core/app.ts';
import { silentLogger } from '../core/logging/log.ts';
import { createDetector } from '../core/vision/detector.ts';
import { letterbox } from '../core/vision/letterbox.ts';
import { defaultModelDir } from '../core/photos/vision-runtime.ts';
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
  const session = await ort.InferenceSession.create(path.join(defaultModelDir(), m.file), {
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
  await session.release();

  // The app path: 50 photos through photos.analyze (worker thread, encrypted storage).
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
    const payloads = files.map((f) => fs.readFileSync(path.join(PICTURES, f)).toString('base64'));
    await call('photos.analyze', { clientId: client.id, fileName: 'warm.jpeg', dataBase64: payloads[0] });
    const rssBefore = process.memoryUsage().rss;
    peak = rssBefore;
    const t0 = performance.now();
    for (const [i, dataBase64] of payloads.entries()) {
      await call('photos.analyze', { clientId: client.id, fileName: files[i] ?? 'x', dataBase64 });
    }
    const ms = performance.now() - t0;
    process.stdout.write(
      `\n## Batch of ${files.length} real photos through photos.analyze (worker thread, stored encrypted)\n` +
        `  ${fmtMs(ms)} in all, ${(files.length / (ms / 1000)).toFixed(1)} photos/s, ${fmtMs(ms / files.length)} per photo\n` +
        `  peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (main process; ${((peak - rssBefore) / 2 ** 20).toFixed(0)} MiB above the start of the batch)\n`,
    );
  } finally {
    clearInterval(timer);
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  await portionAccuracy();
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
    const totals = scored.map((s) => ({ file: s.file, grams: s.result.totalGrams }));
    const largest = totals.reduce((a, t) => (t.grams > a.grams ? t : a), { file: '-', grams: 0 });
    const flagged = scored.reduce((n, s) => n + s.result.items.filter((i) => i.basisKind === 'flagged').length, 0);
    const items = scored.reduce((n, s) => n + s.result.items.length, 0);
    process.stdout.write(
      `\n## Portion proposals on the annotated photo set (${scored.length} photos, ${expected} foods)\n` +
        `  within the accepted range (or flagged where a flag is accepted): ${within} of ${expected} (${((100 * within) / Math.max(1, expected)).toFixed(0)} %)\n` +
        `  largest total proposed for one photo: ${largest.grams} g (${largest.file}); items flagged, no amount: ${flagged} of ${items}\n`,
    );
    for (const s of scored) for (const m of s.misses) process.stdout.write(`  outside: ${s.file} ${m}\n`);
  } finally {
    await detector.close();
  }
}
