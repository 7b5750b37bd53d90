import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { clients } from './clients.ts';
import { timestamps } from './columns.ts';

/**
 * Recommendations produced by the rule engine, with why (the condition and the values that made it
 * true), guardrail notes and status history. One active row per client and rule (deduplicated).
 */
export const recommendations = sqliteTable(
  'recommendations',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    ruleId: text('rule_id').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    rationale: text('rationale').notNull(),
    severity: text('severity').notNull(),
    category: text('category').notNull(),
    confidence: real('confidence').notNull(),
    suggestions: text('suggestions', { mode: 'json' }).$type<unknown[]>().notNull(),
    guardrails: text('guardrails', { mode: 'json' }).$type<string[]>().notNull(),
    references: text('references', { mode: 'json' }).$type<string[]>().notNull(),
    condition: text('condition').notNull(),
    values: text('values', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** 'new' | 'accepted' | 'dismissed' | 'expired' | 'resolved' (the rule stopped firing on new data) */
    status: text('status').notNull(),
    dismissReason: text('dismiss_reason'),
    /** Added in 0006: the rule's wording for the client's own report (null: the rule has none). */
    clientMessage: text('client_message'),
    expiresAt: integer('expires_at'),
    ...timestamps,
  },
  (t) => [index('recommendations_client_idx').on(t.clientId, t.status, t.ruleId)],
);

/** Rules the practitioner switched off (built-in or user rules), by rule id. */
export const ruleSettings = sqliteTable('rule_settings', {
  ruleId: text('rule_id').primaryKey(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});
