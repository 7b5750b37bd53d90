import { parentPort } from 'node:worker_threads';
import { compileRuleSet, type CompiledRule, type FromRuleWorker, type ToRuleWorker } from './worker-protocol.ts';
import { evaluateRule, readValues } from './evaluate.ts';

/**
 * Worker-thread entry for rule evaluation. cel-js has no evaluation time or memory limit, so rules run
 * here, where the main thread's watchdog can terminate a runaway condition without blocking the app.
 * The rule set is compiled once per `load`; each `eval` request runs its rules in order and posts one
 * message per rule as it finishes (the watchdog's heartbeat), then `done`.
 */
const port = parentPort;
if (!port) throw new Error('rule-worker.ts must run in a worker thread');

let rules = new Map<string, CompiledRule>();

function post(msg: FromRuleWorker): void {
  port!.postMessage(msg);
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
  // Ad-hoc rules (a dry run of text being edited) are compiled for this request only.
  const adhoc = msg.adhoc.length ? compileRuleSet(msg.adhoc) : null;
  for (const ruleId of msg.ruleIds) {
    const rule = adhoc?.rules.get(ruleId) ?? rules.get(ruleId);
    if (!rule) {
      const message = adhoc?.errors.find((e) => e.ruleId === ruleId)?.message ?? `The rule "${ruleId}" is not loaded.`;
      post({ type: 'rule', id: msg.id, ruleId, fired: null, values: {}, error: message });
      continue;
    }
    const values = readValues(rule, msg.variables);
    // insufficient-data (a read value is null) → fired null: not enough data, not "false".
    const outcome = evaluateRule(rule, msg.variables);
    const fired = outcome.status === 'fired' ? true : outcome.status === 'not-fired' ? false : null;
    const error = outcome.status === 'error' ? outcome.message : null;
    post({ type: 'rule', id: msg.id, ruleId, fired, values, error });
  }
  post({ type: 'done', id: msg.id });
});
