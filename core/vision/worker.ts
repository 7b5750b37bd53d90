import { createWorkerHost, type HostedWorker } from '../util/worker-host.ts';
import { AppError, ERROR_CODES, type ErrorCode } from '../contract/errors.ts';
import type { DetectResult, ProviderAttempt } from './detector.ts';
import type { DecodedImage } from './image.ts';
import { type DetectorManifest, parseManifest } from './manifest.ts';

/** The request was cancelled through its AbortSignal; nothing failed. */
export class CancelledError extends Error {
  constructor(message = 'The photo analysis was cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}

export interface WorkerInit {
  modelPath: string;
  manifest: DetectorManifest;
  providers?: string[];
}
export interface ErrorShape {
  name: string;
  message: string;
  code: string | null;
}
export type ToWorker =
  { type: 'detect'; id: number; bytes: ArrayBuffer } | { type: 'cancel'; id: number } | { type: 'close' };
export type FromWorker =
  | { type: 'ready'; provider: string; providersTried: ProviderAttempt[] }
  | { type: 'init-error'; error: ErrorShape }
  | { type: 'result'; id: number; result: DetectResult }
  | { type: 'error'; id: number; error: ErrorShape };

export interface DetectorWorkerOptions extends WorkerInit {
  /** The worker entry; Electron's build passes out/main/detector-worker.js. */
  workerPath?: string | URL;
}

export interface DetectOptions {
  signal?: AbortSignal;
  /**
   * Hand the caller's ArrayBuffer to the worker instead of copying it (it becomes detached). Only when
   * the bytes own their whole buffer; Node's pooled small Buffers are always copied.
   */
  transfer?: boolean;
}

export interface DetectorWorker {
  detect(input: Uint8Array | DecodedImage, opts?: DetectOptions): Promise<DetectResult>;
  readonly manifest: DetectorManifest;
  /** From the worker that is running now (or ran last). */
  readonly provider: string;
  readonly providersTried: readonly ProviderAttempt[];
  close(): Promise<void>;
  /** Tests only: terminate the thread as a crash would, with requests in flight. */
  simulateCrash(): Promise<void>;
}

function fromShape(e: ErrorShape): Error {
  if (e.code !== null && (ERROR_CODES as readonly string[]).includes(e.code)) {
    return new AppError(e.code as ErrorCode, e.message);
  }
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

interface Pending {
  resolve: (r: DetectResult) => void;
  reject: (e: Error) => void;
}

/** The detector thread's requests in flight and its start. */
interface Requests {
  ready: Promise<void>;
  pending: Map<number, Pending>;
  expectedExit: boolean;
}
type Live = HostedWorker<Requests>;

export async function createDetectorWorker(opts: DetectorWorkerOptions): Promise<DetectorWorker> {
  const manifest = parseManifest(opts.manifest);
  const entry = opts.workerPath ?? new URL('./detector-worker.ts', import.meta.url);
  const init: WorkerInit = { modelPath: opts.modelPath, manifest, providers: opts.providers };
  let closed = false;
  let nextId = 1;
  let provider = '';
  let providersTried: ProviderAttempt[] = [];

  const host = createWorkerHost<Requests>(entry, {
    workerData: init,
    setUp(worker, hosted) {
      const state: Requests = { ready: Promise.resolve(), pending: new Map(), expectedExit: false };
      state.ready = new Promise<void>((resolve, reject) => {
        const fail = (why: string): void => {
          const err = new AppError('internal', `The meal detector stopped unexpectedly (${why}). Try again.`);
          reject(err);
          for (const p of state.pending.values()) p.reject(err);
          state.pending.clear();
        };
        worker.on('message', (msg: FromWorker) => {
          if (msg.type === 'ready') {
            provider = msg.provider;
            providersTried = msg.providersTried;
            resolve();
          } else if (msg.type === 'init-error') {
            state.expectedExit = true;
            host.kill(hosted);
            reject(fromShape(msg.error));
          } else {
            const p = state.pending.get(msg.id);
            if (!p) return; // cancelled: its result is dropped
            state.pending.delete(msg.id);
            if (msg.type === 'result') p.resolve(msg.result);
            else p.reject(fromShape(msg.error));
          }
        });
        worker.on('error', (e) => fail(e.message));
        worker.on('exit', (code) => {
          if (!state.expectedExit) fail(`exit code ${code}`);
        });
      });
      // A failed start is reported to whoever awaits `ready`; never an unhandled rejection.
      state.ready.catch(() => undefined);
      return state;
    },
  });

  async function ensure(): Promise<Live> {
    if (closed) throw new Error('The meal detector was closed.');
    const hosted = host.current();
    await hosted.state.ready;
    return hosted;
  }

  await ensure();

  async function detect(input: Uint8Array | DecodedImage, o: DetectOptions = {}): Promise<DetectResult> {
    const signal = o.signal;
    if (signal?.aborted) throw new CancelledError();
    const { worker, state } = await ensure();
    if (signal?.aborted) throw new CancelledError();
    const src = input instanceof Uint8Array ? input : input.source;
    const whole = src.byteOffset === 0 && src.byteLength === src.buffer.byteLength && src.buffer instanceof ArrayBuffer;
    // new Uint8Array(src) copies; Buffer#slice would not (it is a view, and transferring it would detach
    // the caller's buffer).
    const bytes = o.transfer && whole ? (src.buffer as ArrayBuffer) : new Uint8Array(src).buffer;
    const id = nextId++;
    return new Promise<DetectResult>((resolve, reject) => {
      const onAbort = (): void => {
        if (!state.pending.delete(id)) return;
        worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
        reject(new CancelledError());
      };
      const done = (): void => signal?.removeEventListener('abort', onAbort);
      state.pending.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ type: 'detect', id, bytes } satisfies ToWorker, [bytes]);
    });
  }

  return {
    detect,
    manifest,
    get provider(): string {
      return provider;
    },
    get providersTried(): readonly ProviderAttempt[] {
      return providersTried;
    },
    async close(): Promise<void> {
      closed = true;
      const state = host.peek()?.state;
      if (state) {
        state.expectedExit = true;
        for (const p of state.pending.values()) p.reject(new CancelledError('The meal detector was closed.'));
        state.pending.clear();
      }
      // Let the worker release its onnxruntime session, but never hang on it.
      await host.close({ type: 'close' } satisfies ToWorker, 2000);
    },
    async simulateCrash(): Promise<void> {
      const hosted = host.peek();
      if (!hosted) return;
      const exited = new Promise<void>((r) => hosted.worker.once('exit', () => r()));
      await hosted.worker.terminate();
      await exited;
    },
  };
}
