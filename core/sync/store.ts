import type { Sqlite } from '../db/open.ts';
import { prepared } from '../db/statements.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { LOCAL_TABLES, q } from './local-tables.ts';
import { encryptField, fieldContext } from './practice-key.ts';
import type { HybridClock } from './protocol/hlc.ts';
import { TABLE_ORDER, TABLE_SPECS, type SyncTable } from './protocol/tables.ts';
import { MAX_PUSH_BYTES, MAX_PUSH_CHANGES, type FieldChange } from './protocol/wire.ts';

/**
 * The device side of sync inside the encrypted database: what changed (sync_dirty), each field's
 * current stamp (sync_stamps), the outbox of stamped changes in idempotent batches, and key/value
 * state (sync_state). Everything here is synchronous SQLite work inside transactions.
 */

/** Columns holding JSON text in SQLite: sent as JSON values, stored back as text. */
export const JSON_COLUMNS = new Set([
  'allergies',
  'conditions',
  'allergens',
  'tags',
  'overrides',
  'detail',
  'nutrients',
  'suggestions',
  'guardrails',
  'references',
  'values',
  'plan_use',
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
               AND NOT EXISTS (SELECT 1 FROM sync_stamps s WHERE s.tbl = '${table}' AND s.row_id = id AND s.field = '${col}')
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

/**
 * Signing out forgets the server session and the practice key, and nothing else: the fields' stamps,
 * the clock, the cursor and the practice this data belongs to stay, and changes go on being recorded,
 * so signing in again sends exactly what changed meanwhile (never the whole database re-stamped, which
 * would overwrite newer edits made elsewhere) and a different practice can be refused.
 * With `discard`, the unsent changes are dropped and their fields lose their stamps, and the cursor
 * goes back to the start: after signing in again this computer takes the server's version of them.
 */
export function forgetSession(sqlite: Sqlite, discard: boolean): void {
  sqlite.transaction(() => {
    for (const key of ['refresh_token', 'practice_key']) setState(sqlite, key, null);
    if (!discard) return;
    for (const source of ['sync_dirty', 'sync_outbox'])
      sqlite
        .prepare(
          `DELETE FROM sync_stamps WHERE EXISTS (SELECT 1 FROM ${source} s
             WHERE s.tbl = sync_stamps.tbl AND s.row_id = sync_stamps.row_id AND s.field = sync_stamps.field)`,
        )
        .run();
    sqlite.prepare('DELETE FROM sync_dirty').run();
    sqlite.prepare('DELETE FROM sync_outbox').run();
    setState(sqlite, 'cursor', '0');
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
 * Adds changes to the outbox in idempotent batches: a new batch (and key) every MAX_PUSH_CHANGES
 * changes, or sooner when the batch's JSON would pass MAX_PUSH_BYTES.
 */
function outboxWriter(
  sqlite: Sqlite,
): (tbl: SyncTable, rowId: string, field: string, text: string, hlc: string) => void {
  const out = sqlite.prepare(
    'INSERT INTO sync_outbox (batch_key, tbl, row_id, field, value, hlc) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let batchKey = uuidv7();
  let inBatch = 0;
  let batchBytes = 0;
  return (tbl, rowId, field, text, hlc) => {
    // ~200 bytes of envelope per change besides the value (table, id, field, stamp).
    const bytes = text.length + 200;
    if (inBatch === MAX_PUSH_CHANGES || (inBatch > 0 && batchBytes + bytes > MAX_PUSH_BYTES)) {
      batchKey = uuidv7();
      inBatch = 0;
      batchBytes = 0;
    }
    out.run(batchKey, tbl, rowId, field, text, hlc);
    inBatch++;
    batchBytes += bytes;
  };
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
    const enqueue = outboxWriter(sqlite);
    let staged = 0;
    // Parents first within the staging order is not needed: the server orders by table on apply.
    for (const d of dirty) {
      const value = readField(sqlite, d.tbl, d.row_id, d.field);
      if (value === undefined) continue; // the row is gone (never happens for tombstoned rows)
      const hlc = clock.tick(d.at_ms);
      stamp.run(d.tbl, d.row_id, d.field, hlc);
      enqueue(d.tbl, d.row_id, d.field, JSON.stringify(wireValue(practiceKey, d.tbl, d.row_id, d.field, value)), hlc);
      staged++;
    }
    sqlite.prepare('DELETE FROM sync_dirty').run();
    setState(sqlite, 'hlc', clock.current());
    return staged;
  })();
}

/** The wire version this computer's outbox speaks: 2 is every value encrypted (see stageRewrap). */
export const WIRE_VERSION = '2';

/**
 * The first wire version sent most values in plaintext (only names, contact details, notes and a few
 * more were encrypted, and empty values were plain nulls). Servers that received them still hold
 * them so. Once, before its first sync with this version, a computer queues every such value it has
 * again, encrypted, under the stamp it already carries: the server replaces a plaintext value by
 * ciphertext of the same stamp (nothing else changes, no edit is lost or reordered), so after one
 * computer of a practice has synced, the server holds nothing readable. Returns how many were queued.
 */
export function stageRewrap(sqlite: Sqlite, practiceKey: Buffer): number {
  return sqlite.transaction(() => {
    if (getState(sqlite, 'wire') === WIRE_VERSION) return 0;
    const stamped = sqlite
      .prepare(
        `SELECT s.tbl, s.row_id, s.field, s.hlc FROM sync_stamps s
         WHERE NOT EXISTS (SELECT 1 FROM sync_dirty d WHERE d.tbl = s.tbl AND d.row_id = s.row_id AND d.field = s.field)
           AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.tbl = s.tbl AND o.row_id = s.row_id AND o.field = s.field)
         ORDER BY s.tbl, s.row_id, s.field`,
      )
      .all() as { tbl: SyncTable; row_id: string; field: string; hlc: string }[];
    const enqueue = outboxWriter(sqlite);
    let queued = 0;
    for (const r of stamped) {
      const spec = TABLE_SPECS[r.tbl];
      if (!spec || !spec.encrypted.includes(r.field)) continue;
      const value = readField(sqlite, r.tbl, r.row_id, r.field);
      if (value === undefined) continue;
      // Sent encrypted before, and not empty: the server already holds ciphertext for it.
      if (spec.encryptedV1.includes(r.field) && value !== null) continue;
      enqueue(r.tbl, r.row_id, r.field, JSON.stringify(wireValue(practiceKey, r.tbl, r.row_id, r.field, value)), r.hlc);
      queued++;
    }
    setState(sqlite, 'wire', WIRE_VERSION);
    return queued;
  })();
}

/**
 * A field's value as it is sent: without NUL characters, and encrypted with the practice key when the
 * table's spec says the field is personal.
 */
export function wireValue(practiceKey: Buffer, table: SyncTable, id: string, field: string, value: unknown): unknown {
  const clean = withoutNul(value);
  return TABLE_SPECS[table].encrypted.includes(field)
    ? encryptField(practiceKey, fieldContext(table, id, field), clean)
    : clean;
}

/**
 * NUL characters have no meaning in any field here (they come from pasted binary junk) and
 * PostgreSQL cannot store them in JSON: they are dropped from what is sent.
 */
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\0') ? value.replaceAll('\0', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k) as string, withoutNul(v)]));
  return value;
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

/** The first batch of the outbox (oldest first), or null when everything was acknowledged. */
export function nextBatch(sqlite: Sqlite): { key: string; changes: FieldChange[] } | null {
  const first = sqlite.prepare('SELECT batch_key FROM sync_outbox ORDER BY seq LIMIT 1').get() as
    { batch_key: string } | undefined;
  if (!first) return null;
  const rows = sqlite
    .prepare('SELECT tbl, row_id, field, value, hlc FROM sync_outbox WHERE batch_key = ? ORDER BY seq')
    .all(first.batch_key) as { tbl: SyncTable; row_id: string; field: string; value: string; hlc: string }[];
  return {
    key: first.batch_key,
    changes: rows.map((r) => ({
      table: r.tbl,
      id: r.row_id,
      field: r.field,
      value: JSON.parse(r.value) as unknown,
      hlc: r.hlc,
    })),
  };
}

export interface RefusedChange {
  table: string;
  id: string;
  field: string;
  reason: string;
  at: number;
}

/** What the server refused for good (newest first, the last 200), for the log and the status. */
export function refusedChanges(sqlite: Sqlite): RefusedChange[] {
  const raw = getState(sqlite, 'refused');
  return raw ? (JSON.parse(raw) as RefusedChange[]) : [];
}

/**
 * Sets aside the changes of a batch that the server's 400 answer names ("changes.12.value": …): they
 * leave the outbox and are listed in `refused`; the rest of the batch gets a new idempotency key (its
 * content changed). Returns how many were set aside (0: the answer named none, nothing changed).
 */
export function refuseNamed(
  sqlite: Sqlite,
  batch: { key: string; changes: FieldChange[] },
  fields: Record<string, string> | undefined,
  now: number,
): number {
  const named = new Map<number, string>();
  for (const [path, message] of Object.entries(fields ?? {})) {
    const m = /^changes\.(\d+)(\.|$)/.exec(path);
    const i = m ? Number(m[1]) : NaN;
    if (Number.isInteger(i) && i < batch.changes.length && !named.has(i)) named.set(i, message);
  }
  if (named.size === 0) return 0;
  sqlite.transaction(() => {
    const drop = sqlite.prepare(
      'DELETE FROM sync_outbox WHERE batch_key = ? AND tbl = ? AND row_id = ? AND field = ? AND hlc = ?',
    );
    const list = refusedChanges(sqlite);
    for (const [i, reason] of named) {
      const c = batch.changes[i];
      if (!c) continue;
      drop.run(batch.key, c.table, c.id, c.field, c.hlc);
      list.unshift({ table: c.table, id: c.id, field: c.field, reason: reason.slice(0, 300), at: now });
    }
    setState(sqlite, 'refused', JSON.stringify(list.slice(0, 200)));
    sqlite.prepare('UPDATE sync_outbox SET batch_key = ? WHERE batch_key = ?').run(uuidv7(), batch.key);
  })();
  return named.size;
}

export function acknowledgeBatch(sqlite: Sqlite, key: string): void {
  sqlite.prepare('DELETE FROM sync_outbox WHERE batch_key = ?').run(key);
}

/**
 * After the server refused this computer's stamps as being from the future (its clock is ahead):
 * every change of this computer stamped later than `horizon` (ms) goes back to sync_dirty, to be
 * stamped again once the clock is right. That is the outbox's changes, and any field stamp of this
 * computer's own that is that far ahead (left by an earlier version, which dropped such changes):
 * their stamps are removed, so no stamp from the future stays to outrank other computers' edits.
 * The rest of an outbox batch that lost changes gets a new idempotency key (its content changed).
 * Each field keeps its edit time (at_ms) from the stamp; an unsent edit made since is kept as it is.
 * Returns how many changes went back.
 */
export function holdFutureChanges(sqlite: Sqlite, deviceId: string, horizon: number): number {
  const after = String(Math.max(0, Math.floor(horizon))).padStart(15, '0');
  const own = `%-${deviceId}`;
  return sqlite.transaction(() => {
    const requeue = (source: 'sync_outbox' | 'sync_stamps'): number =>
      sqlite
        .prepare(
          `INSERT INTO sync_dirty (tbl, row_id, field, at_ms)
           SELECT tbl, row_id, field, max(CAST(substr(hlc, 1, 15) AS INTEGER)) FROM ${source}
            WHERE substr(hlc, 1, 15) > ? AND hlc LIKE ? GROUP BY tbl, row_id, field
           ON CONFLICT DO NOTHING`,
        )
        .run(after, own).changes;
    const held = requeue('sync_outbox') + requeue('sync_stamps');
    const batches = sqlite
      .prepare('SELECT DISTINCT batch_key FROM sync_outbox WHERE substr(hlc, 1, 15) > ? AND hlc LIKE ?')
      .all(after, own) as { batch_key: string }[];
    sqlite.prepare('DELETE FROM sync_outbox WHERE substr(hlc, 1, 15) > ? AND hlc LIKE ?').run(after, own);
    sqlite.prepare('DELETE FROM sync_stamps WHERE substr(hlc, 1, 15) > ? AND hlc LIKE ?').run(after, own);
    const rekey = sqlite.prepare('UPDATE sync_outbox SET batch_key = ? WHERE batch_key = ?');
    for (const b of batches) rekey.run(uuidv7(), b.batch_key);
    return held;
  })();
}
