import { Worker } from 'node:worker_threads';

export interface IntegrityResult {
  result: 'ok' | 'damaged' | 'failed';
  detail: string;
}

/**
 * Checks the database `file` in a worker thread (integrity-worker.ts) with its own read-only
 * connection; resolves when done. The worker does not keep the process alive (a CLI command that
 * ends first simply ends it). `workerPath` is the bundled entry where the sources are not shipped.
 */
export function checkIntegrityInBackground(file: string, key: Buffer, workerPath?: string): Promise<IntegrityResult> {
  const entry = workerPath ?? new URL('./integrity-worker.ts', import.meta.url);
  return new Promise((resolve) => {
    const worker = new Worker(entry, { workerData: { file, key: new Uint8Array(key) } });
    worker.unref();
    let settled = false;
    const done = (r: IntegrityResult): void => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    worker.once('message', (m: IntegrityResult) => done(m));
    worker.once('error', (err) => done({ result: 'failed', detail: err.message.slice(0, 200) }));
    worker.once('exit', (code) => done({ result: 'failed', detail: `the check stopped (exit ${code})` }));
  });
}
