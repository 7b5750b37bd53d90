import { Worker } from 'node:worker_threads';

export interface IntegrityResult {
  result: 'ok' | 'damaged' | 'failed';
  detail: string;
}

export interface IntegrityRun {
  /** Settles once the worker has ended, with its answer (or `failed` when it was stopped). */
  done: Promise<IntegrityResult>;
  /** Ends the worker: the database is closing, and nothing may open it (with its key) afterwards. */
  stop(): void;
}

/**
 * Checks the database `file` in a worker thread (integrity-worker.ts) with its own read-only
 * connection. The worker does not keep the process alive (a CLI command that ends first simply ends
 * it). `workerPath` is the bundled entry where the sources are not shipped.
 *
 * `done` settles on the worker's exit, not on its message, so that once it settles no connection of
 * the worker's is left: a lock or close that stops the check can wait for it and know the file is no
 * longer touched (a worker that starts slowly would otherwise open the file after the lock).
 */
export function checkIntegrityInBackground(file: string, key: Buffer, workerPath?: string): IntegrityRun {
  const entry = workerPath ?? new URL('./integrity-worker.ts', import.meta.url);
  const worker = new Worker(entry, { workerData: { file, key: new Uint8Array(key) } });
  worker.unref();
  const done = new Promise<IntegrityResult>((resolve) => {
    let answer: IntegrityResult | null = null;
    worker.once('message', (m: IntegrityResult) => {
      answer = m;
    });
    worker.once('error', (err) => {
      answer ??= { result: 'failed', detail: err.message.slice(0, 200) };
    });
    worker.once('exit', (code) => resolve(answer ?? { result: 'failed', detail: `the check stopped (exit ${code})` }));
  });
  return {
    done,
    stop() {
      void worker.terminate();
    },
  };
}
