import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { AppError } from '../contract/errors.ts';
import { type Client } from '../contract/clients.ts';
import { TARGET_KEYS } from '../contract/targets.ts';
import type { Db, Sqlite } from '../db/open.ts';
import {
  auditLog,
  clientFavourites,
  clientMeasurements,
  clients,
  clientTargets,
  events,
  foods,
  mealTemplates,
} from '../db/schema.ts';
import { NUTRIENTS, TRACKED } from '../foods/nutrients.ts';
import { localIsoDate } from '../util/clock.ts';
import { toCsv, type CsvValue } from '../util/csv-write.ts';
import { toClient } from '../clients/clients.ts';
import { LOG_CSV_COLUMNS } from '../log/log-csv.ts';
import { toMeasurement } from '../measures/measures-service.ts';

/**
 * A client's whole record as a zip of CSV and JSON (data portability: GDPR Art. 20 asks for "a
 * structured, commonly used and machine-readable format"). Only this client's rows are read. The
 * log.csv uses the column names of the log import (core/log/log-csv.ts), so it can be imported again.
 */

export const APP_NAME = 'BioAI Nutrition';

type EventRow = typeof events.$inferSelect;

/** The keys core/log/log-service.ts writes into events.detail (read defensively: older rows may lack some). */
interface Detail {
  time?: string | null;
  note?: string | null;
  foodName?: string;
  amountLabel?: string;
  /** The household measure as typed ("1 medium"); null when grams were entered. */
  amountText?: string | null;
  grams?: number;
  activity?: string;
  label?: string;
  met?: number;
  /** Saved despite a recorded allergy (core/foods/allergens.ts). */
  allergyConfirmation?: { allergens: string[]; reason: string; at: number };
}

// The importable columns first (same names as the log CSV format), then what only an export carries.
const LOG_COLUMNS = [...LOG_CSV_COLUMNS, 'source', 'burned_kcal', ...TRACKED.map((n) => n.column)];

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'client';
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** Local HH:MM of a timestamp (entries made before `detail.time` existed). */
const localTime = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function readme(
  client: Client,
  now: number,
  counts: {
    targets: number;
    entries: number;
    measurements: number;
    audit: number;
    favourites: number;
    templates: number;
  },
): string {
  return [
    `${APP_NAME}: export of one client's record`,
    '',
    `Client: ${client.name}`,
    `Exported: ${new Date(now).toISOString()} (${localIsoDate(now)} local date)`,
    '',
    'Files',
    '- profile.json: the client profile (height in cm, weight in kg, dates as YYYY-MM-DD, times as Unix milliseconds).',
    `- targets-history.csv / .json: every change of targets (${counts.targets}); the row in force on a day is the latest whose`,
    "  effective_from is on or before it. override_<key> columns are the practitioner's values; the unit is in the key",
    '  (Kcal = kcal, G = grams, Mg = milligrams, Mcg = micrograms, L = litres). Empty = the computed value applies.',
    `- log.csv / log.json: every diet, activity and sleep entry (${counts.entries}), deleted entries excluded.`,
    '  grams = the amount eaten; nutrient columns are for that amount, their unit is the end of the column name',
    '  (energy_kcal in kcal, protein_g in g, sodium_mg in mg, vitamin_d_mcg in micrograms). Empty = unknown, not zero.',
    '  minutes = activity duration, burned_kcal = estimated energy spent, hours and quality (1-5) = sleep.',
    '  This log.csv can be imported again (Log > Import CSV); see docs/log-csv-format.md.',
    `- measurements.csv / .json: every measurement (${counts.measurements}: weight, waist, blood pressure, lab values …),`,
    '  deleted ones excluded. value (value2: diastolic blood pressure) is in canonical_unit (kg, cm, mmol/L …);',
    '  entered_value and unit are the reading as it was typed (e.g. 135 mg/dL). measured_on is the day it was taken.',
    `- favourites-templates.json: the foods starred for this client (${counts.favourites}) and their meal templates`,
    `  (${counts.templates}): each entry with its food id and name, grams and the household measure as typed.`,
    `- audit.csv: who changed this client's record and when (${counts.audit} entries; field names only, no values).`,
    '',
    'CSV files are UTF-8 with a byte-order mark, comma-separated, with a dot as the decimal separator.',
    'Text cells that begin with = + - or @ start with an apostrophe so spreadsheets do not run them as formulas.',
    '',
  ].join('\r\n');
}

export function exportClient(
  opened: { sqlite: Sqlite; db: Db },
  clientId: string,
  now: number,
): { fileName: string; data: Uint8Array } {
  const { db } = opened;
  const row = db
    .select()
    .from(clients)
    .where(and(eq(clients.id, clientId), isNull(clients.deletedAt)))
    .get();
  if (!row) throw new AppError('not-found', 'That client does not exist (it may have been deleted).');
  const client = toClient(row);

  // Targets history.
  const targets = db
    .select()
    .from(clientTargets)
    .where(and(eq(clientTargets.clientId, clientId), isNull(clientTargets.deletedAt)))
    .orderBy(asc(clientTargets.effectiveFrom), asc(clientTargets.createdAt))
    .all();
  const overrideKeys = TARGET_KEYS.filter((k) => targets.some((t) => t.overrides[k] !== undefined));
  const targetsCsv = toCsv(
    [
      'id',
      'effective_from',
      'equation',
      'note',
      'created_at',
      'updated_at',
      ...overrideKeys.map((k) => `override_${k}`),
    ],
    targets.map((t) => [
      t.id,
      t.effectiveFrom,
      t.equation,
      t.note,
      iso(t.createdAt),
      iso(t.updatedAt),
      ...overrideKeys.map((k) => t.overrides[k]),
    ]),
    { bom: true },
  );
  const targetsJson = targets.map(({ deletedAt: _deleted, ...t }) => t);

  // Log entries, with the food's current name for rows whose detail lacks it.
  const rows = db
    .select({ e: events, foodName: foods.name })
    .from(events)
    .leftJoin(foods, eq(foods.id, events.foodId))
    .where(and(eq(events.clientId, clientId), isNull(events.deletedAt)))
    .orderBy(asc(events.localDate), asc(events.occurredAt), asc(events.id))
    .all();
  const logRows: CsvValue[][] = [];
  const logJson: Record<string, unknown>[] = [];
  for (const { e, foodName } of rows) {
    const d = e.detail as Detail;
    const time = 'time' in d ? (d.time ?? null) : localTime(e.occurredAt);
    const diet = e.kind === 'diet';
    const nutrients = Object.fromEntries(
      TRACKED.map((n) => [n.key, e[n.key as keyof EventRow]]).filter(
        (kv): kv is [string, number] => typeof kv[1] === 'number',
      ),
    );
    const entry = {
      id: e.id,
      date: e.localDate,
      time,
      kind: e.kind,
      meal: e.meal,
      foodId: diet ? e.foodId : null,
      foodName: diet ? (d.foodName ?? foodName ?? null) : null,
      // The measure as typed is what the log import reads back; the label ("1 medium (118 g)") is for people.
      amount: diet ? (d.amountText ?? d.amountLabel ?? null) : null,
      grams: diet ? (d.grams ?? null) : null,
      activity: e.kind === 'activity' ? (d.activity ?? null) : null,
      minutes: e.durationMin,
      hours: e.sleepHours,
      quality: e.sleepQuality,
      source: e.source,
      note: d.note ?? null,
      // Part of the record: the entry was saved despite this allergy, for this reason (log.json only).
      allergyConfirmation: diet ? (d.allergyConfirmation ?? null) : null,
      burnedKcal: e.burnedKcal,
      nutrients: diet ? nutrients : {},
      occurredAt: e.occurredAt,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
    logJson.push(entry);
    logRows.push([
      entry.date,
      entry.time,
      entry.kind,
      entry.meal,
      entry.foodId,
      entry.foodName,
      entry.amount,
      entry.grams,
      entry.activity,
      entry.minutes,
      entry.hours,
      entry.quality,
      entry.note,
      entry.source,
      entry.burnedKcal,
      ...TRACKED.map((n) => (diet ? (e[n.key as keyof EventRow] as number | null) : null)),
    ]);
  }

  // Measurements over time (core/measures), oldest first, each in its canonical unit and as typed.
  const measurements = db
    .select()
    .from(clientMeasurements)
    .where(and(eq(clientMeasurements.clientId, clientId), isNull(clientMeasurements.deletedAt)))
    .orderBy(asc(clientMeasurements.measuredOn), asc(clientMeasurements.createdAt), asc(clientMeasurements.id))
    .all()
    .map(toMeasurement);
  const measurementsCsv = toCsv(
    [
      'id',
      'measured_on',
      'kind',
      'label',
      'value',
      'value2',
      'canonical_unit',
      'entered_value',
      'entered_value2',
      'unit',
      'method',
      'note',
      'created_at',
      'updated_at',
    ],
    measurements.map((m) => [
      m.id,
      m.date,
      m.kind,
      m.label,
      m.value,
      m.value2,
      m.canonicalUnit,
      m.enteredValue,
      m.enteredValue2,
      m.unit,
      m.method,
      m.note,
      iso(m.createdAt),
      iso(m.updatedAt),
    ]),
    { bom: true },
  );

  // Audit entries about the client, its targets and its log entries (deleted entries included).
  const audit = db
    .select()
    .from(auditLog)
    .where(
      or(
        eq(auditLog.entityId, clientId),
        inArray(
          auditLog.entityId,
          db.select({ id: clientTargets.id }).from(clientTargets).where(eq(clientTargets.clientId, clientId)),
        ),
        inArray(auditLog.entityId, db.select({ id: events.id }).from(events).where(eq(events.clientId, clientId))),
      ),
    )
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .all();
  const auditCsv = toCsv(
    ['at', 'actor', 'host', 'entity', 'entity_id', 'action', 'fields'],
    audit.map((a) => [iso(a.at), a.actor, a.host, a.entity, a.entityId, a.action, a.fields.join(';')]),
    { bom: true },
  );

  // Favourite foods and meal templates (deleted ones excluded).
  const favourites = db
    .selectDistinct({ foodId: clientFavourites.foodId })
    .from(clientFavourites)
    .where(and(eq(clientFavourites.clientId, clientId), isNull(clientFavourites.deletedAt)))
    .orderBy(asc(clientFavourites.foodId))
    .all();
  const templates = db
    .select({ name: mealTemplates.name, meal: mealTemplates.meal, entries: mealTemplates.entriesJson })
    .from(mealTemplates)
    .where(and(eq(mealTemplates.clientId, clientId), isNull(mealTemplates.deletedAt)))
    .orderBy(asc(mealTemplates.name), asc(mealTemplates.id))
    .all();

  const json = (v: unknown): Uint8Array => strToU8(`${JSON.stringify(v, null, 2)}\n`);
  const files: Record<string, Uint8Array> = {
    'README.txt': strToU8(
      readme(client, now, {
        targets: targets.length,
        entries: rows.length,
        measurements: measurements.length,
        audit: audit.length,
        favourites: favourites.length,
        templates: templates.length,
      }),
    ),
    'profile.json': json(client),
    'targets-history.csv': strToU8(targetsCsv),
    'targets-history.json': json(targetsJson),
    'log.csv': strToU8(toCsv(LOG_COLUMNS, logRows, { bom: true })),
    'log.json': json({ units: nutrientUnits(), entries: logJson }),
    'measurements.csv': strToU8(measurementsCsv),
    'measurements.json': json(measurements.map(({ clientId: _client, ...m }) => m)),
    'favourites-templates.json': json({ favourites, templates }),
    'audit.csv': strToU8(auditCsv),
  };
  // Zip timestamps are DOS dates (1980 onwards, local time); `now` keeps the archive reproducible.
  const data = zipSync(files, { level: 6, mtime: now });
  return { fileName: `bioai-export-${slugify(client.name)}-${localIsoDate(now)}.zip`, data };
}

/** Nutrient key → unit, so log.json is self-describing. */
function nutrientUnits(): Record<string, string> {
  return Object.fromEntries(NUTRIENTS.filter((n) => n.column !== null).map((n) => [n.key, n.unit]));
}
