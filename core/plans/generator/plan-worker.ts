import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';
import { ARCHETYPES, archetypeInput } from './archetypes.ts';
import { solvePlan, type Solver } from './solve.ts';
import type { FromPlanWorker, ToPlanWorker } from './worker-protocol.ts';

/**
 * The plan generator's thread: HiGHS is single-threaded and blocks while it solves, so each plan is
 * solved here, one day at a time, with a message per day (progress; what is done survives a cancel,
 * which terminates this thread between or during days).
 */
const port = parentPort;
if (!port) throw new Error('The plan worker runs in a worker thread.');
let highs: Solver | null = null;

port.on('message', (msg: ToPlanWorker) => {
  void (async () => {
    try {
      highs ??= (await loadHighs()) as unknown as Solver;
      if (msg.type === 'warm') {
        // One real day runs the solver's hot code, so the engine has compiled it before the first plan.
        solvePlan(archetypeInput(ARCHETYPES[1]!, 1, 1), highs, { poolFile: msg.poolFile });
        port.postMessage({ type: 'warm' } satisfies FromPlanWorker);
        return;
      }
      const run = solvePlan(msg.input, highs, {
        poolFile: msg.poolFile,
        onDay: (d, done, total) =>
          port.postMessage({
            type: 'day',
            day: d.day,
            entries: d.entries,
            ok: d.ok,
            judged: d.judged,
            done,
            total,
          } satisfies FromPlanWorker),
      });
      port.postMessage({ type: 'done', unmet: run.unmet, inRange: run.inRange } satisfies FromPlanWorker);
    } catch (e) {
      port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies FromPlanWorker);
    }
  })();
});
