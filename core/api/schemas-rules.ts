import { z } from 'zod';
import { Id } from './schemas.ts';

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

export const Recommendation = z.object({
  id: Id,
  clientId: Id,
  ruleId: z.string(),
  title: z.string(),
  message: z.string(),
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
  status: z.enum(['new', 'accepted', 'dismissed', 'expired']),
  dismissReason: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  expiresAt: z.number().nullable(),
});
export type Recommendation = z.infer<typeof Recommendation>;

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
