import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadManifest } from './manifest.ts';
import { MEAL_DETECTOR_DIR, PICTURES } from './testing/fixtures.ts';
import { CancelledError, createDetectorWorker, type DetectorWorker } from './worker.ts';

/** The real NanoDet model in a real worker thread (Node strips the worker's TypeScript itself). */
const banana = readFileSync(join(PICTURES, 'E012.jpeg'));
let w: DetectorWorker;

beforeAll(async () => {
  const manifest = await loadManifest(MEAL_DETECTOR_DIR);
  w = await createDetectorWorker({ modelPath: join(MEAL_DETECTOR_DIR, manifest.file), manifest });
});
afterAll(async () => {
  await w.close();
});

describe('detector worker', () => {
  test('detects off the main thread, which stays responsive', async () => {
    // The provider the worker's detector loaded with here (CPU without a GPU, CUDA or DirectML where they work).
    expect(['cpu', 'cuda', 'dml']).toContain(w.provider);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const r = await w.detect(banana);
    clearInterval(timer);
    expect(r.detections[0]?.label).toBe('banana');
    expect([r.width, r.height]).toEqual([307, 172]);
    expect(ticks).toBeGreaterThan(2);
  });

  test('copies the bytes by default; transfer: true hands the buffer over', async () => {
    const mine = new Uint8Array(banana); // owns its whole ArrayBuffer
    await w.detect(mine);
    expect(mine.byteLength).toBe(banana.length);
    const handed = new Uint8Array(banana);
    await w.detect(handed, { transfer: true });
    expect(handed.byteLength).toBe(0); // detached
  });

  test('a cancelled request rejects with CancelledError; the others complete', async () => {
    const pre = new AbortController();
    pre.abort();
    await expect(w.detect(banana, { signal: pre.signal })).rejects.toBeInstanceOf(CancelledError);
    const ac = new AbortController();
    const a = w.detect(banana);
    const b = w.detect(banana, { signal: ac.signal });
    const c = w.detect(banana);
    ac.abort();
    await expect(b).rejects.toThrow('The photo analysis was cancelled.');
    const [ra, rc] = await Promise.all([a, c]);
    expect(ra.detections[0]?.label).toBe('banana');
    expect(rc.detections[0]?.label).toBe('banana');
  });

  test('a queue of photos decoded ahead of inference: each result belongs to its own photo, a bad one fails alone', async () => {
    const apple = readFileSync(join(PICTURES, 'E001.jpeg'));
    const queued = [banana, apple, Buffer.from('%PDF-1.7\n'), banana, apple].map((b) =>
      w.detect(b).then(
        (r) => `${r.detections[0]?.label ?? 'nothing'} ${r.width}×${r.height}`,
        (e: Error) => `error: ${e.message}`,
      ),
    );
    // The same photos one at a time give the reference answers.
    const one = async (b: Buffer): Promise<string> => {
      const r = await w.detect(b);
      return `${r.detections[0]?.label ?? 'nothing'} ${r.width}×${r.height}`;
    };
    const b = await one(banana);
    const a = await one(apple);
    expect(await Promise.all(queued)).toEqual([b, a, 'error: This file is a PDF, not a photo.', b, a]);
    expect(b).not.toBe(a);
  });

  test('a request cancelled while queued behind others is dropped; the rest complete in order', async () => {
    const ac = new AbortController();
    const first = w.detect(banana);
    const second = w.detect(banana, { signal: ac.signal });
    const third = w.detect(banana);
    const fourth = w.detect(banana);
    // Abort only once the requests have been posted to the worker (detect awaits the worker's start
    // first), so the cancel reaches the worker's queue rather than the caller's own pre-check.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    ac.abort();
    await expect(second).rejects.toBeInstanceOf(CancelledError);
    const labels = (await Promise.all([first, third, fourth])).map((r) => r.detections[0]?.label);
    expect(labels).toEqual(['banana', 'banana', 'banana']);
  });

  test('errors from the worker keep their AppError code and message', async () => {
    await expect(w.detect(Buffer.from('%PDF-1.7\n'))).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'This file is a PDF, not a photo.',
    });
  });

  test('a crash fails the requests in flight clearly, and the next call restarts the worker', async () => {
    const inFlight = w.detect(banana);
    await w.simulateCrash();
    await expect(inFlight).rejects.toThrow(/The meal detector stopped unexpectedly \(exit code 1\)\. Try again\./);
    const r = await w.detect(banana);
    expect(r.detections[0]?.label).toBe('banana');
  });

  test('a damaged model is reported when the worker starts', async () => {
    const manifest = { ...(await loadManifest(MEAL_DETECTOR_DIR)), sha256: '0'.repeat(64) };
    await expect(
      createDetectorWorker({ modelPath: join(MEAL_DETECTOR_DIR, manifest.file), manifest }),
    ).rejects.toMatchObject({ message: 'The meal detector file is damaged (checksum mismatch). Reinstall the app.' });
  });
});
