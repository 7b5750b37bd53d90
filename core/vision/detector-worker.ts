import { parentPort, workerData } from 'node:worker_threads';
import { createDetector } from './detector.ts';
import type { ErrorShape, FromWorker, ToWorker, WorkerInit } from './worker.ts';

/**
 * Worker-thread entry: owns one Detector (one onnxruntime session) and runs requests one at a time, so
 * sharp decoding and inference never block the Electron main process. Requests cancelled before they
 * start are skipped; a running one cannot be interrupted (onnxruntime-node's JS API exposes no run
 * termination) and its result is discarded by the parent.
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

const cancelled = new Set<number>();
let chain: Promise<void> = Promise.resolve();

const ready = createDetector({ modelPath: init.modelPath, manifest: init.manifest, providers: init.providers });
ready.then(
  (d) => post({ type: 'ready', provider: d.provider, providersTried: [...d.providersTried] }),
  (e: unknown) => post({ type: 'init-error', error: toShape(e) }),
);

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    return;
  }
  if (msg.type === 'close') {
    chain = chain.then(async () => {
      await (await ready.catch(() => null))?.close();
      port.close();
    });
    return;
  }
  const { id, bytes } = msg;
  chain = chain.then(async () => {
    if (cancelled.delete(id)) return;
    try {
      const detector = await ready;
      const result = await detector.detect(new Uint8Array(bytes));
      if (!cancelled.delete(id)) post({ type: 'result', id, result });
    } catch (e) {
      if (!cancelled.delete(id)) post({ type: 'error', id, error: toShape(e) });
    }
  });
});
