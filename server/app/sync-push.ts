import type pg from 'pg';
import { erasedRow, mergeRow, type StampedRow, type Tomb } from '../../core/sync/protocol/merge.ts';
import { CLIENT_CHILD_TABLES, TABLE_ORDER, type SyncTable } from '../../core/sync/protocol/tables.ts';
import { ENCRYPTED_PREFIX, UUID_TEXT, type FieldChange, type PushResponse } from '../../core/sync/protocol/wire.ts';
import { IDEMPOTENCY_KEEP_MS, type Auth } from './config.ts';
import { invalidToken } from './errors.ts';

/**
 * Applying a push inside its transaction: each row merged with what the server holds (the protocol's
 * mergeRow), written in parent-first table order under the practice's next change sequence numbers,
 * and the answer kept under the push's idempotency key.
 */

type Change = { field: string; value: unknown; hlc: string };

/** A push's changes by table then row id, keeping the order the ids first appear in. */
export function groupChanges(changes: FieldChange[]): Map<SyncTable, Map<string, Change[]>> {
  const groups = new Map<SyncTable, Map<string, Change[]>>();
  for (const ch of changes) {
    let byId = groups.get(ch.table);
    if (!byId) groups.set(ch.table, (byId = new Map()));
    let list = byId.get(ch.id);
    if (!list) byId.set(ch.id, (list = []));
    list.push({ field: ch.field, value: ch.value, hlc: ch.hlc });
  }
  return groups;
}

/** The tombstones of those of `clientIds` that are deleted clients of the practice. */
async function clientTombs(
  client: pg.PoolClient,
  practiceId: string,
  clientIds: unknown[],
): Promise<Map<string, Tomb>> {
  const ids = [...new Set(clientIds.filter((x): x is string => typeof x === 'string' && UUID_TEXT.test(x)))];
  const out = new Map<string, Tomb>();
  if (ids.length === 0) return out;
  const r = await client.query<{ id: string; value: unknown; hlc: string }>(
    `SELECT id, fields->'deleted_at' AS value, stamps->>'deleted_at' AS hlc FROM clients
      WHERE practice_id = $1 AND id = ANY($2::uuid[]) AND jsonb_typeof(fields->'deleted_at') NOT IN ('null')
        AND stamps ? 'deleted_at'`,
    [practiceId, ids],
  );
  for (const row of r.rows) out.set(row.id, { value: row.value, hlc: row.hlc });
  return out;
}

/**
 * Replaces, in `merged`, each stored plaintext value for which the push brings ciphertext with the
 * very same stamp (a computer re-sending what the first wire version sent readable); returns how many.
 * Such a change was counted as ignored by the merge (its stamp is not newer).
 */
function rewraps(
  existing: { fields: Record<string, unknown>; stamps: Record<string, string> },
  changes: Change[],
  merged: { fields: Record<string, unknown> },
): number {
  let n = 0;
  for (const c of changes) {
    const stored = existing.fields[c.field];
    const storedCipher = typeof stored === 'string' && stored.startsWith(ENCRYPTED_PREFIX);
    const incomingCipher = typeof c.value === 'string' && c.value.startsWith(ENCRYPTED_PREFIX);
    if (existing.stamps[c.field] === c.hlc && !storedCipher && incomingCipher && merged.fields[c.field] === stored) {
      merged.fields[c.field] = c.value;
      n++;
    }
  }
  return n;
}

/** Applies a push's grouped changes for device `a` (or answers the stored result of the same key). */
export async function applyPush(
  client: pg.PoolClient,
  a: Auth,
  idempotencyKey: string,
  groups: Map<SyncTable, Map<string, Change[]>>,
  now: () => number,
): Promise<PushResponse> {
  // Serialises pushes per practice: seq order equals commit order, so a pull cursor never skips a row.
  const p = await client.query<{ seq: string }>('SELECT seq::text AS seq FROM practices WHERE id = $1 FOR UPDATE', [
    a.practiceId,
  ]);
  if (!p.rows[0]) throw invalidToken();
  // Keeps the idempotency table bounded: this device's records older than the retention go.
  await client.query('DELETE FROM idempotency WHERE device_id = $1 AND created_at < $2', [
    a.deviceId,
    new Date(now() - IDEMPOTENCY_KEEP_MS),
  ]);
  const done = await client.query<{ response: PushResponse }>(
    'SELECT response FROM idempotency WHERE device_id = $1 AND key = $2 AND practice_id = $3',
    [a.deviceId, idempotencyKey, a.practiceId],
  );
  if (done.rows[0]) return { ...done.rows[0].response, replayed: true };

  let seq = BigInt(p.rows[0].seq);
  let applied = 0;
  let ignored = 0;
  const stamp = new Date(now());
  type Up = { ids: string[]; fields: string[]; stamps: string[]; seqs: string[] };
  const write = async (table: SyncTable, up: Up): Promise<void> => {
    if (!up.ids.length) return;
    await client.query(
      `INSERT INTO ${table} (practice_id, id, fields, stamps, origin_device, seq, updated_at)
       SELECT $1, u.id, u.fields, u.stamps, $2, u.seq, $3
         FROM unnest($4::uuid[], $5::jsonb[], $6::jsonb[], $7::bigint[]) AS u(id, fields, stamps, seq)
       ON CONFLICT (practice_id, id) DO UPDATE SET fields = excluded.fields, stamps = excluded.stamps,
         origin_device = excluded.origin_device, seq = excluded.seq, updated_at = excluded.updated_at`,
      [a.practiceId, a.deviceId, stamp, up.ids, up.fields, up.stamps, up.seqs],
    );
  };
  const stage = (up: Up, id: string, row: StampedRow): void => {
    seq += 1n;
    up.ids.push(id);
    up.fields.push(JSON.stringify(row.fields));
    up.stamps.push(JSON.stringify(row.stamps));
    up.seqs.push(seq.toString());
  };
  for (const table of TABLE_ORDER) {
    const byId = groups.get(table);
    if (!byId) continue;
    const ids = [...byId.keys()];
    const existing = await client.query<{
      id: string;
      fields: Record<string, unknown>;
      stamps: Record<string, string>;
    }>(`SELECT id, fields, stamps FROM ${table} WHERE practice_id = $1 AND id = ANY($2::uuid[])`, [a.practiceId, ids]);
    const have = new Map(existing.rows.map((r) => [r.id, r]));
    // A row of a deleted client is erased whatever arrives for it (children name their client).
    const isChild = CLIENT_CHILD_TABLES.includes(table);
    const clientOf = (id: string): unknown =>
      byId.get(id)?.find((ch) => ch.field === 'client_id')?.value ?? have.get(id)?.fields.client_id;
    const tombs = isChild ? await clientTombs(client, a.practiceId, ids.map(clientOf)) : new Map<string, Tomb>();
    const up: Up = { ids: [], fields: [], stamps: [], seqs: [] };
    const erasedClients = new Map<string, Tomb>();
    for (const [id, changes] of byId) {
      const owner = clientOf(id);
      const ownerTomb = typeof owner === 'string' ? tombs.get(owner) : undefined;
      const erasedBy = typeof owner === 'string' && ownerTomb ? { id: owner, tomb: ownerTomb } : null;
      const before = have.get(id) ?? null;
      const merged = mergeRow(before, changes, { table, client: erasedBy });
      // A value the first wire version stored readable, sent again encrypted under its own stamp:
      // the ciphertext replaces it (the same edit, now unreadable here). Nothing else moves.
      // Never on an erased row: only what exists unerased is rewritten.
      const live = merged.fields.deleted_at === null || merged.fields.deleted_at === undefined;
      const rewrapped = before && !erasedBy && live ? rewraps(before, changes, merged) : 0;
      applied += merged.applied.length + rewrapped;
      ignored += merged.ignored.length - rewrapped;
      if (!merged.applied.length && !rewrapped) continue;
      stage(up, id, merged);
      if (table === 'clients' && merged.fields.deleted_at !== null && merged.fields.deleted_at !== undefined)
        erasedClients.set(id, { value: merged.fields.deleted_at, hlc: merged.stamps.deleted_at! });
    }
    await write(table, up);
    // The rows the server already holds for a client whose tombstone just arrived are erased too.
    if (erasedClients.size > 0)
      for (const child of CLIENT_CHILD_TABLES) {
        const rows = await client.query<{ id: string; client_id: string; fields: unknown; stamps: unknown }>(
          `SELECT id, fields->>'client_id' AS client_id, fields, stamps FROM ${child}
            WHERE practice_id = $1 AND fields->>'client_id' = ANY($2::text[])`,
          [a.practiceId, [...erasedClients.keys()]],
        );
        const cup: Up = { ids: [], fields: [], stamps: [], seqs: [] };
        for (const r of rows.rows) {
          const erased = erasedRow(child, erasedClients.get(r.client_id)!, r.client_id);
          if (JSON.stringify(erased) !== JSON.stringify({ fields: r.fields, stamps: r.stamps }))
            stage(cup, r.id, erased);
        }
        await write(child, cup);
      }
  }
  await client.query('UPDATE practices SET seq = $2 WHERE id = $1', [a.practiceId, seq.toString()]);
  const result: PushResponse = { applied, ignored, replayed: false };
  await client.query(
    'INSERT INTO idempotency (practice_id, device_id, key, response, created_at) VALUES ($1, $2, $3, $4, $5)',
    [a.practiceId, a.deviceId, idempotencyKey, JSON.stringify(result), stamp],
  );
  return result;
}
