import { parentPort, workerData } from 'node:worker_threads';
import { createDetector, type Detector, type PreparedInput } from './detector.ts';
import type { ErrorShape, FromWorker, ToWorker, WorkerInit } from './worker.ts';

/**
 * Worker-thread entry: owns one Detector (one onnxruntime session) and infers requests one at a time, so
 * sharp decoding and inference never block the Electron main process. Requests cancelled before they
 * start are dropped from the queue; a running one cannot be interrupted (onnxruntime-node's JS API exposes
 * no run termination) and its result is discarded.
 */
const port = parentPort;
if (!port) throw new Error('detector-worker.ts must run in a worker thread');
const init = workerData as WorkerInit;

function post(msg: FromWorker): void {
  port!.postMessage(msg);
}

function toShape(e: unknown): ErrorShape {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, code: typeof code === 'string' ? code : null };
  }
  return { name: 'Error', message: String(e), code: null };
}

/**
 * Photos are decoded ahead of the one being inferred: while onnxruntime runs photo N, sharp (on libuv's
 * threads) decodes and letterboxes N + 1 and N + 2, so a batch costs about max(decode, inference) per
 * photo instead of their sum. Bounded to PREFETCH photos (each prepared tensor is 2 MB at 416 px) so a long
 * queue never holds more than that in memory; the rest wait as their compressed bytes.
 */
const PREFETCH = 2;

interface Job {
  id: number;
  bytes: ArrayBuffer;
  prepared: Promise<PreparedInput> | null;
}

const queue: Job[] = [];
/** The request being inferred now; a cancel for it drops its result. */
let current: { id: number; cancelled: boolean } | null = null;
let pumping = false;
let closing = false;

const ready = createDetector({ modelPath: init.modelPath, manifest: init.manifest, providers: init.providers });
ready.then(
  (d) => post({ type: 'ready', provider: d.provider, providersTried: [...d.providersTried] }),
  (e: unknown) => post({ type: 'init-error', error: toShape(e) }),
);

function prefetch(detector: Detector): void {
  for (const job of queue.slice(0, PREFETCH)) {
    if (job.prepared) continue;
    job.prepared = detector.prepare(new Uint8Array(job.bytes));
    // Awaited (and its error reported) when the job's turn comes; never an unhandled rejection meanwhile.
    job.prepared.catch(() => undefined);
  }
}

async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    while (queue.length > 0) {
      const job = queue.shift()!;
      const me = { id: job.id, cancelled: false };
      current = me;
      try {
        const detector = await ready;
        const prepared = job.prepared ?? detector.prepare(new Uint8Array(job.bytes));
        const input = await prepared;
        // Cancelled while it was decoding: no inference for a result nobody wants.
        if (me.cancelled) continue;
        // The next photos decode while this one is inferred.
        prefetch(detector);
        const result = await detector.infer(input);
        if (!me.cancelled) post({ type: 'result', id: job.id, result });
      } catch (e) {
        if (!me.cancelled) post({ type: 'error', id: job.id, error: toShape(e) });
      } finally {
        current = null;
      }
    }
  } finally {
    pumping = false;
  }
  if (closing) await shutDown();
}

let shutting: Promise<void> | null = null;
function shutDown(): Promise<void> {
  shutting ??= (async () => {
    await (await ready.catch(() => null))?.close();
    port!.close();
  })();
  return shutting;
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'cancel') {
    const at = queue.findIndex((j) => j.id === msg.id);
    if (at >= 0) queue.splice(at, 1);
    else if (current?.id === msg.id) current.cancelled = true;
    return;
  }
  if (msg.type === 'close') {
    // The parent has already told every caller the detector closed: queued photos are dropped, and only
    // the one being inferred (which cannot be interrupted) finishes before the session is released.
    closing = true;
    queue.length = 0;
    if (!pumping) void shutDown();
    return;
  }
  queue.push({ id: msg.id, bytes: msg.bytes, prepared: null });
  void ready.then(
    (d) => prefetch(d),
    () => undefined,
  );
  void pump();
});
