import type { Client } from '../contract/clients.ts';
import type { Sqlite } from '../db/open.ts';
import { prepared } from '../db/statements.ts';
import { localIsoDate } from '../util/clock.ts';
import type { MeasureKind } from './kinds.ts';

/**
 * Readings in force on a date, for the readers that work on the raw connection (rule variables, the
 * intake model, reports). The same rules as profile-link.ts's valueInForce, which the targets use, so
 * every screen, report and rule sees one weight for a day:
 *
 * - The reading in force on a date is the latest on or before it; of two the same day, the one
 *   recorded later (created_at, then id) wins.
 * - For the profile's weight and height (profileOn): a day before the first reading uses the first
 *   reading, and a client with no reading uses the profile's value.
 * - For the measurement history (readingOn, readingsOn): only readings on or before the date count. A
 *   client with only a profile weight or height (made before measurements existed, not yet migrated;
 *   profile-link.ts) has it as a reading dated the day the client was made, exactly the reading the
 *   lazy migration will write, so a value does not change when that migration happens.
 */

export type BuiltInKind = Exclude<MeasureKind, 'custom'>;

/** One reading in the canonical unit of its kind. */
export interface Reading {
  kind: BuiltInKind;
  value: number;
  value2: number | null;
  date: string;
}

const ORDER_DESC = 'measured_on DESC, created_at DESC, id DESC';
const LIVE = 'client_id = ? AND kind = ? AND deleted_at IS NULL';

const BEFORE_SQL = `SELECT kind, value, value2, measured_on AS date FROM client_measurements
  WHERE ${LIVE} AND measured_on <= ? ORDER BY ${ORDER_DESC} LIMIT 1`;
const FIRST_SQL = `SELECT value FROM client_measurements
  WHERE ${LIVE} ORDER BY measured_on ASC, created_at ASC, id ASC LIMIT 1`;
const ANY_SQL = `SELECT 1 AS x FROM client_measurements WHERE ${LIVE} LIMIT 1`;
// Every built-in kind's latest reading on or before a date, in one pass over the client's rows.
const LATEST_ALL_SQL = `SELECT kind, value, value2, date FROM (
    SELECT kind, value, value2, measured_on AS date,
      row_number() OVER (PARTITION BY kind ORDER BY ${ORDER_DESC}) AS rn
    FROM client_measurements
    WHERE client_id = ? AND kind <> 'custom' AND deleted_at IS NULL AND measured_on <= ?
  ) WHERE rn = 1`;
const IN_RANGE_SQL = `SELECT kind, value, value2, measured_on AS date FROM client_measurements
  WHERE client_id = ? AND kind <> 'custom' AND deleted_at IS NULL AND measured_on BETWEEN ? AND ?
  ORDER BY kind, measured_on ASC, created_at ASC, id ASC`;
const CLIENT_SQL =
  'SELECT weight_kg AS weightKg, height_cm AS heightCm, created_at AS createdAt FROM clients WHERE id = ?';

type ProfileKind = 'weight' | 'height';
const PROFILE_COLUMN = { weight: 'weightKg', height: 'heightCm' } as const;

interface ProfileRow {
  weightKg: number | null;
  heightCm: number | null;
  createdAt: number;
}

/** The profile's value kept as a reading on the day the client was made (see above); null when none. */
function profileReading(sqlite: Sqlite, clientId: string, kind: ProfileKind): Reading | null {
  const row = prepared(sqlite, CLIENT_SQL).get(clientId) as ProfileRow | undefined;
  const value = row?.[PROFILE_COLUMN[kind]];
  if (!row || value === null || value === undefined) return null;
  return { kind, value, value2: null, date: localIsoDate(row.createdAt) };
}

const isProfileKind = (kind: BuiltInKind): kind is ProfileKind => kind === 'weight' || kind === 'height';

/**
 * The latest reading of a kind on or before `date`; null when none was taken by then. For weight and
 * height, a client without any reading has the profile's value dated the day they were made.
 */
export function readingOn(sqlite: Sqlite, clientId: string, kind: BuiltInKind, date: string): Reading | null {
  const row = prepared(sqlite, BEFORE_SQL).get(clientId, kind, date) as Reading | undefined;
  if (row) return row;
  if (!isProfileKind(kind) || prepared(sqlite, ANY_SQL).get(clientId, kind)) return null;
  const kept = profileReading(sqlite, clientId, kind);
  return kept && kept.date <= date ? kept : null;
}

/** readingOn for every built-in kind at once (the rule variables read them all for each client). */
export function latestReadingsOn(sqlite: Sqlite, clientId: string, date: string): Map<BuiltInKind, Reading> {
  const rows = prepared(sqlite, LATEST_ALL_SQL).all(clientId, date) as Reading[];
  const out = new Map(rows.map((r) => [r.kind, r]));
  for (const kind of ['weight', 'height'] as const) {
    if (out.has(kind)) continue;
    const r = readingOn(sqlite, clientId, kind, date);
    if (r) out.set(kind, r);
  }
  return out;
}

/**
 * The profile's weight or height in force on `date`, as the targets use it: the latest reading on or
 * before it, else the first reading, else the profile's value.
 */
export function profileValueOn(sqlite: Sqlite, client: Client, kind: ProfileKind, date: string): number | null {
  const before = prepared(sqlite, BEFORE_SQL).get(client.id, kind, date) as Reading | undefined;
  if (before) return before.value;
  const first = prepared(sqlite, FIRST_SQL).get(client.id, kind) as { value: number } | undefined;
  return first ? first.value : client[PROFILE_COLUMN[kind]];
}

/** The client with the weight and height in force on `date` (what a reader of a past day must use). */
export function profileOn(sqlite: Sqlite, client: Client, date: string): Client {
  return {
    ...client,
    weightKg: profileValueOn(sqlite, client, 'weight', date),
    heightCm: profileValueOn(sqlite, client, 'height', date),
  };
}

/**
 * Every reading of the built-in kinds dated from `from` to `to` inclusive, oldest first within a kind,
 * with the profile's value as a reading (as readingOn) for weight or height without any.
 */
export function readingsBetween(sqlite: Sqlite, clientId: string, from: string, to: string): Reading[] {
  const rows = prepared(sqlite, IN_RANGE_SQL).all(clientId, from, to) as Reading[];
  for (const kind of ['weight', 'height'] as const) {
    if (prepared(sqlite, ANY_SQL).get(clientId, kind)) continue;
    const kept = profileReading(sqlite, clientId, kind);
    if (kept && kept.date >= from && kept.date <= to) rows.push(kept);
  }
  return rows;
}
