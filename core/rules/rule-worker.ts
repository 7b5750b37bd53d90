import { parentPort } from 'node:worker_threads';
import {
  compileRuleSet,
  type CompiledRule,
  type FromRuleWorker,
  type ToRuleWorker,
  type WorkerOutcome,
} from './worker-protocol.ts';
import { evaluateRule, readValues } from './evaluate.ts';
import type { Variables } from './types.ts';

/**
 * Worker-thread entry for rule evaluation. cel-js has no evaluation time or memory limit, so rules run
 * here, where the main thread's watchdog can terminate a runaway condition without blocking the app.
 * The rule set is compiled once per `load`; each `eval` request runs its rules in order and posts one
 * message per rule as it finishes (the watchdog's heartbeat), then `done`. An `evalBatch` request
 * (many clients) posts one message per client and beats the watchdog through shared memory instead,
 * since a message per rule would cost more than the rules themselves.
 */
const port = parentPort;
if (!port) throw new Error('rule-worker.ts must run in a worker thread');

let rules = new Map<string, CompiledRule>();

function post(msg: FromRuleWorker): void {
  port!.postMessage(msg);
}

function outcomeOf(
  ruleId: string,
  variables: Variables,
  adhoc: ReturnType<typeof compileRuleSet> | null,
  withValues: boolean,
): WorkerOutcome {
  const rule = adhoc?.rules.get(ruleId) ?? rules.get(ruleId);
  if (!rule) {
    const message = adhoc?.errors.find((e) => e.ruleId === ruleId)?.message ?? `The rule "${ruleId}" is not loaded.`;
    return { ruleId, fired: null, values: {}, error: message };
  }
  const values = withValues ? readValues(rule, variables) : {};
  // insufficient-data (a read value is null) → fired null: not enough data, not "false".
  const outcome = evaluateRule(rule, variables);
  const fired = outcome.status === 'fired' ? true : outcome.status === 'not-fired' ? false : null;
  const error = outcome.status === 'error' ? outcome.message : null;
  return { ruleId, fired, values, error };
}

port.on('message', (msg: ToRuleWorker) => {
  if (msg.type === 'load') {
    const compiled = compileRuleSet(msg.rules);
    rules = compiled.rules;
    post({ type: 'loaded', generation: msg.generation, errors: compiled.errors });
    return;
  }
  if (msg.type === 'close') {
    port.close();
    return;
  }
  if (msg.type === 'evalBatch') {
    const progress = new Float64Array(msg.progress);
    const beat = (): void => {
      progress[0] = (progress[0] ?? 0) + 1;
      progress[1] = performance.timeOrigin + performance.now();
    };
    msg.items.forEach((item, index) => {
      const fired: (boolean | null)[] = [];
      const errors: (string | null)[] = [];
      for (const ruleId of item.ruleIds) {
        const o = outcomeOf(ruleId, item.variables, null, false);
        fired.push(o.fired);
        errors.push(o.error);
        beat();
      }
      post({ type: 'item', id: msg.id, index, fired, errors });
    });
    post({ type: 'done', id: msg.id });
    return;
  }
  // Ad-hoc rules (a dry run of text being edited) are compiled for this request only.
  const adhoc = msg.adhoc.length ? compileRuleSet(msg.adhoc) : null;
  for (const ruleId of msg.ruleIds) {
    post({ type: 'rule', id: msg.id, ...outcomeOf(ruleId, msg.variables, adhoc, true) });
  }
  post({ type: 'done', id: msg.id });
});
