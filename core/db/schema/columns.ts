import { integer } from 'drizzle-orm/sqlite-core';

/** The bookkeeping columns of every syncable table (Unix ms; deleted_at marks a tombstone). */
export const timestamps = {
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  deletedAt: integer('deleted_at'),
};
