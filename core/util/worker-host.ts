import { Worker, type WorkerOptions } from 'node:worker_threads';

/** One running worker thread and what its owner keeps beside it. */
export interface HostedWorker<S> {
  readonly worker: Worker;
  /** The owner's own state for this thread (e.g. its requests in flight). */
  readonly state: S;
  /** Set once the thread has ended: stopped, crashed or killed. */
  readonly exited: boolean;
  /** The thread's last uncaught error in words ('out of memory' for a heap overflow), or null. */
  readonly lastError: string | null;
}

export interface WorkerHost<S> {
  /** The running worker, started if there is none (first use, or after a crash or a kill). */
  current(): HostedWorker<S>;
  /** The running worker, or null (nothing is started). */
  peek(): HostedWorker<S> | null;
  /** Terminates this worker now (a runaway, a failed start); the next current() starts a fresh one. */
  kill(hosted: HostedWorker<S>): void;
  /**
   * Stops for good. With a goodbye message the worker may finish (release native resources) and is
   * terminated if it has not ended after graceMs; without one it is terminated at once.
   */
  close(goodbye?: unknown, graceMs?: number): Promise<void>;
}

export interface WorkerHostOptions<S> extends WorkerOptions {
  /** An idle worker does not keep the process alive (a one-shot CLI command can end). */
  unref?: boolean;
  /**
   * Called once for each new thread, before any message is sent: attaches the owner's listeners and
   * returns the owner's state for it.
   */
  setUp(worker: Worker, hosted: HostedWorker<S>): S;
}

/**
 * The part every worker-thread owner in the core shares (the meal detector, the rule engine): one
 * long-lived thread started on first use, replaced after a crash or a kill, its exit and last error
 * recorded, and closed with a bounded grace period. What is sent and how answers are matched stays
 * with each owner.
 */
export function createWorkerHost<S>(entry: string | URL, options: WorkerHostOptions<S>): WorkerHost<S> {
  const { unref, setUp, ...workerOptions } = options;
  let live: (HostedWorker<S> & { exited: boolean; lastError: string | null }) | null = null;
  let closed = false;

  const start = (): HostedWorker<S> => {
    const worker = new Worker(entry, workerOptions);
    if (unref) worker.unref();
    const hosted = { worker, state: undefined as S, exited: false, lastError: null as string | null };
    worker.on('error', (e) => {
      const code = (e as { code?: unknown }).code;
      hosted.lastError = code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : e.message;
    });
    worker.on('exit', () => {
      hosted.exited = true;
      if (live === hosted) live = null;
    });
    hosted.state = setUp(worker, hosted);
    live = hosted;
    return hosted;
  };

  return {
    current() {
      if (closed) throw new Error('The worker was closed.');
      return live ?? start();
    },
    peek: () => live,
    kill(hosted) {
      const h = hosted as typeof live & object;
      h.exited = true;
      if (live === h) live = null;
      void hosted.worker.terminate();
    },
    async close(goodbye, graceMs = 2000) {
      closed = true;
      const hosted = live;
      live = null;
      if (!hosted || hosted.exited) return;
      const exited = new Promise<void>((resolve) => hosted.worker.once('exit', () => resolve()));
      if (goodbye === undefined) {
        await hosted.worker.terminate();
        return;
      }
      hosted.worker.postMessage(goodbye);
      const timer = setTimeout(() => void hosted.worker.terminate(), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
