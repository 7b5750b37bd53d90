import type { Sqlite } from '../db/open.ts';
import { prepared } from '../db/statements.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { LOCAL_TABLES, TABLE_ORDER, q } from './local-tables.ts';
import { encryptField, fieldContext } from './practice-key.ts';
import { type HybridClock, MAX_PUSH_CHANGES, TABLE_SPECS, type FieldChange, type SyncTable } from './protocol.ts';

/**
 * The device side of sync inside the encrypted database: what changed (sync_dirty), each field's
 * current stamp (sync_stamps), the outbox of stamped changes in idempotent batches, and key/value
 * state (sync_state). Everything here is synchronous SQLite work inside transactions.
 */

/** Columns holding JSON text in SQLite: sent as JSON values, stored back as text. */
export const JSON_COLUMNS = new Set([
  'allergies',
  'tags',
  'overrides',
  'detail',
  'nutrients',
  'suggestions',
  'guardrails',
  'references',
  'values',
]);

export function getState(sqlite: Sqlite, key: string): string | null {
  const row = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setState(sqlite: Sqlite, key: string, value: string | null): void {
  if (value === null) sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
  else
    sqlite
      .prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
}

export function syncEnabled(sqlite: Sqlite): boolean {
  return (sqlite.prepare('SELECT enabled FROM sync_meta WHERE id = 1').get() as { enabled: number }).enabled === 1;
}

/**
 * Turns change recording on and enqueues every existing row's non-empty fields, so what was made
 * before signing in is uploaded at the first sync.
 */
export function enableSync(sqlite: Sqlite): number {
  return sqlite.transaction(() => {
    sqlite.prepare('UPDATE sync_meta SET enabled = 1, applying = 0 WHERE id = 1').run();
    let marked = 0;
    for (const table of TABLE_ORDER) {
      const t = LOCAL_TABLES[table];
      for (const col of t.columns) {
        marked += sqlite
          .prepare(
            `INSERT INTO sync_dirty (tbl, row_id, field, at_ms)
             SELECT '${table}', id, '${col}', updated_at FROM ${t.sqlTable}
             WHERE ${q(col)} IS NOT NULL${t.where ? ` AND ${t.where}` : ''}
             ON CONFLICT DO NOTHING`,
          )
          .run().changes;
      }
    }
    for (const [child, col, field] of [
      ['food_portions', 'food_id', 'portions'],
      ['recipe_ingredients', 'recipe_id', 'ingredients'],
    ] as const) {
      marked += sqlite
        .prepare(
          `INSERT INTO sync_dirty (tbl, row_id, field, at_ms)
           SELECT DISTINCT 'custom_foods', f.id, '${field}', f.updated_at FROM ${child} c JOIN foods f ON f.id = c.${col}
           WHERE f.source IN ('custom', 'recipe') ON CONFLICT DO NOTHING`,
        )
        .run().changes;
    }
    return marked;
  })();
}

export function disableSync(sqlite: Sqlite): void {
  sqlite.transaction(() => {
    sqlite.prepare('UPDATE sync_meta SET enabled = 0, applying = 0 WHERE id = 1').run();
    for (const t of ['sync_dirty', 'sync_stamps', 'sync_outbox', 'sync_parked', 'sync_state'])
      sqlite.prepare(`DELETE FROM ${t}`).run();
  })();
}

/** The synced value of one field, as it goes on the wire (before encryption). */
export function readField(sqlite: Sqlite, table: SyncTable, id: string, field: string): unknown {
  const t = LOCAL_TABLES[table];
  if (table === 'custom_foods' && field === 'portions')
    return prepared(
      sqlite,
      'SELECT id, seq, amount, unit, grams FROM food_portions WHERE food_id = ? ORDER BY seq',
    ).all(id);
  if (table === 'custom_foods' && field === 'ingredients')
    return prepared(
      sqlite,
      'SELECT id, food_id, grams, seq FROM recipe_ingredients WHERE recipe_id = ? ORDER BY seq',
    ).all(id);
  const row = prepared(sqlite, `SELECT ${q(field)} AS v FROM ${t.sqlTable} WHERE id = ?`).get(id) as
    { v: unknown } | undefined;
  if (!row) return undefined;
  if (row.v !== null && JSON_COLUMNS.has(field)) return JSON.parse(String(row.v)) as unknown;
  return row.v;
}

export function pendingCount(sqlite: Sqlite): number {
  const a = (sqlite.prepare('SELECT count(*) AS n FROM sync_dirty').get() as { n: number }).n;
  const b = (sqlite.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;
  return a + b;
}

/**
 * Stamps every recorded change with the hybrid logical clock (in edit-time order, so the clock
 * reflects when each edit was made), reads its current value, encrypts the private fields with the
 * practice key, and moves it into the outbox in batches of at most MAX_PUSH_CHANGES, each with its
 * own idempotency key. One transaction: either all of it is staged or none.
 */
export function stageChanges(sqlite: Sqlite, clock: HybridClock, practiceKey: Buffer): number {
  return sqlite.transaction(() => {
    const dirty = sqlite
      .prepare('SELECT tbl, row_id, field, at_ms FROM sync_dirty ORDER BY at_ms, tbl, row_id, field')
      .all() as { tbl: SyncTable; row_id: string; field: string; at_ms: number }[];
    if (dirty.length === 0) return 0;
    const stamp = sqlite.prepare(
      'INSERT INTO sync_stamps (tbl, row_id, field, hlc) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc',
    );
    const out = sqlite.prepare(
      'INSERT INTO sync_outbox (batch_key, tbl, row_id, field, value, hlc) VALUES (?, ?, ?, ?, ?, ?)',
    );
    let batchKey = uuidv7();
    let inBatch = 0;
    let staged = 0;
    // Parents first within the staging order is not needed: the server orders by table on apply.
    for (const d of dirty) {
      const value = readField(sqlite, d.tbl, d.row_id, d.field);
      if (value === undefined) continue; // the row is gone (never happens for tombstoned rows)
      const hlc = clock.tick(d.at_ms);
      stamp.run(d.tbl, d.row_id, d.field, hlc);
      const wire = TABLE_SPECS[d.tbl].encrypted.includes(d.field)
        ? encryptField(practiceKey, fieldContext(d.tbl, d.row_id, d.field), value)
        : value;
      if (inBatch === MAX_PUSH_CHANGES) {
        batchKey = uuidv7();
        inBatch = 0;
      }
      out.run(batchKey, d.tbl, d.row_id, d.field, JSON.stringify(wire), hlc);
      inBatch++;
      staged++;
    }
    sqlite.prepare('DELETE FROM sync_dirty').run();
    setState(sqlite, 'hlc', clock.current());
    return staged;
  })();
}

/** The outbox's batches in order: key and changes, exactly as they were first sent. */
export function outboxBatches(sqlite: Sqlite): { key: string; changes: FieldChange[] }[] {
  const rows = sqlite
    .prepare('SELECT batch_key, tbl, row_id, field, value, hlc FROM sync_outbox ORDER BY seq')
    .all() as {
    batch_key: string;
    tbl: SyncTable;
    row_id: string;
    field: string;
    value: string;
    hlc: string;
  }[];
  const batches = new Map<string, FieldChange[]>();
  for (const r of rows) {
    const list = batches.get(r.batch_key) ?? [];
    list.push({ table: r.tbl, id: r.row_id, field: r.field, value: JSON.parse(r.value) as unknown, hlc: r.hlc });
    batches.set(r.batch_key, list);
  }
  return [...batches].map(([key, changes]) => ({ key, changes }));
}

export function acknowledgeBatch(sqlite: Sqlite, key: string): void {
  sqlite.prepare('DELETE FROM sync_outbox WHERE batch_key = ?').run(key);
}
