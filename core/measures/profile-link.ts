import { and, asc, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { clientMeasurements, clients } from '../db/schema.ts';
import { localIsoDate } from '../util/clock.ts';
import { uuidv7 } from '../util/uuidv7.ts';

/**
 * The link between a client's profile weight/height and their measurements. The measurements are the
 * history; the profile's value is the latest of them (kept equal on every write), so what shows the
 * profile and what reads the history agree.
 *
 * - Targets for a date use the reading in force on that date (the latest on or before it). A day before
 *   the first reading uses the first reading; a client with no reading uses the profile value.
 * - A client made before measurements existed has only a profile value. The first time a weight (or
 *   height) is recorded for them, by the profile or as a measurement, that profile value is first kept
 *   as a measurement dated the day the client was created, so the days before the new reading keep the
 *   targets they had (a weight recorded today changes today's targets, not last month's).
 */

export type ProfileKind = 'weight' | 'height';
const COLUMN = { weight: 'weightKg', height: 'heightCm' } as const;

/** The two lookups of valueInForce, prepared once per database: targets ask for them on every day computed. */
function inForceStatements(db: Db) {
  const live = and(
    eq(clientMeasurements.clientId, sql.placeholder('clientId')),
    eq(clientMeasurements.kind, sql.placeholder('kind')),
    isNull(clientMeasurements.deletedAt),
  );
  return {
    before: db
      .select({ value: clientMeasurements.value })
      .from(clientMeasurements)
      .where(and(live, lte(clientMeasurements.measuredOn, sql.placeholder('date'))))
      .orderBy(desc(clientMeasurements.measuredOn), desc(clientMeasurements.createdAt), desc(clientMeasurements.id))
      .limit(1)
      .prepare(),
    first: db
      .select({ value: clientMeasurements.value })
      .from(clientMeasurements)
      .where(and(live, gt(clientMeasurements.measuredOn, sql.placeholder('date'))))
      .orderBy(asc(clientMeasurements.measuredOn), asc(clientMeasurements.createdAt), asc(clientMeasurements.id))
      .limit(1)
      .prepare(),
  };
}
const statementsByDb = new WeakMap<Db, ReturnType<typeof inForceStatements>>();

/** The value of a profile kind in force on `date`, or null when there is no reading at all. */
export function valueInForce(db: Db, clientId: string, kind: ProfileKind, date: string): number | null {
  let st = statementsByDb.get(db);
  if (!st) statementsByDb.set(db, (st = inForceStatements(db)));
  const args = { clientId, kind, date };
  return (st.before.get(args) ?? st.first.get(args))?.value ?? null;
}

/**
 * Whether the client has, or ever had, a reading of this kind (deleted ones count: once readings
 * exist the profile value is the latest of them, so it must not be kept as a reading again when all
 * were deleted and one is added back).
 */
function everHadReading(db: Db, clientId: string, kind: ProfileKind): boolean {
  return (
    db
      .select({ id: clientMeasurements.id })
      .from(clientMeasurements)
      .where(and(eq(clientMeasurements.clientId, clientId), eq(clientMeasurements.kind, kind)))
      .limit(1)
      .get() !== undefined
  );
}

function insertReading(db: Db, clientId: string, kind: ProfileKind, value: number, date: string, t: number): void {
  db.insert(clientMeasurements)
    .values({
      id: uuidv7(t),
      clientId,
      kind,
      customName: null,
      value,
      value2: null,
      unit: kind === 'weight' ? 'kg' : 'cm',
      measuredOn: date,
      method: null,
      note: null,
      createdAt: t,
      updatedAt: t,
    })
    .run();
}

/**
 * Keeps a client's profile value as their first reading when they have none yet (see above). Call
 * inside the transaction that records the new reading, before it.
 */
export function keepProfileValue(db: Db, clientId: string, kind: ProfileKind, t: number): void {
  if (everHadReading(db, clientId, kind)) return;
  const row = db.select().from(clients).where(eq(clients.id, clientId)).get();
  const value = row?.[COLUMN[kind]];
  if (!row || value === null || value === undefined) return;
  insertReading(db, clientId, kind, value, localIsoDate(row.createdAt), t - 1);
}

/** A profile edit of weight or height: recorded as a reading on `date` (today). */
export function recordProfileReading(
  db: Db,
  clientId: string,
  kind: ProfileKind,
  value: number,
  date: string,
  t: number,
): void {
  keepProfileValue(db, clientId, kind, t);
  insertReading(db, clientId, kind, value, date, t);
}

/**
 * Sets the profile's weight or height to the latest reading (by date), after a reading was added,
 * edited or deleted; with no reading left the profile keeps its value.
 */
export function profileFollowsLatest(db: Db, clientId: string, kind: ProfileKind, t: number, today: string): void {
  const latest = valueInForce(db, clientId, kind, today);
  if (latest === null) return;
  const row = db.select().from(clients).where(eq(clients.id, clientId)).get();
  if (!row || row[COLUMN[kind]] === latest) return;
  db.update(clients)
    .set({ [COLUMN[kind]]: latest, updatedAt: Math.max(t, row.updatedAt + 1) })
    .where(eq(clients.id, clientId))
    .run();
}
