import { and, desc, eq, isNull, lte } from 'drizzle-orm';
import type { Audit } from '../audit/audit.ts';
import type { ClientDataChanged } from '../changes.ts';
import type { ClientsService } from '../clients/clients.ts';
import { AppError } from '../contract/errors.ts';
import type { MeasureKind, MeasureKindInfo, Measurement, MeasurementInput } from '../contract/measures.ts';
import type { Client } from '../contract/clients.ts';
import type { Db, Sqlite } from '../db/open.ts';
import { clientMeasurements } from '../db/schema.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { profileOn, readingsBetween, type Reading } from './in-force.ts';
import { keepProfileValue, profileFollowsLatest, type ProfileKind } from './profile-link.ts';
import { KINDS, kindDef, rangeTextIn, unitDef, type KindDef } from './kinds.ts';

/**
 * A client's measurements over time. Each is one reading on one date, stored in its kind's canonical
 * unit with the unit it was typed in, so it is shown back as typed and compared in one unit everywhere.
 * Every input is checked before anything is written (a refusal names the problem and writes nothing):
 * the unit must be one of the kind's, the value a plausible one for the kind in that unit, the date a
 * real day not after today. Removal is a tombstone, like the rest of a client's record.
 */

export interface MeasuresService {
  kinds(): MeasureKindInfo[];
  list(clientId: string, kind?: MeasureKind): Measurement[];
  add(input: MeasurementInput): Measurement;
  update(id: string, input: MeasurementInput): Measurement;
  remove(id: string): { id: string };
  /**
   * The latest reading of a built-in kind on or before `date` (the one in force that day), in the
   * canonical unit; null when none was recorded by then.
   */
  inForce(clientId: string, kind: Exclude<MeasureKind, 'custom'>, date: string): Measurement | null;
  /** The client with the weight and height in force on `date`, as the targets use them (in-force.ts). */
  profileOn(client: Client, date: string): Client;
  /** The built-in kinds' readings dated `from`…`to`, oldest first within a kind (in-force.ts readingsBetween). */
  between(clientId: string, from: string, to: string): Reading[];
}

/** Diastolic blood pressure bounds (mmHg), a typo guard like the kinds' own bounds. */
const DIASTOLIC = { min: 20, max: 200 };

type Row = typeof clientMeasurements.$inferSelect;

const isProfileKind = (kind: string): kind is ProfileKind => kind === 'weight' || kind === 'height';

/** Cancels floating-point noise from a conversion round trip (72.4 kg → lb → kg) without losing precision a reading has. */
const tidy = (x: number): number => Math.round(x * 1e6) / 1e6;

const fmt = (x: number): string => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(x);

const invalid = (message: string, field: string): AppError =>
  new AppError('invalid-input', message, { [field]: message });

function builtIn(kind: MeasureKind): KindDef | null {
  return kind === 'custom' ? null : kindDef(kind);
}

export function kindInfo(def: KindDef): MeasureKindInfo {
  return {
    kind: def.kind,
    label: def.label,
    unit: def.unit,
    units: def.units.map((u) => ({ unit: u.unit, source: u.source ?? null })),
    min: def.min,
    max: def.max,
    pair: def.pair ?? null,
    method: def.method ?? false,
    ranges: def.ranges.map((r) => ({
      low: r.low,
      high: r.high,
      sex: r.sex ?? null,
      text: r.text,
      texts: Object.fromEntries(def.units.map((u) => [u.unit, rangeTextIn(r, def, u.unit)])),
      notInPregnancy: r.notInPregnancy ?? false,
      source: r.source,
    })),
  };
}

/** The checked, canonical form of an input (what a row stores), or the refusal naming the problem. */
function normalise(input: MeasurementInput, today: string) {
  const def = builtIn(input.kind);
  if (!Number.isFinite(input.value)) throw invalid('Enter the value as a number.', 'value');
  if (input.date > today) throw invalid(`The measurement date ${input.date} is after today (${today}).`, 'date');
  const method = input.method ? input.method : null;
  const note = input.note ? input.note : null;
  if (!def) {
    const customName = input.customName?.trim();
    if (!customName) throw invalid('Name the custom measurement.', 'customName');
    const unit = input.unit?.trim();
    if (!unit) throw invalid('Give the custom measurement a unit (e.g. kg, cm, score).', 'unit');
    if (input.value2 !== undefined) throw invalid('Only blood pressure has a second value.', 'value2');
    if (input.value < 0) throw invalid('The value cannot be negative.', 'value');
    return {
      kind: input.kind,
      customName,
      value: input.value,
      value2: null,
      unit,
      measuredOn: input.date,
      method,
      note,
    };
  }
  if (input.customName !== undefined)
    throw invalid(`${def.label} is a built-in kind; it takes no custom name.`, 'customName');
  const unit = input.unit ?? def.unit;
  const u = unitDef(def, unit);
  if (!u) {
    const units = def.units.map((x) => x.unit);
    throw invalid(`${def.label} is entered in ${units.join(' or ')}, not "${unit}".`, 'unit');
  }
  if (input.value < 0) throw invalid(`${def.label} cannot be negative.`, 'value');
  const first = def.pair ? `${def.label} (${def.pair.first})` : def.label;
  const value = u.toCanonical(input.value);
  if (value < def.min || value > def.max) {
    throw invalid(
      `${first} of ${fmt(input.value)} ${unit} is outside the plausible ${fmt(u.fromCanonical(def.min))}–${fmt(u.fromCanonical(def.max))} ${unit}; check the value and the unit.`,
      'value',
    );
  }
  let value2: number | null = null;
  if (def.pair) {
    if (input.value2 === undefined) throw invalid(`Enter the ${def.pair.second} value too.`, 'value2');
    if (!Number.isFinite(input.value2) || input.value2 < 0)
      throw invalid(`The ${def.pair.second} value cannot be negative.`, 'value2');
    value2 = u.toCanonical(input.value2);
    if (value2 < DIASTOLIC.min || value2 > DIASTOLIC.max)
      throw invalid(
        `A ${def.pair.second} value of ${fmt(input.value2)} ${unit} is outside the plausible ${DIASTOLIC.min}–${DIASTOLIC.max} ${unit}.`,
        'value2',
      );
    if (value2 >= value)
      throw invalid(`The ${def.pair.second} value must be below the ${def.pair.first} value.`, 'value2');
  } else if (input.value2 !== undefined) {
    throw invalid('Only blood pressure has a second value.', 'value2');
  }
  return { kind: input.kind, customName: null, value, value2, unit, measuredOn: input.date, method, note };
}

export function toMeasurement(row: Row): Measurement {
  const kind = row.kind as MeasureKind;
  const def = builtIn(kind);
  const u = def ? unitDef(def, row.unit) : undefined;
  const back = (v: number) => tidy(u ? u.fromCanonical(v) : v);
  return {
    id: row.id,
    clientId: row.clientId,
    kind,
    label: def ? def.label : (row.customName ?? 'Custom'),
    customName: row.customName,
    value: row.value,
    value2: row.value2,
    canonicalUnit: def ? def.unit : row.unit,
    unit: row.unit,
    enteredValue: back(row.value),
    enteredValue2: row.value2 === null ? null : back(row.value2),
    date: row.measuredOn,
    method: row.method,
    note: row.note,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function createMeasuresService(
  db: Db,
  deps: {
    /** The same database's connection, for the in-force lookups (in-force.ts). */
    sqlite: Sqlite;
    clients: ClientsService;
    audit: Audit;
    now: () => number;
    today: () => string;
    changed?: ClientDataChanged;
  },
): MeasuresService {
  const { clients, audit, now, today } = deps;
  const live = (id: string): Row => {
    const row = db
      .select()
      .from(clientMeasurements)
      .where(and(eq(clientMeasurements.id, id), isNull(clientMeasurements.deletedAt)))
      .get();
    if (!row) throw new AppError('not-found', 'This measurement no longer exists.');
    return row;
  };
  /** The profile's weight and height stay the latest reading (core/measures/profile-link.ts). */
  const followProfile = (clientId: string, kinds: string[], t: number): void => {
    for (const kind of new Set(kinds)) if (isProfileKind(kind)) profileFollowsLatest(db, clientId, kind, t, today());
  };
  const order = [desc(clientMeasurements.measuredOn), desc(clientMeasurements.createdAt), desc(clientMeasurements.id)];

  return {
    kinds: () => KINDS.map(kindInfo),

    list(clientId, kind) {
      clients.get(clientId);
      return db
        .select()
        .from(clientMeasurements)
        .where(
          and(
            eq(clientMeasurements.clientId, clientId),
            isNull(clientMeasurements.deletedAt),
            kind ? eq(clientMeasurements.kind, kind) : undefined,
          ),
        )
        .orderBy(...order)
        .all()
        .map(toMeasurement);
    },

    inForce(clientId, kind, date) {
      const row = db
        .select()
        .from(clientMeasurements)
        .where(
          and(
            eq(clientMeasurements.clientId, clientId),
            eq(clientMeasurements.kind, kind),
            lte(clientMeasurements.measuredOn, date),
            isNull(clientMeasurements.deletedAt),
          ),
        )
        .orderBy(...order)
        .limit(1)
        .get();
      return row ? toMeasurement(row) : null;
    },

    profileOn: (client, date) => profileOn(deps.sqlite, client, date),

    between: (clientId, from, to) => readingsBetween(deps.sqlite, clientId, from, to),

    add(input) {
      clients.get(input.clientId);
      const values = normalise(input, today());
      const t = now();
      const id = uuidv7();
      db.transaction(() => {
        if (isProfileKind(values.kind)) keepProfileValue(db, input.clientId, values.kind, t);
        db.insert(clientMeasurements)
          .values({ id, clientId: input.clientId, ...values, createdAt: t, updatedAt: t })
          .run();
        followProfile(input.clientId, [values.kind], t);
        audit.record('measurement', input.clientId, 'measurement-add');
      });
      deps.changed?.(input.clientId, 'measures');
      return toMeasurement(live(id));
    },

    update(id, input) {
      const before = live(id);
      if (input.clientId !== before.clientId)
        throw invalid('A measurement cannot be moved to another client.', 'clientId');
      const values = normalise(input, today());
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        db.update(clientMeasurements)
          .set({ ...values, updatedAt: t })
          .where(eq(clientMeasurements.id, id))
          .run();
        followProfile(before.clientId, [before.kind, values.kind], t);
        audit.record('measurement', before.clientId, 'measurement-update');
      });
      deps.changed?.(before.clientId, 'measures');
      return toMeasurement(live(id));
    },

    remove(id) {
      const before = live(id);
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        db.update(clientMeasurements).set({ deletedAt: t, updatedAt: t }).where(eq(clientMeasurements.id, id)).run();
        followProfile(before.clientId, [before.kind], t);
        audit.record('measurement', before.clientId, 'measurement-delete');
      });
      deps.changed?.(before.clientId, 'measures');
      return { id };
    },
  };
}
