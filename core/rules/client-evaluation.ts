import { readValues } from './evaluate.ts';
import type { RuleEvaluator, RuleOutcome } from './evaluator.ts';
import { renderText } from './format.ts';
import { applyGuardrails, skipReason, whyNotApplicable } from './guardrails.ts';
import type { RuleDef, Suggestion, Variables } from './types.ts';
import type { VariableValue, WorkerRule } from './worker-protocol.ts';

/**
 * One client against a set of rules: applies_to and the skip guardrails first (in this thread, no
 * worker needed), then the conditions of the remaining rules in the worker (one request), then the
 * message and the suggestion guardrails for the rules that fired. Shared by recommendations.evaluate,
 * rules.dryRun and the benchmark, so all three see exactly the same decisions.
 */

export interface RuleVerdict {
  rule: RuleDef;
  applies: boolean;
  /** applies_to or a skip guardrail (pregnancy, eating-disorder care); null when shown. */
  skippedBecause: string | null;
  /** null: not evaluated, not enough data (a read value is null), or an error. */
  fired: boolean | null;
  /** Every variable the condition reads, with the client's value. */
  values: Record<string, VariableValue>;
  error: string | null;
  /** Rendered, after the guardrails; null unless it fired and is shown. */
  message: string | null;
  /** The rule's client_message rendered the same way; null when the rule has none. */
  clientMessage: string | null;
  suggestions: Suggestion[];
  notes: string[];
}

function guardrailClient(v: Variables): {
  dietPattern: string;
  allergies: string[];
  lifeStage: string;
  edSensitive: boolean;
  ageYears: number | null;
  tags: string[];
  conditions: string[];
  goal: string;
} {
  const c = v.client;
  return {
    dietPattern: String(c.diet_pattern ?? 'other'),
    allergies: Array.isArray(c.allergies) ? c.allergies : [],
    lifeStage: String(c.life_stage ?? 'none'),
    edSensitive: c.ed_sensitive === true,
    ageYears: typeof c.age_years === 'number' ? c.age_years : null,
    tags: Array.isArray(c.tags) ? c.tags : [],
    conditions: Array.isArray(c.conditions) ? c.conditions : [],
    goal: String(c.goal ?? 'maintenance'),
  };
}

export interface EvaluateClientOptions {
  /** Rules compiled for this call only (the text of a rule being edited). */
  adhoc?: boolean;
  /** Evaluate the condition even when the rule is skipped for this client (dry runs explain both). */
  evaluateSkipped?: boolean;
}

/** The verdicts before the worker: applies_to and the skip guardrails; which rules to evaluate. */
function prepare(
  rules: readonly RuleDef[],
  variables: Variables,
  opts: EvaluateClientOptions,
): { gc: ReturnType<typeof guardrailClient>; verdicts: RuleVerdict[]; toRun: RuleVerdict[] } {
  const gc = guardrailClient(variables);
  const verdicts: RuleVerdict[] = rules.map((rule) => {
    const notApplicable = whyNotApplicable(rule, gc);
    // The skip guardrails do not depend on the message, so they are checked before evaluating.
    const skip = notApplicable ?? skipReason(rule, gc);
    return {
      rule,
      applies: notApplicable === null,
      skippedBecause: skip,
      fired: null,
      values: readValues(rule, variables),
      error: null,
      message: null,
      clientMessage: null,
      suggestions: [],
      notes: [],
    };
  });
  const toRun = verdicts.filter((v) => v.skippedBecause === null || opts.evaluateSkipped);
  return { gc, verdicts, toRun };
}

/** The worker's outcomes into the verdicts, then the message and suggestion guardrails of what fired. */
function finish(
  toRun: RuleVerdict[],
  outcomes: readonly RuleOutcome[],
  variables: Variables,
  gc: ReturnType<typeof guardrailClient>,
  opts: EvaluateClientOptions,
): void {
  outcomes.forEach((o, i) => {
    const v = toRun[i];
    if (!v || v.rule.id !== o.ruleId) return;
    v.fired = o.fired;
    v.error = o.error;
    if (o.fired !== true || (v.skippedBecause !== null && !opts.evaluateSkipped)) return;
    const rendered = renderText(v.rule.then.message, variables, { hideEnergy: gc.edSensitive });
    const g = applyGuardrails(v.rule, gc, rendered);
    v.message = g.message;
    const forClient = v.rule.then.clientMessage;
    v.clientMessage =
      forClient === null
        ? null
        : applyGuardrails(v.rule, gc, renderText(forClient, variables, { hideEnergy: gc.edSensitive })).message;
    v.suggestions = g.suggestions;
    v.notes = g.notes;
  });
}

export async function evaluateClient(
  evaluator: RuleEvaluator,
  rules: readonly RuleDef[],
  variables: Variables,
  opts: EvaluateClientOptions = {},
): Promise<RuleVerdict[]> {
  const { gc, verdicts, toRun } = prepare(rules, variables, opts);
  if (toRun.length === 0) return verdicts;
  const adhoc: WorkerRule[] = opts.adhoc
    ? toRun.map(({ rule }) => ({ id: rule.id, when: rule.when, reads: rule.reads }))
    : [];
  const outcomes = await evaluator.evaluate(
    toRun.map((v) => v.rule.id),
    variables,
    adhoc,
  );
  finish(toRun, outcomes, variables, gc, opts);
  return verdicts;
}

/**
 * Many clients against the loaded rule set, in one worker request: for each client exactly what
 * evaluateClient gives (the same preparation and finishing; the worker runs the same conditions).
 */
export async function evaluateClients(
  evaluator: RuleEvaluator,
  rules: readonly RuleDef[],
  variablesOfClients: readonly Variables[],
): Promise<RuleVerdict[][]> {
  const prepared = variablesOfClients.map((variables) => ({ variables, ...prepare(rules, variables, {}) }));
  const outcomes = await evaluator.evaluateMany(
    prepared.map((p) => ({ ruleIds: p.toRun.map((v) => v.rule.id), variables: p.variables })),
  );
  return prepared.map((p, i) => {
    finish(p.toRun, outcomes[i] ?? [], p.variables, p.gc, {});
    return p.verdicts;
  });
}
