import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { clients } from './clients.ts';
import { timestamps } from './columns.ts';

/**
 * Per client: the foods the practitioner starred for them (added in 0011), and the meals saved to log
 * again in one go ("Ana's usual breakfast"). Both are about the client and sync like the log: only the
 * ids, the client link and the times are readable to the server; removal is a tombstone (deleted_at),
 * and erasing the client removes them outright here.
 */
export const clientFavourites = sqliteTable(
  'client_favourites',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** A database food, custom food or recipe (foods.id); not a foreign key, so a deleted food's star stays. */
    foodId: text('food_id').notNull(),
    ...timestamps,
  },
  (t) => [index('client_favourites_client_idx').on(t.clientId, t.foodId)],
);

/** One entry of a meal template, as logged: the food, its grams and the household measure as typed. */
export interface TemplateEntryRecord {
  foodId: string;
  /** The food's name when saved, to name it if the food is deleted later. */
  foodName: string;
  grams: number;
  /** "1 medium", "½ cup" as the practitioner typed it; null when the entry was given in grams. */
  amountText: string | null;
  note: string | null;
}

export const mealTemplates = sqliteTable(
  'meal_templates',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The meal it was saved from (the default when logging it); null for entries without a meal. */
    meal: text('meal'),
    /** The entries (TemplateEntryRecord[]): saved and logged as a unit, never edited one by one. */
    entriesJson: text('entries_json', { mode: 'json' }).$type<TemplateEntryRecord[]>().notNull(),
    ...timestamps,
  },
  (t) => [index('meal_templates_client_idx').on(t.clientId)],
);
