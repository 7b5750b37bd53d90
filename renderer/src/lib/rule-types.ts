import type { MethodOutput } from '@contract/index.ts';

/**
 * Names for the rule engine's contract types, derived from the methods' outputs (the schemas module
 * exports the zod objects, and the renderer may import only types).
 */
export type RulesState = MethodOutput<'rules.list'>;
export type RuleSummary = RulesState['rules'][number];
export type RuleErrorView = RulesState['errors'][number];
export type RuleDetail = MethodOutput<'rules.get'>;
export type RuleValidation = MethodOutput<'rules.validate'>;
export type DryRunResult = MethodOutput<'rules.dryRun'>;
export type Recommendation = MethodOutput<'recommendations.list'>[number];
export type EvaluateResult = MethodOutput<'recommendations.evaluate'>;
export type Suggestion = Recommendation['suggestions'][number];
/** A variable's value as the core reports it (a feature, a target, a client field). */
export type RuleValue = Recommendation['values'][string];
export type RecommendationStatus = Recommendation['status'];
export type RuleOrigin = RuleSummary['origin'];
