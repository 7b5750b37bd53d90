import { integer, real, type SQLiteRealBuilderInitial } from 'drizzle-orm/sqlite-core';
import { TRACKED } from '../../foods/nutrients.ts';

/** The bookkeeping columns of every syncable table (Unix ms; deleted_at marks a tombstone). */
export const timestamps = {
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  deletedAt: integer('deleted_at'),
};

type TrackedKey = (typeof TRACKED)[number]['key'];

/**
 * One nullable REAL column per tracked nutrient, named as core/foods/nutrients.ts names it: the typed
 * columns that log entries and daily totals share, so daily totals are plain SUMs. A nutrient that gains
 * a column there appears here at once; its migration still has to add the column to both tables.
 */
export function nutrientColumns(): { [K in TrackedKey]: SQLiteRealBuilderInitial<string> } {
  return Object.fromEntries(TRACKED.map((n) => [n.key, real(n.column)])) as {
    [K in TrackedKey]: SQLiteRealBuilderInitial<string>;
  };
}
