import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { timestamps } from './columns.ts';

/** A practitioner's clients: the profile targets and rules are computed from. */
export const clients = sqliteTable(
  'clients',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    birthDate: text('birth_date'),
    sex: text('sex', { enum: ['female', 'male'] }),
    heightCm: real('height_cm'),
    weightKg: real('weight_kg'),
    activityLevel: text('activity_level').notNull(),
    dietPattern: text('diet_pattern').notNull(),
    allergies: text('allergies', { mode: 'json' }).$type<string[]>().notNull(),
    lifeStage: text('life_stage').notNull(),
    lifeStageDetail: integer('life_stage_detail'),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    email: text('email'),
    phone: text('phone'),
    notes: text('notes'),
    energyEquation: text('energy_equation').notNull(),
    archivedAt: integer('archived_at'),
    // Added in 0004: hide calorie-focused rules and numbers for this client (eating-disorder care).
    edSensitive: integer('ed_sensitive', { mode: 'boolean' }).notNull().default(false),
    // Added in 0006: what the client works towards and the medical conditions targets and rules consider.
    goal: text('goal').notNull().default('maintenance'),
    goalRateKgWeek: real('goal_rate_kg_week'),
    conditions: text('conditions', { mode: 'json' }).$type<string[]>().notNull().default([]),
    ckdStage: integer('ckd_stage'),
    ...timestamps,
  },
  (t) => [index('clients_name_idx').on(t.name), index('clients_updated_idx').on(t.updatedAt)],
);

/**
 * Effective-dated target settings per client. The row in force on a date is the latest one whose
 * effective_from is on or before it; earlier rows are the history. `overrides` maps target keys to
 * the practitioner's values; keys not present use the computed value.
 */
export const clientTargets = sqliteTable(
  'client_targets',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    effectiveFrom: text('effective_from').notNull(),
    equation: text('equation').notNull(),
    overrides: text('overrides', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    note: text('note'),
    ...timestamps,
  },
  (t) => [index('client_targets_client_idx').on(t.clientId, t.effectiveFrom)],
);
