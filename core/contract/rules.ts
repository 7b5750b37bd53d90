import { z } from 'zod';
import { Id } from './common.ts';
import { Empty, method } from './rpc.ts';

export const RuleErrorView = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  message: z.string(),
  excerpt: z.string(),
  ruleId: z.string().nullable(),
});

export const SuggestionView = z.object({ text: z.string(), tags: z.array(z.string()), contains: z.array(z.string()) });

export const RuleSummary = z.object({
  id: z.string(),
  title: z.string(),
  version: z.number(),
  description: z.string(),
  category: z.string(),
  severity: z.string(),
  origin: z.enum(['builtin', 'user']),
  file: z.string(),
  enabled: z.boolean(),
  references: z.array(z.string()),
});

export const RuleDetail = RuleSummary.extend({
  /** The rule file's text, for viewing (built-in) or editing (user rules). */
  source: z.string(),
  when: z.string(),
  reads: z.array(z.string()),
});

export const RulesState = z.object({
  rules: z.array(RuleSummary),
  /** Problems in any rule file; a broken file never stops the others. */
  errors: z.array(RuleErrorView),
  userDir: z.string(),
});

export const RECOMMENDATION_STATUSES = ['new', 'accepted', 'dismissed', 'expired', 'resolved'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export const Recommendation = z.object({
  id: Id,
  clientId: Id,
  ruleId: z.string(),
  title: z.string(),
  message: z.string(),
  /** The rule's wording for the client's own report (second person, no practitioner terms); null: none. */
  clientMessage: z.string().nullable(),
  rationale: z.string(),
  severity: z.string(),
  category: z.string(),
  confidence: z.number(),
  suggestions: z.array(SuggestionView),
  /** Guardrail notes shown with the recommendation (disclaimer, pregnancy caution, filtered suggestions). */
  guardrails: z.array(z.string()),
  references: z.array(z.string()),
  /** The condition and the values that made it true. */
  condition: z.string(),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.string())])),
  /**
   * new / accepted: open. dismissed: by the practitioner. expired: past expires_at. resolved: the rule
   * no longer fires on the client's current data (kept with the values it had when it last fired).
   */
  status: z.enum(RECOMMENDATION_STATUSES),
  dismissReason: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  expiresAt: z.number().nullable(),
});
export type Recommendation = z.infer<typeof Recommendation>;

/** What one evaluation changed, for "Check now" (what is new, what moved, what was resolved). */
export const EvaluationChange = z.object({
  kind: z.enum(['new', 'updated', 'resolved']),
  ruleId: z.string(),
  title: z.string(),
});

export const EvaluateResult = z.object({
  created: z.number(),
  updated: z.number(),
  resolved: z.number(),
  active: z.number(),
  changes: z.array(EvaluationChange),
  errors: z.array(z.object({ ruleId: z.string(), message: z.string() })),
});

export const DryRunResult = z.object({
  clientId: Id,
  ruleId: z.string().nullable(),
  errors: z.array(RuleErrorView),
  /** Every variable the rule reads, with the client's value. */
  variables: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.string())])),
  applies: z.boolean(),
  /** Why it does not apply (diet pattern, age, life stage, guardrail), when it does not. */
  skippedBecause: z.string().nullable(),
  fired: z.boolean().nullable(),
  message: z.string().nullable(),
});

export const RuleSourceInput = z.object({
  fileName: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,60}\.ya?ml$/, {
      message: 'Use a file name like low-iron.yaml (lower case, digits, dashes).',
    }),
  source: z.string().max(100_000, { message: 'The rule file is too large.' }),
});

export const rulesMethods = {
  'rules.list': method(Empty, RulesState),
  'rules.get': method(z.object({ id: z.string().min(1).max(100) }).strict(), RuleDetail),
  'rules.setEnabled': method(z.object({ id: z.string().min(1).max(100), enabled: z.boolean() }).strict(), RulesState),
  /** Checks a rule file's text without saving it (live validation while editing). */
  'rules.validate': method(
    RuleSourceInput.strict(),
    z.object({ errors: z.array(RuleErrorView), ruleIds: z.array(z.string()) }),
  ),
  /** Saves a user rule file into the practitioner's rules folder (refused while it has errors). */
  'rules.saveUserRule': method(RuleSourceInput.strict(), RulesState),
  'rules.deleteUserRule': method(z.object({ fileName: RuleSourceInput.shape.fileName }).strict(), RulesState),
  /** Evaluates one rule (saved, or the text being edited) against a client without storing anything. */
  'rules.dryRun': method(
    z
      .object({
        clientId: Id,
        ruleId: z.string().min(1).max(100).optional(),
        source: z.string().max(100_000).optional(),
      })
      .strict()
      .refine((i) => (i.ruleId === undefined) !== (i.source === undefined), {
        message: 'Give a rule id or rule text.',
      }),
    DryRunResult,
  ),

  'recommendations.list': method(
    z.object({ clientId: Id, includeClosed: z.boolean().default(false) }).strict(),
    z.array(Recommendation),
  ),
  /**
   * Evaluates the rules for a client now and says what changed. Listing also evaluates first, so an
   * open recommendation always carries the current numbers; this is "Check now".
   */
  'recommendations.evaluate': method(z.object({ clientId: Id }).strict(), EvaluateResult),
  'recommendations.accept': method(z.object({ id: Id }).strict(), Recommendation),
  'recommendations.dismiss': method(
    z
      .object({ id: Id, reason: z.string().trim().min(1, { message: 'Say why (it helps tune the rules).' }).max(500) })
      .strict(),
    Recommendation,
  ),
} as const;
