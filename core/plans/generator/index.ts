import { Worker } from 'node:worker_threads';
import { AppError } from '../../contract/errors.ts';
import type { GeneratedEntry, GenerateControl, GenerateInput, GenerateOutput } from '../generator-api.ts';
import type { FromPlanWorker, ToPlanWorker } from './worker-protocol.ts';

export { greedyPlan } from './greedy.ts';
export { loadCuratedPool } from './pool.ts';

/**
 * Generates a plan: the days are solved in a worker thread (HiGHS blocks while it solves), one MIP per
 * day. Progress is reported per day; an abort terminates the thread at once and answers with the days
 * finished so far and `cancelled: true` (nothing half-made: a day is sent only when it is whole).
 */
export function generatePlan(input: GenerateInput, control: GenerateControl = {}): Promise<GenerateOutput> {
  const total = new Set(input.fillDays).size;
  const entries: GeneratedEntry[] = [];
  let ok = 0;
  let judged = 0;
  const partial = (cancelled: boolean): GenerateOutput => ({
    entries,
    unmet: [],
    inRange: judged === 0 ? 1 : ok / judged,
    cancelled,
  });
  if (control.signal?.aborted) return Promise.resolve(partial(true));

  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      control.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      f();
    };
    const onAbort = (): void => finish(() => resolve(partial(true)));
    control.signal?.addEventListener('abort', onAbort, { once: true });
    control.onProgress?.({ done: 0, total, message: `Planning day 1 of ${total}…` });

    worker.on('message', (m: FromPlanWorker) => {
      if (settled) return;
      if (m.type === 'day') {
        entries.push(...m.entries);
        ok += m.ok;
        judged += m.judged;
        control.onProgress?.({
          done: m.done,
          total: m.total,
          message:
            m.done < m.total
              ? `Planned day ${m.day}; planning the next (${m.done + 1} of ${m.total})…`
              : 'Checking the targets…',
        });
      } else if (m.type === 'done') {
        finish(() => resolve({ entries, unmet: m.unmet, inRange: m.inRange, cancelled: false }));
      } else {
        finish(() => reject(new AppError('internal', `The plan could not be generated: ${m.message}`)));
      }
    });
    worker.on('error', (e) =>
      finish(() => reject(new AppError('internal', `The plan generator stopped: ${e.message}`))),
    );
    worker.on('exit', (code) => {
      finish(() => reject(new AppError('internal', `The plan generator stopped unexpectedly (exit code ${code}).`)));
    });
    worker.postMessage({ type: 'generate', input } satisfies ToPlanWorker);
  });
}
