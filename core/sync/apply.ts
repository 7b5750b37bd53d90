import type { Sqlite } from '../db/open.ts';
import { prepared as prep } from '../db/statements.ts';
import { LOCAL_TABLES, q } from './local-tables.ts';
import { decryptField, fieldContext } from './practice-key.ts';
import { eraseClientLocally, erasedLocalValue } from './erasure.ts';
import { formatHlc, type HybridClock } from './protocol/hlc.ts';
import { isDeleted, mergeRow, type Tomb } from './protocol/merge.ts';
import { TABLE_SPECS, type SyncTable } from './protocol/tables.ts';
import type { SyncRow } from './protocol/wire.ts';
import { UUID_RE } from '../util/uuidv7.ts';
import { JSON_COLUMNS } from './store.ts';
import { pulledValueProblem } from './validate.ts';

/**
 * Applies pulled rows to the local database: per field by HLC (protocol/merge.ts mergeRow, the rule the
 * server uses too), skipping fields edited here since the sync started (they go out next time with a
 * newer stamp). Rows whose parent has not arrived yet are parked and retried after each page.
 * The caller holds the transaction and sets sync_meta.applying so the triggers stay quiet.
 */

export interface ApplyOutcome {
  /** Rows changed here, by table. */
  changed: Map<SyncTable, number>;
  /** Clients whose data changed (rules are re-evaluated for them). */
  clients: Set<string>;
  parked: number;
  /** Rows that could not be applied and were skipped. */
  skipped: number;
  /** Pulled values that are not valid here: set aside (not stored), the field keeps its local value. */
  invalid: PulledProblem[];
}

/** A received field value set aside, or a received row held back, named for the practitioner. */
export interface PulledProblem {
  table: SyncTable;
  id: string;
  /** The field set aside; null for a whole row held back. */
  field: string | null;
  reason: string;
}

type Stamps = Record<string, string>;
function localStamps(sqlite: Sqlite, table: SyncTable, id: string): Stamps {
  const rows = prep(sqlite, 'SELECT field, hlc FROM sync_stamps WHERE tbl = ? AND row_id = ?').all(table, id) as {
    field: string;
    hlc: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.field, r.hlc]));
}

function dirtyFields(sqlite: Sqlite, table: SyncTable, id: string): Set<string> {
  const rows = prep(sqlite, 'SELECT field FROM sync_dirty WHERE tbl = ? AND row_id = ?').all(table, id) as {
    field: string;
  }[];
  return new Set(rows.map((r) => r.field));
}

function toSql(field: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (JSON_COLUMNS.has(field)) return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function exists(sqlite: Sqlite, sqlTable: string, id: string): boolean {
  return prep(sqlite, `SELECT 1 FROM ${sqlTable} WHERE id = ?`).get(id) !== undefined;
}

function writeList(sqlite: Sqlite, foodId: string, field: 'portions' | 'ingredients', value: unknown): void {
  const list = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  if (field === 'portions') {
    prep(sqlite, 'DELETE FROM food_portions WHERE food_id = ?').run(foodId);
    const ins = prep(
      sqlite,
      'INSERT INTO food_portions (id, food_id, seq, amount, unit, grams) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const p of list)
      ins.run(String(p.id), foodId, Number(p.seq), Number(p.amount), String(p.unit), Number(p.grams));
  } else {
    prep(sqlite, 'DELETE FROM recipe_ingredients WHERE recipe_id = ?').run(foodId);
    const ins = prep(
      sqlite,
      'INSERT INTO recipe_ingredients (id, recipe_id, food_id, grams, seq) VALUES (?, ?, ?, ?, ?)',
    );
    // An ingredient this computer does not have (a food from a dataset imported elsewhere) is left out
    // rather than breaking the recipe's foreign keys; the recipe's stored nutrients stay as sent.
    for (const i of list) {
      if (!exists(sqlite, 'foods', String(i.food_id))) continue;
      ins.run(String(i.id), foodId, String(i.food_id), Number(i.grams), Number(i.seq));
    }
  }
}

export function createApplier(
  sqlite: Sqlite,
  practiceKey: Buffer,
  clock: HybridClock,
  now: () => number,
  onSkip?: (row: SyncRow, error: unknown) => void,
) {
  const park = prep(
    sqlite,
    'INSERT INTO sync_parked (tbl, row_id, row) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET row = excluded.row',
  );
  const unpark = prep(sqlite, 'DELETE FROM sync_parked WHERE tbl = ? AND row_id = ?');
  const setStamp = prep(
    sqlite,
    'INSERT INTO sync_stamps (tbl, row_id, field, hlc) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc',
  );

  /**
   * The row's fields this version syncs, decrypted, and those valid here (the rest are reported). A row
   * being erased (`erasing`) is stored in its erased form whatever it holds: only its delete is read.
   */
  function decryptRow(row: SyncRow, invalid: PulledProblem[], erasing = false): Record<string, unknown> {
    const spec = TABLE_SPECS[row.table];
    const decrypted: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(row.fields)) {
      if (!spec.fields.includes(field)) continue; // a newer server's field this version does not know
      if (erasing && field !== 'deleted_at') {
        decrypted[field] = null;
        continue;
      }
      const plain = spec.encrypted.includes(field)
        ? decryptField(practiceKey, fieldContext(row.table, row.id, field), value, !spec.encryptedV1.includes(field))
        : value;
      // Checked like a local edit: a value that does not fit is set aside and named, never stored.
      const problem = pulledValueProblem(row.table, field, plain);
      if (problem === null) decrypted[field] = plain;
      else invalid.push({ table: row.table, id: row.id, field, reason: problem });
    }
    return decrypted;
  }

  /** Why a received row cannot be placed yet (it is parked), or null when it can. */
  function waitReason(
    row: SyncRow,
    decrypted: Record<string, unknown>,
    present: boolean,
    erasing = false,
  ): string | null {
    const t = LOCAL_TABLES[row.table];
    const spec = TABLE_SPECS[row.table];
    if (
      row.table === 'custom_foods' &&
      Array.isArray(decrypted.ingredients) &&
      missingCustomIngredient(decrypted.ingredients)
    )
      // A recipe waits for its custom-food ingredients (they sync too, maybe in a later page).
      return 'waits for a custom food it uses as an ingredient, which has not arrived';
    if (present) return null;
    // A client link travels readable; a plan link is encrypted like the rest of the row.
    const parentId = t.parent ? (decrypted[t.parent.column] ?? row.fields[t.parent.column]) : null;
    if (
      t.parent !== null &&
      (typeof parentId !== 'string' || !exists(sqlite, LOCAL_TABLES[t.parent.table].sqlTable, parentId))
    )
      return t.parent.table === 'clients'
        ? 'waits for its client, which has not arrived from the computer that made it'
        : 'waits for its meal plan, which has not arrived from the computer that made it';
    // An erased row is complete as it is (its empty NOT NULL columns get a neutral value).
    if (erasing) return null;
    const missing = spec.required.filter((f) => decrypted[f] === undefined || decrypted[f] === null);
    if (missing.length > 0) return `incomplete: the computer that made it has not sent a valid ${missing.join(', ')}`;
    return null;
  }

  /** Applies one row; false when it has to wait (parked: its parent or required fields are missing). */
  function applyRow(row: SyncRow, outcome: ApplyOutcome): boolean {
    const table = row.table;
    const t = LOCAL_TABLES[table];
    const present = exists(sqlite, t.sqlTable, row.id);
    const local = present
      ? (prep(sqlite, `SELECT deleted_at FROM ${t.sqlTable} WHERE id = ?`).get(row.id) as {
          deleted_at: number | null;
        })
      : { deleted_at: null };
    // Rows of a deleted client are erased whatever arrives for them (protocol/merge.ts mergeRow). The client
    // link and the delete travel unencrypted.
    const rawClient = row.fields.client_id;
    const clientId =
      table === 'clients'
        ? row.id
        : typeof rawClient === 'string'
          ? rawClient
          : t.parent && present
            ? (prep(sqlite, `SELECT client_id FROM ${t.sqlTable} WHERE id = ?`).get(row.id) as { client_id: string })
                .client_id
            : null;
    const clientTomb = t.parent && clientId !== null ? localTomb(clientId) : null;
    const erasing =
      table === 'clients' ? isDeleted(row.fields.deleted_at) || isDeleted(local.deleted_at) : clientTomb !== null;
    if (erasing && t.removedOnErasure) return removeErased(row, outcome, clientId);
    const decrypted = decryptRow(row, outcome.invalid, erasing);
    const tombstoned = isDeleted(decrypted.deleted_at);
    if (waitReason(row, decrypted, present, erasing) !== null) {
      park.run(table, row.id, JSON.stringify(row));
      outcome.parked++;
      return false;
    }
    // Fields edited here since the sync started wait for the next push, except on an erased row.
    const skip = erasing ? new Set<string>() : dirtyFields(sqlite, table, row.id);
    const incoming = Object.entries(row.stamps)
      .filter(([field]) => field in decrypted && !skip.has(field))
      .map(([field, hlc]) => ({ field, value: decrypted[field], hlc }));
    // Every stamp moves the clock, those of fields skipped here too: the unsent edit that skipped one
    // is then stamped after it, so it wins on the server as it won here (no computer left different).
    for (const hlc of Object.values(row.stamps)) clock.receive(hlc, now());
    let merged: { fields: Record<string, unknown>; stamps: Record<string, string>; applied: string[] };
    if (erasing) {
      const stamps = localStamps(sqlite, table, row.id);
      if (isDeleted(local.deleted_at) && stamps.deleted_at === undefined)
        stamps.deleted_at = formatHlc({ wall: Number(local.deleted_at) || 0, counter: 0, node: clock.node });
      const fields: Record<string, unknown> = { deleted_at: local.deleted_at };
      if (t.parent) fields.client_id = clientId;
      const client = clientTomb && clientId !== null ? { id: clientId, tomb: clientTomb } : null;
      merged = mergeRow(present ? { fields, stamps } : null, incoming, { table, client });
    } else if (tombstoned) {
      // A tombstone on the server is final for everything this device has already sent: an edit made
      // here after the delete was refused there, so the server's row is taken as it is.
      merged = {
        fields: Object.fromEntries(incoming.map((c) => [c.field, c.value])),
        stamps: Object.fromEntries(incoming.map((c) => [c.field, c.hlc])),
        applied: incoming.map((c) => c.field),
      };
    } else
      merged = mergeRow(
        { fields: { deleted_at: local.deleted_at }, stamps: localStamps(sqlite, table, row.id) },
        incoming,
      );
    unpark.run(table, row.id);
    let changed = false;
    if (merged.applied.length > 0) {
      // Sorted, so each table's INSERT/UPDATE text repeats and its prepared statement is reused.
      const columns = merged.applied.filter((f) => t.columns.includes(f)).sort();
      const sqlValue = (c: string): unknown => {
        const erased = erasing ? erasedLocalValue(sqlite, table, c, merged.fields[c]) : undefined;
        return erased !== undefined ? erased : toSql(c, merged.fields[c]);
      };
      const stamp = now();
      if (!present) {
        const cols = [...columns, 'updated_at'];
        const values = [...columns.map(sqlValue), stamp];
        prep(
          sqlite,
          `INSERT INTO ${t.sqlTable} (id, ${cols.map(q).join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`,
        ).run(row.id, ...values);
        changed = true;
      } else if (columns.length > 0) {
        // Only values that differ are written: a row coming back as this computer already has it
        // (its own delete, say) is no change here.
        const current = prep(sqlite, `SELECT ${columns.map(q).join(', ')} FROM ${t.sqlTable} WHERE id = ?`).get(
          row.id,
        ) as Record<string, unknown>;
        const differ = columns.filter((c) => current[c] !== sqlValue(c));
        if (differ.length > 0) {
          prep(
            sqlite,
            `UPDATE ${t.sqlTable} SET ${differ.map((c) => `${q(c)} = ?`).join(', ')}, updated_at = max(updated_at, ?) WHERE id = ?`,
          ).run(...differ.map(sqlValue), stamp, row.id);
          changed = true;
        }
      }
      for (const f of merged.applied) {
        if (f === 'portions' || f === 'ingredients') {
          writeList(sqlite, row.id, f, merged.fields[f]);
          changed = true;
        }
        setStamp.run(table, row.id, f, merged.stamps[f]);
      }
    }
    const counts = new Map<SyncTable, number>(changed ? [[table, 1]] : []);
    // A client's tombstone erases everything about them here too (idempotent).
    if (table === 'clients' && erasing) {
      tombs.delete(row.id);
      const erased = eraseClientLocally(sqlite, row.id, merged.fields.deleted_at ?? local.deleted_at);
      for (const [tb, n] of erased.changed) if (tb !== 'clients') counts.set(tb, (counts.get(tb) ?? 0) + n);
    }
    for (const [tb, n] of counts) outcome.changed.set(tb, (outcome.changed.get(tb) ?? 0) + n);
    if (counts.size > 0 && typeof clientId === 'string') outcome.clients.add(clientId);
    return true;
  }

  /**
   * A row of an erased client in a table this computer empties on erasure (meal plans): whatever the
   * server holds for it, nothing of it is kept here (a plan's entries and notes go with it).
   */
  function removeErased(row: SyncRow, outcome: ApplyOutcome, clientId: string | null): boolean {
    const t = LOCAL_TABLES[row.table];
    unpark.run(row.table, row.id);
    for (const hlc of Object.values(row.stamps)) clock.receive(hlc, now());
    prep(sqlite, 'DELETE FROM sync_stamps WHERE tbl = ? AND row_id = ?').run(row.table, row.id);
    prep(sqlite, 'DELETE FROM sync_dirty WHERE tbl = ? AND row_id = ?').run(row.table, row.id);
    if (prep(sqlite, `DELETE FROM ${t.sqlTable} WHERE id = ?`).run(row.id).changes > 0) {
      outcome.changed.set(row.table, (outcome.changed.get(row.table) ?? 0) + 1);
      if (clientId !== null) outcome.clients.add(clientId);
    }
    return true;
  }

  /**
   * The tombstone of a client deleted on this computer, or null. Cached while a page is applied (a
   * pull brings many rows of few clients); applying a client's row or ending a page forgets it.
   */
  const tombs = new Map<string, Tomb | null>();
  function localTomb(clientId: string): Tomb | null {
    if (tombs.has(clientId)) return tombs.get(clientId) ?? null;
    const tomb = readTomb(clientId);
    tombs.set(clientId, tomb);
    return tomb;
  }
  function readTomb(clientId: string): Tomb | null {
    const row = prep(sqlite, 'SELECT deleted_at FROM clients WHERE id = ?').get(clientId) as
      { deleted_at: number | null } | undefined;
    if (!row || !isDeleted(row.deleted_at)) return null;
    const hlc = localStamps(sqlite, 'clients', clientId).deleted_at;
    return {
      value: row.deleted_at,
      hlc: hlc ?? formatHlc({ wall: Number(row.deleted_at) || 0, counter: 0, node: clock.node }),
    };
  }

  const missingCustomIngredient = (list: unknown[]): boolean =>
    list.some((i) => {
      const foodId = (i as { food_id?: unknown }).food_id;
      // Custom foods have UUIDs and always sync; dataset foods ('usda:…', 'fdc:…') may not exist here.
      return typeof foodId === 'string' && UUID_RE.test(foodId) && !exists(sqlite, 'foods', foodId);
    });

  /**
   * applyRow inside a savepoint: a row that cannot be applied (a value that does not decrypt, one
   * that breaks a constraint here) is skipped and logged instead of stopping every later sync at it.
   */
  function applyRowSafely(row: SyncRow, outcome: ApplyOutcome): void {
    try {
      sqlite.transaction(() => applyRow(row, outcome))();
    } catch (e) {
      outcome.skipped++;
      onSkip?.(row, e);
    }
  }

  /** Retries parked rows until no more can be placed. */
  function retryParked(outcome: ApplyOutcome): void {
    tombs.clear();
    for (;;) {
      const parked = prep(sqlite, 'SELECT row FROM sync_parked').all() as { row: string }[];
      let placed = 0;
      for (const p of parked) {
        const row = JSON.parse(p.row) as SyncRow;
        const before = outcome.parked;
        try {
          if (sqlite.transaction(() => applyRow(row, outcome))()) placed++;
        } catch (e) {
          unpark.run(row.table, row.id);
          outcome.skipped++;
          onSkip?.(row, e);
        }
        outcome.parked = before; // re-parking is not a new parked row
      }
      if (placed === 0) return;
    }
  }

  /**
   * The received rows still waiting here after a pull, each with the reason, so a row another computer
   * sent incomplete is reported instead of being held back silently for good.
   */
  function heldBack(limit = 50): { count: number; rows: PulledProblem[] } {
    const parked = prep(sqlite, 'SELECT row FROM sync_parked ORDER BY tbl, row_id').all() as { row: string }[];
    const rows: PulledProblem[] = [];
    for (const p of parked.slice(0, limit)) {
      const row = JSON.parse(p.row) as SyncRow;
      let reason: string;
      try {
        const decrypted = decryptRow(row, []);
        reason = waitReason(row, decrypted, exists(sqlite, LOCAL_TABLES[row.table].sqlTable, row.id)) ?? 'waiting';
      } catch (e) {
        reason = e instanceof Error ? e.message : String(e);
      }
      rows.push({ table: row.table, id: row.id, field: null, reason });
    }
    return { count: parked.length, rows };
  }

  return { applyRow, applyRowSafely, retryParked, heldBack };
}

export function emptyOutcome(): ApplyOutcome {
  return { changed: new Map(), clients: new Set(), parked: 0, skipped: 0, invalid: [] };
}
