import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { clients } from './clients.ts';
import { nutrientColumns, timestamps } from './columns.ts';

/**
 * Everything logged about a client: diet, activity and sleep. Typed nutrient columns make daily
 * totals a plain SUM in SQL; `detail` keeps the rest (food id, amount, measure, minutes, quality).
 */
export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    kind: text('kind', { enum: ['diet', 'activity', 'sleep'] }).notNull(),
    /** When it happened, Unix ms. */
    occurredAt: integer('occurred_at').notNull(),
    /** The client's local calendar day it counts toward (YYYY-MM-DD). */
    localDate: text('local_date').notNull(),
    source: text('source', { enum: ['manual', 'photo', 'import'] }).notNull(),
    // The tracked nutrients: 8 from the first release, the other 12 added in 0001.
    ...nutrientColumns(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    ...timestamps,
    // Added in 0001: the food used, and activity/sleep measures.
    foodId: text('food_id'),
    meal: text('meal'),
    durationMin: real('duration_min'),
    burnedKcal: real('burned_kcal'),
    sleepHours: real('sleep_hours'),
    sleepQuality: integer('sleep_quality'),
    // Added in 0003: the meal photo a diet entry came from.
    photoId: text('photo_id'),
  },
  (t) => [
    index('events_client_date_idx').on(t.clientId, t.localDate),
    index('events_client_kind_idx').on(t.clientId, t.kind, t.occurredAt),
    index('events_client_food_idx').on(t.clientId, t.foodId, t.occurredAt),
  ],
);

/**
 * Per client and day: intake totals of diet entries, activity and sleep. Maintained by triggers on
 * events (migration 0002), so every write path keeps it exact; rules and the dashboard read it.
 */
export const dailyTotals = sqliteTable(
  'daily_totals',
  {
    clientId: text('client_id').notNull(),
    localDate: text('local_date').notNull(),
    dietEntries: integer('diet_entries').notNull(),
    ...nutrientColumns(),
    activityEntries: integer('activity_entries').notNull(),
    activityMin: real('activity_min'),
    burnedKcal: real('burned_kcal'),
    sleepEntries: integer('sleep_entries').notNull(),
    sleepHours: real('sleep_hours'),
    sleepQuality: real('sleep_quality'),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.localDate] }),
    // The days with diet entries of each client (logging streaks), counted from the index alone
    // (diet_entries is in it so that a query naming the index's condition needs no table row).
    index('daily_totals_logged_idx')
      .on(t.clientId, t.localDate, t.dietEntries)
      .where(sql`diet_entries > 0`),
  ],
);
