import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Per-table sync cursors and the device's identity; filled in by the sync feature. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Sync bookkeeping (added in 0005; core/sync). Triggers on the synced tables record which fields
 * changed (sync_dirty, one row per field, the latest edit time) while sync is on and the change is
 * not itself being applied from the server (sync_meta). A sync run stamps them with the hybrid
 * logical clock (sync_stamps keeps each field's current stamp) and moves them into the outbox in
 * batches with an idempotency key, which stay until the server acknowledges them.
 */
export const syncMeta = sqliteTable('sync_meta', {
  id: integer('id').primaryKey(),
  /** 1 once this database is signed in to a practice: the triggers record changes. */
  enabled: integer('enabled').notNull().default(0),
  /** 1 while server changes are being applied: the triggers ignore those writes. */
  applying: integer('applying').notNull().default(0),
});

export const syncDirty = sqliteTable(
  'sync_dirty',
  {
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    atMs: integer('at_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tbl, t.rowId, t.field] })],
);

export const syncStamps = sqliteTable(
  'sync_stamps',
  {
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    hlc: text('hlc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tbl, t.rowId, t.field] })],
);

/** Pulled rows waiting for their parent row (an event whose client arrives in a later page). */
export const syncParked = sqliteTable(
  'sync_parked',
  {
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    /** The pulled row as JSON (fields decrypted only when applied). */
    row: text('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tbl, t.rowId] })],
);

export const syncOutbox = sqliteTable(
  'sync_outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    batchKey: text('batch_key').notNull(),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    /** JSON of the value as sent (encrypted fields already encrypted with the practice key). */
    value: text('value').notNull(),
    hlc: text('hlc').notNull(),
  },
  (t) => [index('sync_outbox_batch_idx').on(t.batchKey, t.seq)],
);
