import { compareHlc, parseHlc } from './hlc.ts';
import { TABLE_SPECS, type SyncTable } from './tables.ts';

/**
 * The merge: the one rule the device and the server both apply to a row, per field by HLC, with
 * sticky tombstones and the erasure of a deleted client's rows. Pure: no I/O.
 */

export interface StampedRow {
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
}

export interface MergeResult extends StampedRow {
  /** Fields whose value or stamp changed (the row is written when there is any). */
  applied: string[];
  /** Incoming fields that were dropped: older than what the row had, or made after a delete. */
  ignored: string[];
}

/** A delete: the `deleted_at` value and its stamp. */
export interface Tomb {
  value: unknown;
  hlc: string;
}

export const isDeleted = (value: unknown): boolean => value !== null && value !== undefined;

/**
 * What a row of a deleted client is, on the server and on every device: every synced field empty
 * except the delete itself and, for a child row, the link to the client (an opaque id). It depends on
 * the table, the client's tombstone and the client id only, never on what the row held before, so
 * every replica that has seen the tombstone holds the same row whatever order changes came in.
 */
export function erasedRow(table: SyncTable, tomb: Tomb, clientId: string | null): StampedRow {
  const fields: Record<string, unknown> = {};
  const stamps: Record<string, string> = {};
  for (const f of TABLE_SPECS[table].fields) {
    fields[f] = null;
    stamps[f] = tomb.hlc;
  }
  fields.deleted_at = tomb.value;
  if (table !== 'clients') fields.client_id = clientId;
  return { fields, stamps };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Merges incoming field changes into a row, per field by HLC: a change wins only if its stamp is
 * newer than the field's. A tombstone is sticky: once `deleted_at` is set, the row accepts only
 * changes made no later than the delete and a newer `deleted_at` (an undo of a deleted log entry).
 *
 * Deleting a client is an erasure (pass `at.table`): a client's tombstone is final, and the client's
 * row and every row of theirs (`at.client`: the client's id and tombstone, for a child table) become
 * erasedRow, whatever arrives and whenever it was made. Both sides call this with the same inputs,
 * so the server and every device drop the same changes and converge on the same erased rows.
 */
export function mergeRow(
  existing: StampedRow | null,
  incoming: { field: string; value: unknown; hlc: string }[],
  at?: { table: SyncTable; client?: { id: string; tomb: Tomb } | null },
): MergeResult {
  const fields = { ...(existing?.fields ?? {}) };
  const stamps = { ...(existing?.stamps ?? {}) };
  const applied: string[] = [];
  const ignored: string[] = [];
  const wins = (c: { field: string; hlc: string }): boolean => {
    const have = stamps[c.field];
    return have === undefined || compareHlc(c.hlc, have) > 0;
  };
  const finalTomb = at?.table === 'clients';
  // deleted_at first, so a delete and an edit in one batch resolve the same way in any order.
  const ordered = [...incoming].sort((a, b) => Number(b.field === 'deleted_at') - Number(a.field === 'deleted_at'));
  for (const c of ordered) {
    const deleted = isDeleted(fields.deleted_at);
    const deletedStamp = stamps.deleted_at;
    // A client is never undeleted: an empty deleted_at is refused for them.
    const undelete = finalTomb && c.field === 'deleted_at' && !isDeleted(c.value);
    const allowed =
      !undelete &&
      (c.field === 'deleted_at' ||
        !deleted ||
        deletedStamp === undefined ||
        parseHlc(c.hlc).wall <= parseHlc(deletedStamp).wall);
    if (allowed && wins(c)) {
      fields[c.field] = c.value;
      stamps[c.field] = c.hlc;
      applied.push(c.field);
    } else ignored.push(c.field);
  }
  if (!at) return { fields, stamps, applied, ignored };

  let tomb: Tomb | null = null;
  if (at.table === 'clients' && isDeleted(fields.deleted_at) && stamps.deleted_at !== undefined)
    tomb = { value: fields.deleted_at, hlc: stamps.deleted_at };
  else if (at.table !== 'clients' && at.client) tomb = at.client.tomb;
  if (!tomb) return { fields, stamps, applied, ignored };

  const clientId = at.table === 'clients' ? null : (at.client?.id ?? null);
  const erased = erasedRow(at.table, tomb, clientId);
  const changed = Object.keys(erased.fields).filter(
    (f) =>
      existing === null ||
      !sameJson(existing.fields[f], erased.fields[f]) ||
      existing.stamps[f] !== erased.stamps[f] ||
      !(f in existing.fields),
  );
  // What goes with the delete (stamped no later than it) is not a dropped change; anything newer is.
  const tombWall = parseHlc(tomb.hlc).wall;
  const dropped = [...new Set(incoming.filter((c) => parseHlc(c.hlc).wall > tombWall).map((c) => c.field))];
  return { ...erased, applied: changed, ignored: dropped };
}
