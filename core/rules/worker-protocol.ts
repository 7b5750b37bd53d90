import { readsOf } from './evaluate.ts';
import type { Variables } from './types.ts';

/** What the worker needs of a rule: its condition and the variables it reads (for values and nulls). */
export interface WorkerRule {
  id: string;
  when: string;
  reads: string[];
}

export type VariableValue = number | string | boolean | string[] | null;

export type ToRuleWorker =
  | { type: 'load'; generation: number; rules: WorkerRule[] }
  | { type: 'eval'; id: number; ruleIds: string[]; adhoc: WorkerRule[]; variables: Variables }
  /**
   * Many clients in one request (a whole practice). `progress` is a Float64Array over shared memory:
   * [0] the rules finished so far, [1] when the last one finished (ms since the epoch), the watchdog's
   * heartbeat without one message per rule.
   */
  | { type: 'evalBatch'; id: number; items: BatchItem[]; progress: SharedArrayBuffer }
  | { type: 'close' };

export interface BatchItem {
  ruleIds: string[];
  variables: Variables;
}

export interface WorkerOutcome {
  ruleId: string;
  fired: boolean | null;
  values: Record<string, unknown>;
  error: string | null;
}

export type FromRuleWorker =
  | { type: 'loaded'; generation: number; errors: { ruleId: string; message: string }[] }
  | {
      type: 'rule';
      id: number;
      ruleId: string;
      fired: boolean | null;
      values: Record<string, unknown>;
      error: string | null;
    }
  /**
   * One client of an evalBatch request: for each rule in the order asked, fired (null: not enough
   * data or an error) and the error. The values a rule read are not sent back: the caller has them.
   */
  | { type: 'item'; id: number; index: number; fired: (boolean | null)[]; errors: (string | null)[] }
  | { type: 'done'; id: number };

export interface CompiledRule {
  id: string;
  when: string;
  reads: string[];
}

/**
 * Compiles every rule once (evaluate.ts caches the compiled condition by its text); a rule that does
 * not compile is reported and left out. The loader has type-checked them already, so this only
 * catches a rule set sent without going through it.
 */
export function compileRuleSet(rules: readonly WorkerRule[]): {
  rules: Map<string, CompiledRule>;
  errors: { ruleId: string; message: string }[];
} {
  const out = new Map<string, CompiledRule>();
  const errors: { ruleId: string; message: string }[] = [];
  for (const r of rules) {
    try {
      readsOf(r.when);
      out.set(r.id, { id: r.id, when: r.when, reads: r.reads });
    } catch (e) {
      errors.push({ ruleId: r.id, message: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e) });
    }
  }
  return { rules: out, errors };
}
