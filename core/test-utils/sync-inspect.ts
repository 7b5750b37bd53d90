import type pg from 'pg';
import type { Core } from '../app.ts';
import type { Client } from '../contract/clients.ts';
import type { DayView, LogEntry } from '../contract/log.ts';
import { decryptField, fieldContext } from '../sync/practice-key.ts';
import { CLIENT_CHILD_TABLES, SYNC_TABLES, TABLE_SPECS, type SyncTable } from '../sync/protocol/tables.ts';
import { ok } from './core-harness.ts';
import type { Device } from './sync-harness.ts';

/**
 * What a computer and the server hold about one client, for the sync tests that prove an erasure or
 * compare computers: read from the device's own (decrypted) database and from the server's tables,
 * decrypted with the practice key the way only a computer of the practice can.
 */

export const sqliteOf = (d: Device) => d.core.session.database().sqlite;

/** The ids of every synced row about a client on one computer. */
export function rowIdsOf(d: Device, clientId: string): Record<SyncTable, string[]> {
  const db = sqliteOf(d);
  const out = {} as Record<SyncTable, string[]>;
  for (const t of SYNC_TABLES) out[t] = [];
  out.clients = [clientId];
  for (const t of CLIENT_CHILD_TABLES)
    out[t] = (db.prepare(`SELECT id FROM ${t} WHERE client_id = ? ORDER BY id`).all(clientId) as { id: string }[]).map(
      (r) => r.id,
    );
  return out;
}

/** Everything this computer holds about a client, as text: synced tables, photos, audit, sync queues. */
export function localText(d: Device, clientId: string): string {
  const db = sqliteOf(d);
  const ids = Object.values(rowIdsOf(d, clientId)).flat();
  const parts: unknown[] = [db.prepare('SELECT * FROM clients WHERE id = ?').all(clientId)];
  for (const t of CLIENT_CHILD_TABLES) parts.push(db.prepare(`SELECT * FROM ${t} WHERE client_id = ?`).all(clientId));
  parts.push(db.prepare('SELECT * FROM meal_photos WHERE client_id = ?').all(clientId));
  parts.push(db.prepare('SELECT * FROM daily_totals WHERE client_id = ?').all(clientId));
  for (const id of ids) parts.push(db.prepare('SELECT * FROM audit_log WHERE entity_id = ?').all(id));
  parts.push(db.prepare('SELECT * FROM sync_parked').all());
  parts.push(db.prepare('SELECT * FROM sync_outbox').all());
  return JSON.stringify(parts, (_k, v: unknown) => (Buffer.isBuffer(v) ? `<${v.length} bytes>` : v));
}

/** Synced content of the client's rows on one computer (for comparing computers). */
export function syncedContent(d: Device, clientId: string) {
  const db = sqliteOf(d);
  const rows: Record<string, unknown> = {};
  for (const [t, ids] of Object.entries(rowIdsOf(d, clientId)) as [SyncTable, string[]][]) {
    const cols = TABLE_SPECS[t].fields.filter((f) => f !== 'portions' && f !== 'ingredients');
    for (const id of ids)
      rows[`${t}:${id}`] = db
        .prepare(
          `SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM ${t === 'custom_foods' ? 'foods' : t} WHERE id = ?`,
        )
        .get(id);
  }
  return rows;
}

/** Every field the server holds for the client's rows, decrypted with the practice key. */
export async function serverText(pool: pg.Pool, d: Device, clientId: string): Promise<{ text: string; rows: number }> {
  const db = sqliteOf(d);
  const key = Buffer.from(
    (db.prepare("SELECT value FROM sync_state WHERE key = 'practice_key'").get() as { value: string }).value,
    'hex',
  );
  const practiceId = (db.prepare("SELECT value FROM sync_state WHERE key = 'practice_id'").get() as { value: string })
    .value;
  const out: unknown[] = [];
  let rows = 0;
  for (const t of ['clients', ...CLIENT_CHILD_TABLES] as SyncTable[]) {
    const r = await pool.query<{ id: string; fields: Record<string, unknown> }>(
      t === 'clients'
        ? `SELECT id, fields FROM clients WHERE practice_id = $1 AND id = $2`
        : `SELECT id, fields FROM ${t} WHERE practice_id = $1 AND fields->>'client_id' = $2::text`,
      [practiceId, clientId],
    );
    for (const row of r.rows) {
      rows++;
      for (const [f, v] of Object.entries(row.fields))
        out.push(TABLE_SPECS[t].encrypted.includes(f) ? decryptField(key, fieldContext(t, row.id, f), v) : v);
    }
  }
  return { text: JSON.stringify(out), rows };
}

/** A diet entry of `grams` of one bundled food, on the day the snapshots read. */
export const diet = (clientId: string, grams: number) => ({
  kind: 'diet',
  clientId,
  date: '2026-03-15',
  foodId: 'usda:09040',
  grams,
});

/** What a practitioner sees of a client on one computer: the client, March's entries, that day's energy. */
export async function snapshot(core: Core, clientId: string) {
  const client = await ok<Client>(core, 'clients.get', { id: clientId }).catch(() => null);
  const entries = await ok<LogEntry[]>(core, 'log.list', { clientId, from: '2026-03-01', to: '2026-03-31' });
  const day = await ok<DayView>(core, 'dashboard.day', { clientId, date: '2026-03-15' });
  const strip = (c: Client | null) => c && { ...c, updatedAt: 0 };
  return {
    client: strip(client),
    entries: entries.map((e) => ({ id: e.id, kcal: e.nutrients.energyKcal })).sort((x, y) => x.id.localeCompare(y.id)),
    kcal: day.totals.energyKcal,
  };
}
