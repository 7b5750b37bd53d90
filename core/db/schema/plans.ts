import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { clients } from './clients.ts';
import { timestamps } from './columns.ts';

/**
 * Meal plans (added in 0008). A plan's versions are rows of meal_plans sharing `root_id` (the first
 * version's id); only the newest version of a chain may be a draft, the older ones were sent and stay
 * as sent. Entries and notes carry their client's id too, so that a client's erasure and sync reach
 * them the same way as every other record about the client.
 */
export const mealPlans = sqliteTable(
  'meal_plans',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startDate: text('start_date').notNull(),
    days: integer('days').notNull(),
    /** The day's meal slots (PlanSlot[] of core/contract/plans.ts). */
    slotsJson: text('slots_json', { mode: 'json' }).$type<unknown[]>().notNull(),
    showNumbers: integer('show_numbers', { mode: 'boolean' }).notNull(),
    excludedFoodIdsJson: text('excluded_food_ids_json', { mode: 'json' }).$type<string[]>().notNull(),
    /** 'draft' | 'sent' */
    status: text('status').notNull(),
    version: integer('version').notNull(),
    previousVersionId: text('previous_version_id'),
    rootId: text('root_id').notNull(),
    sentAt: integer('sent_at'),
    ...timestamps,
  },
  (t) => [
    index('meal_plans_client_idx').on(t.clientId, t.rootId, t.version),
    index('meal_plans_root_idx').on(t.rootId, t.version),
  ],
);

export const mealPlanEntries = sqliteTable(
  'meal_plan_entries',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => mealPlans.id, { onDelete: 'cascade' }),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    day: integer('day').notNull(),
    slot: text('slot').notNull(),
    position: integer('position').notNull(),
    foodId: text('food_id').notNull(),
    /** The household amount as resolved ("1 cup (240 g)"), or null when given in grams. */
    amount: text('amount'),
    grams: real('grams').notNull(),
    /** The entry this one is an "or" alternative to (same plan, day and slot). */
    altOf: text('alt_of'),
    pinned: integer('pinned', { mode: 'boolean' }).notNull(),
    note: text('note'),
    ...timestamps,
  },
  (t) => [index('meal_plan_entries_plan_idx').on(t.planId, t.day, t.slot, t.position)],
);

export const mealPlanNotes = sqliteTable(
  'meal_plan_notes',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => mealPlans.id, { onDelete: 'cascade' }),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    day: integer('day').notNull(),
    /** Null: a note for the whole day. */
    slot: text('slot'),
    text: text('text').notNull(),
    ...timestamps,
  },
  (t) => [index('meal_plan_notes_plan_idx').on(t.planId, t.day)],
);
