import type { ResourceLimits } from 'node:worker_threads';
import { createWorkerHost, type HostedWorker } from '../util/worker-host.ts';
import type { Logger } from '../logging/log.ts';
import type { Variables } from './types.ts';
import type { BatchItem, FromRuleWorker, ToRuleWorker, VariableValue, WorkerRule } from './worker-protocol.ts';

export type { BatchItem, VariableValue, WorkerRule };

/** One rule's result: fired (null = not enough data or an error), the values it read, and why it failed. */
export interface RuleOutcome {
  ruleId: string;
  fired: boolean | null;
  values: Record<string, VariableValue>;
  error: string | null;
}

export interface RuleEvaluator {
  /** The rule set the worker compiles (once, on its next request); replaces the previous set. */
  setRules(rules: readonly WorkerRule[]): void;
  /** Runs the rules in order against one client's variables; `adhoc` rules are compiled for this call only. */
  evaluate(ruleIds: readonly string[], variables: Variables, adhoc?: readonly WorkerRule[]): Promise<RuleOutcome[]>;
  /**
   * Many clients in one request: the same outcomes, client by client, as `evaluate` for each, except
   * that `values` is left empty (the caller reads them from the variables it sent). A
   * client in flight when a rule runs away or the worker crashes is evaluated again alone with
   * `evaluate`'s per-rule watchdog (which names the rule); the clients after it go on in a batch.
   */
  evaluateMany(items: readonly BatchItem[]): Promise<RuleOutcome[][]>;
  /** How many times the worker was replaced after a runaway rule or a crash (for tests and logs). */
  readonly restarts: number;
  close(): Promise<void>;
}

export interface RuleEvaluatorOptions {
  /** A rule still running after this long is stopped (the worker is terminated and replaced). */
  timeLimitMs?: number;
  /** The worker entry; Electron's build passes out/main/rule-worker.js. */
  workerPath?: string | URL;
  /** Heap cap for the worker, so a condition that allocates without end crashes it, not the app. */
  resourceLimits?: ResourceLimits;
  log?: Logger;
}

export const DEFAULT_RULE_TIME_LIMIT_MS = 250;
const LOAD_TIME_LIMIT_MS = 15_000;

export const runawayMessage = (ms: number): string => `stopped after ${ms} ms: it did not finish (a runaway condition)`;

/** A rule worker, with the generation of the rule set it has compiled (-1: none yet). */
type Live = HostedWorker<{ generation: number }>;

type Attempt = { finished: RuleOutcome[]; failed: string | null };

/**
 * The main-thread side of rule evaluation: a long-lived worker (started on first use, replaced when
 * stopped) and a watchdog. Requests run one at a time. While a request runs, a timer is re-armed each
 * time the worker reports a finished rule; when it expires, the rule in flight is reported as a runaway,
 * the worker is terminated and a fresh one continues with the remaining rules. A crash (exit, out of
 * memory) is reported the same way for the rule in flight.
 */
export function createRuleEvaluator(options: RuleEvaluatorOptions = {}): RuleEvaluator {
  const limit = options.timeLimitMs ?? DEFAULT_RULE_TIME_LIMIT_MS;
  const entry = options.workerPath ?? new URL('./rule-worker.ts', import.meta.url);
  const resourceLimits = options.resourceLimits ?? { maxOldGenerationSizeMb: 256 };
  let rules: WorkerRule[] = [];
  let generation = 0;
  let closed = false;
  let restarts = 0;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();

  const host = createWorkerHost<{ generation: number }>(entry, {
    resourceLimits,
    // An idle worker must not keep a CLI process alive; a request in flight holds a timer instead.
    unref: true,
    setUp(worker) {
      worker.on('error', (e) => options.log?.warn('rule worker error', { error: e.message }));
      return { generation: -1 };
    },
  });
  const kill = (state: Live): void => host.kill(state);

  /** A worker with the current rule set compiled. */
  async function ready(): Promise<Live> {
    if (closed) throw new Error('The rule engine was closed.');
    const state = host.current();
    if (state.state.generation === generation) return state;
    const want = generation;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail('the rules did not load in time'), LOAD_TIME_LIMIT_MS);
      const cleanup = (): void => {
        clearTimeout(timer);
        state.worker.off('message', onMessage);
        state.worker.off('exit', onExit);
      };
      function fail(why: string): void {
        cleanup();
        kill(state);
        reject(new Error(`The rule engine could not start (${why}).`));
      }
      function onMessage(msg: FromRuleWorker): void {
        if (msg.type !== 'loaded' || msg.generation !== want) return;
        cleanup();
        state.state.generation = want;
        for (const e of msg.errors) options.log?.warn('rule did not compile', { ruleId: e.ruleId, error: e.message });
        resolve();
      }
      const onExit = (code: number): void => fail(`exit code ${code}`);
      state.worker.on('message', onMessage);
      state.worker.on('exit', onExit);
      state.worker.postMessage({ type: 'load', generation: want, rules } satisfies ToRuleWorker);
    });
    return state;
  }

  /** Runs `ruleIds` until all finish or one is stopped/crashes; reports which. */
  function attempt(state: Live, ruleIds: string[], variables: Variables, adhoc: WorkerRule[]): Promise<Attempt> {
    const id = nextId++;
    const finished: RuleOutcome[] = [];
    return new Promise<Attempt>((resolve) => {
      let progress = 0;
      let timer: NodeJS.Timeout | null = null;
      const settle = (failed: string | null): void => {
        if (timer) clearTimeout(timer);
        state.worker.off('message', onMessage);
        state.worker.off('exit', onExit);
        resolve({ finished, failed });
      };
      const arm = (): void => {
        if (timer) clearTimeout(timer);
        const seen = progress;
        timer = setTimeout(() => {
          // Let messages that arrived while this thread was busy be handled first (poll runs before
          // check), so a slow main thread never mistakes a finished rule for a runaway one.
          setImmediate(() => {
            if (progress !== seen) return;
            kill(state);
            settle(runawayMessage(limit));
          });
        }, limit);
      };
      function onMessage(msg: FromRuleWorker): void {
        if (msg.type === 'rule' && msg.id === id) {
          progress++;
          finished.push({
            ruleId: msg.ruleId,
            fired: msg.fired,
            values: msg.values as Record<string, VariableValue>,
            error: msg.error,
          });
          arm();
        } else if (msg.type === 'done' && msg.id === id) {
          settle(null);
        }
      }
      function onExit(code: number): void {
        const why = state.lastError ?? `exit code ${code}`;
        settle(`the rule engine stopped unexpectedly while evaluating it (${why})`);
      }
      state.worker.on('message', onMessage);
      state.worker.on('exit', onExit);
      arm();
      state.worker.postMessage({ type: 'eval', id, ruleIds, adhoc, variables } satisfies ToRuleWorker);
    });
  }

  async function run(ruleIds: readonly string[], variables: Variables, adhoc: WorkerRule[]): Promise<RuleOutcome[]> {
    const out: RuleOutcome[] = [];
    let remaining = [...ruleIds];
    while (remaining.length > 0) {
      let state: Live;
      try {
        state = await ready();
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return [...out, ...remaining.map((ruleId) => ({ ruleId, fired: null, values: {}, error: message }))];
      }
      const { finished, failed } = await attempt(state, remaining, variables, adhoc);
      out.push(...finished);
      remaining = remaining.slice(finished.length);
      if (failed !== null) {
        const [culprit, ...rest] = remaining;
        if (culprit !== undefined) {
          out.push({ ruleId: culprit, fired: null, values: {}, error: failed });
          options.log?.warn('rule stopped', { ruleId: culprit, error: failed });
        }
        remaining = rest;
        restarts++;
      }
    }
    return out;
  }

  /**
   * Runs the items until all finish or a rule runs away / the worker stops. The worker reports each
   * finished rule in shared memory; a check every fifth of the limit stops it when no rule has
   * finished for the whole limit.
   */
  function attemptBatch(
    state: Live,
    items: readonly BatchItem[],
  ): Promise<{ finished: RuleOutcome[][]; failed: boolean }> {
    const id = nextId++;
    const finished: RuleOutcome[][] = [];
    const shared = new SharedArrayBuffer(16);
    const progress = new Float64Array(shared);
    progress[1] = performance.timeOrigin + performance.now();
    const total = items.reduce((n, i) => n + i.ruleIds.length, 0);
    let settled = false;
    return new Promise((resolve) => {
      const settle = (failed: boolean): void => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        state.worker.off('message', onMessage);
        state.worker.off('exit', onExit);
        resolve({ finished, failed });
      };
      const timer = setInterval(
        () => {
          // Messages that arrived while this thread was busy are handled first (as in attempt()).
          setImmediate(() => {
            // Answered meanwhile, or every rule finished and the answer is on its way: not a runaway.
            if (settled || (progress[0] ?? 0) >= total) return;
            if (performance.timeOrigin + performance.now() - (progress[1] ?? 0) < limit) return;
            kill(state);
            settle(true);
          });
        },
        Math.max(1, Math.floor(limit / 5)),
      );
      function onMessage(msg: FromRuleWorker): void {
        if (msg.type === 'item' && msg.id === id) {
          const ruleIds = items[msg.index]?.ruleIds ?? [];
          finished.push(
            ruleIds.map((ruleId, k) => ({
              ruleId,
              fired: msg.fired[k] ?? null,
              values: {},
              error: msg.errors[k] ?? null,
            })),
          );
        } else if (msg.type === 'done' && msg.id === id) {
          settle(false);
        }
      }
      function onExit(): void {
        settle(true);
      }
      state.worker.on('message', onMessage);
      state.worker.on('exit', onExit);
      state.worker.postMessage({
        type: 'evalBatch',
        id,
        items: items.map((i) => ({ ruleIds: [...i.ruleIds], variables: i.variables })),
        progress: shared,
      } satisfies ToRuleWorker);
    });
  }

  async function runMany(items: readonly BatchItem[]): Promise<RuleOutcome[][]> {
    const out: RuleOutcome[][] = [];
    while (out.length < items.length) {
      const rest = items.slice(out.length);
      let state: Live;
      try {
        state = await ready();
      } catch {
        // The engine did not start: each client gets run()'s answer (every rule with the reason).
        for (const item of rest) out.push(await run(item.ruleIds, item.variables, []));
        break;
      }
      const { finished, failed } = await attemptBatch(state, rest);
      out.push(...finished.slice(0, rest.length));
      // A batch that ended without an answer for every client is treated as a stopped one.
      if (!failed && finished.length >= rest.length) continue;
      restarts++;
      const inFlight = items[out.length];
      if (inFlight) out.push(await run(inFlight.ruleIds, inFlight.variables, []));
    }
    return out;
  }

  return {
    setRules(next) {
      rules = next.map((r) => ({ id: r.id, when: r.when, reads: [...r.reads] }));
      generation++;
    },
    evaluate(ruleIds, variables, adhoc = []) {
      const result = queue.then(() => run(ruleIds, variables, [...adhoc]));
      queue = result.catch(() => undefined);
      return result;
    },
    evaluateMany(items) {
      const result = queue.then(() => runMany(items));
      queue = result.catch(() => undefined);
      return result;
    },
    get restarts(): number {
      return restarts;
    },
    async close() {
      closed = true;
      await host.close();
    },
  };
}
