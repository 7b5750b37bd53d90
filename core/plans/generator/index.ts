import { AppError } from '../../contract/errors.ts';
import { createWorkerHost, type HostedWorker, type WorkerHost } from '../../util/worker-host.ts';
import type { GeneratedEntry, GenerateControl, GenerateInput, GenerateOutput } from '../generator-api.ts';
import type { FromPlanWorker, ToPlanWorker } from './worker-protocol.ts';

export { greedyPlan } from './greedy.ts';
export { loadCuratedPool } from './pool.ts';

/**
 * Generates plans in a worker thread (HiGHS blocks while it solves), one MIP per day. The thread lives
 * on between plans: starting it and compiling the solver's WebAssembly costs more than a whole plan,
 * so it is paid once (warmUpPlanGenerator() pays it ahead, e.g. when the plans view opens). Plans run
 * one at a time, in call order. Progress is reported per day; an abort terminates the thread at once
 * and answers with the days finished so far and `cancelled: true` (a day is sent only when it is whole).
 */

interface State {
  listener: ((m: FromPlanWorker) => void) | null;
}

let host: WorkerHost<State> | null = null;
let queue: Promise<unknown> = Promise.resolve();

export interface PlanGeneratorOptions {
  /** The worker entry; a bundled app passes its built file (as for the rule worker). */
  workerPath?: string | URL;
  /** The curated pool (resources/plans/pool.json); a packaged app passes its resources path. */
  poolFile?: string;
}
let options: PlanGeneratorOptions = {};

/** Where the worker and the pool are, for a bundled app; takes effect for the next thread started. */
export function configurePlanGenerator(o: PlanGeneratorOptions): void {
  options = { ...o };
}

function planHost(): WorkerHost<State> {
  host ??= createWorkerHost<State>(options.workerPath ?? new URL('./plan-worker.ts', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: 512 },
    // An idle generator must not keep a CLI process alive; a plan in flight refs the thread.
    unref: true,
    setUp(worker, hosted) {
      const state: State = { listener: null };
      worker.on('message', (m: FromPlanWorker) => state.listener?.(m));
      worker.on('exit', (code) =>
        state.listener?.({
          type: 'error',
          message: `the generator's thread stopped (${hosted.lastError ?? `exit code ${code}`})`,
        }),
      );
      return state;
    },
  });
  return host;
}

/** Runs one request on the worker; `onMessage` returns true when the request is answered. */
function request(
  msg: ToPlanWorker,
  onMessage: (m: FromPlanWorker, hosted: HostedWorker<State>) => boolean,
  signal?: AbortSignal,
  onAbort?: () => void,
): Promise<void> {
  const run = queue.then(
    () =>
      new Promise<void>((resolve) => {
        const hosted = planHost().current();
        const done = (): void => {
          hosted.state.listener = null;
          signal?.removeEventListener('abort', abort);
          if (!hosted.exited) hosted.worker.unref();
          resolve();
        };
        const abort = (): void => {
          hosted.state.listener = null;
          planHost().kill(hosted);
          onAbort?.();
          done();
        };
        if (signal?.aborted) return abort();
        signal?.addEventListener('abort', abort, { once: true });
        hosted.state.listener = (m) => {
          if (onMessage(m, hosted)) done();
        };
        hosted.worker.ref();
        hosted.worker.postMessage(msg);
      }),
  );
  queue = run.catch(() => undefined);
  return run;
}

/** Starts the generator's thread and compiles the solver, so the first plan does not wait for it. */
export async function warmUpPlanGenerator(): Promise<void> {
  let failed: string | null = null;
  await request({ type: 'warm', poolFile: options.poolFile }, (m) => {
    if (m.type === 'error') failed = m.message;
    return m.type === 'warm' || m.type === 'error';
  });
  if (failed !== null) throw new AppError('internal', `The plan generator could not start: ${failed}`);
}

/** Stops the generator's thread (app shutdown, tests). */
export async function closePlanGenerator(): Promise<void> {
  const h = host;
  host = null;
  await h?.close();
}

export async function generatePlan(input: GenerateInput, control: GenerateControl = {}): Promise<GenerateOutput> {
  const total = new Set(input.fillDays).size;
  const entries: GeneratedEntry[] = [];
  let ok = 0;
  let judged = 0;
  let result: GenerateOutput | null = null;
  let failed: string | null = null;
  control.onProgress?.({ done: 0, total, message: `Planning day 1 of ${total}…` });
  await request(
    { type: 'generate', input, poolFile: options.poolFile },
    (m) => {
      if (m.type === 'day') {
        entries.push(...m.entries);
        ok += m.ok;
        judged += m.judged;
        control.onProgress?.({
          done: m.done,
          total: m.total,
          message: m.done < m.total ? `Planned day ${m.day} (${m.done} of ${m.total})…` : 'Checking the targets…',
        });
        return false;
      }
      if (m.type === 'done') result = { entries, unmet: m.unmet, inRange: m.inRange, cancelled: false };
      if (m.type === 'error') failed = m.message;
      return m.type === 'done' || m.type === 'error';
    },
    control.signal,
    () => {
      result = { entries, unmet: [], inRange: judged === 0 ? 1 : ok / judged, cancelled: true };
    },
  );
  if (failed !== null) throw new AppError('internal', `The plan could not be generated: ${failed}`);
  if (result === null) throw new AppError('internal', 'The plan generator gave no answer.');
  return result;
}
