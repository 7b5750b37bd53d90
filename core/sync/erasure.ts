import type { Sqlite } from '../db/open.ts';
import { prepared as prep } from '../db/statements.ts';
import { LOCAL_TABLES, q } from './local-tables.ts';
import { CLIENT_CHILD_TABLES, TABLE_SPECS, type SyncTable } from './protocol/tables.ts';
import { JSON_COLUMNS } from './store.ts';

/**
 * Erasing a client on this computer: the client's row and every row about them (targets, log
 * entries, recommendations) keep only their id, their link to the client and the delete; photos, the
 * daily totals, meal plans, favourite foods, meal templates, measurements and visits go (the server erases its copies of them); audit entries about them keep the action and lose their details. The same
 * local form is written whether the delete was made here or pulled from the server (the sync
 * protocol's erasedRow, with NOT NULL columns holding a neutral value instead of null), so the
 * deleting computer sees its own delete coming back as no change.
 */

interface ColumnInfo {
  name: string;
  notnull: number;
  type: string;
}

const erasedCache = new WeakMap<Sqlite, Map<string, Record<string, unknown>>>();

/** The SQL value each column of `sqlTable` holds in an erased row (deleted_at and client_id aside). */
export function erasedColumns(sqlite: Sqlite, table: SyncTable): Record<string, unknown> {
  let byTable = erasedCache.get(sqlite);
  if (!byTable) erasedCache.set(sqlite, (byTable = new Map()));
  const cached = byTable.get(table);
  if (cached) return cached;
  const t = LOCAL_TABLES[table];
  const info = sqlite.prepare(`PRAGMA table_info(${t.sqlTable})`).all() as ColumnInfo[];
  const out: Record<string, unknown> = {};
  const keep = new Set(['id', 'client_id', 'deleted_at', 'updated_at']);
  for (const c of info) {
    if (keep.has(c.name)) continue;
    // Columns that do not sync (a log entry's photo link) are emptied too.
    if (!c.notnull) out[c.name] = null;
    else if (JSON_COLUMNS.has(c.name)) out[c.name] = '[]';
    else if (/INT|REAL/i.test(c.type)) out[c.name] = 0;
    else out[c.name] = '';
  }
  byTable.set(table, out);
  return out;
}

/** The local (SQL) value of a synced field as applied from a pulled erased row. */
export function erasedLocalValue(sqlite: Sqlite, table: SyncTable, field: string, value: unknown): unknown {
  if (value !== null && value !== undefined) return undefined;
  const cols = erasedColumns(sqlite, table);
  return field in cols ? cols[field] : undefined;
}

/**
 * Erases one row to its local erased form (deleted_at set to `deletedAt`). Returns whether anything
 * changed. With change recording on, the triggers record the erasure so it syncs as a tombstone.
 */
function eraseRow(sqlite: Sqlite, table: SyncTable, id: string, deletedAt: unknown): boolean {
  const t = LOCAL_TABLES[table];
  const cols = erasedColumns(sqlite, table);
  const names = Object.keys(cols);
  const sets = [...names.map((c) => `${q(c)} = ?`), 'deleted_at = ?'];
  const differs = [...names.map((c) => `${q(c)} IS NOT ?`), 'deleted_at IS NOT ?'];
  const values = [...names.map((c) => cols[c]), deletedAt];
  const r = prep(
    sqlite,
    `UPDATE ${t.sqlTable} SET ${sets.join(', ')}, updated_at = max(updated_at + 1, ?) WHERE id = ? AND (${differs.join(' OR ')})`,
  ).run(...values, typeof deletedAt === 'number' ? deletedAt : 0, id, ...values);
  return r.changes > 0;
}

export interface ErasureOutcome {
  /** Rows whose content changed here, by table. */
  changed: Map<SyncTable, number>;
}

/**
 * Erases a deleted client and everything about them on this computer. `deletedAt` is the client's
 * delete time (their row's deleted_at). Idempotent: a second call changes nothing.
 */
export function eraseClientLocally(sqlite: Sqlite, clientId: string, deletedAt: unknown): ErasureOutcome {
  const changed = new Map<SyncTable, number>();
  const count = (t: SyncTable) => changed.set(t, (changed.get(t) ?? 0) + 1);
  if (eraseRow(sqlite, 'clients', clientId, deletedAt)) count('clients');
  const about = [clientId];
  for (const table of CLIENT_CHILD_TABLES) {
    if (LOCAL_TABLES[table].removedOnErasure) continue; // removed outright below
    const ids = prep(sqlite, `SELECT id FROM ${LOCAL_TABLES[table].sqlTable} WHERE client_id = ?`).all(clientId) as {
      id: string;
    }[];
    for (const { id } of ids) {
      about.push(id);
      if (eraseRow(sqlite, table, id, deletedAt)) count(table);
    }
  }
  // Derived and local-only data about the client: photos (with their detections), daily totals.
  prep(sqlite, 'DELETE FROM meal_photos WHERE client_id = ?').run(clientId);
  prep(sqlite, 'DELETE FROM daily_totals WHERE client_id = ?').run(clientId);
  // Meal plans (every version, entry and note), favourite foods, meal templates, measurements and visits go outright, with
  // what sync recorded about them; the server erases its copies when the client's delete reaches it
  // (they name the client). Children before their parents (a plan's entries before the plan).
  const removed = CLIENT_CHILD_TABLES.filter((t) => LOCAL_TABLES[t].removedOnErasure).sort(
    (a, b) => TABLE_SPECS[b].depth - TABLE_SPECS[a].depth,
  );
  for (const table of removed) {
    const sqlTable = LOCAL_TABLES[table].sqlTable;
    for (const state of ['sync_dirty', 'sync_stamps'])
      prep(
        sqlite,
        `DELETE FROM ${state} WHERE tbl = ? AND row_id IN (SELECT id FROM ${sqlTable} WHERE client_id = ?)`,
      ).run(table, clientId);
    const gone = prep(sqlite, `DELETE FROM ${sqlTable} WHERE client_id = ?`).run(clientId).changes;
    if (gone > 0) changed.set(table, gone);
  }
  // Pulled rows still waiting for their parent can carry encrypted personal values.
  prep(
    sqlite,
    "DELETE FROM sync_parked WHERE (tbl = 'clients' AND row_id = ?) OR json_extract(row, '$.fields.client_id') = ?",
  ).run(clientId, clientId);
  // The audit trail keeps who did what and when; the details (field names, counts) about them go.
  const clear = prep(sqlite, "UPDATE audit_log SET fields = '[]' WHERE entity_id = ? AND fields <> '[]'");
  for (const id of about) clear.run(id);
  return { changed };
}
