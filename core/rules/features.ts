import { type Client } from '../contract/clients.ts';
import { TARGET_KEYS } from '../contract/targets.ts';
import type { Sqlite } from '../db/open.ts';
import { prepared } from '../db/statements.ts';
import type { ForecastService } from '../forecast/forecast.ts';
import { ageInYears } from '../targets/compute.ts';
import type { TargetsService } from '../targets/targets-service.ts';
import type { Variables } from './types.ts';
import { FEATURE_NUTRIENTS, MIN_LOGGED_DAYS, snakeCase, UPPER_LIMITED } from './variables.ts';

/**
 * A client's rule variables on a day, from daily_totals (kept exact by triggers on events; window sums
 * added in code, streaks counted in SQL) and, for fruit and vegetables, from the diet events. Windows end on `asOf`
 * inclusive: 7 days = asOf-6 … asOf, 30 days likewise. Means are over LOGGED days only (at least one
 * diet entry): a day without entries is missing data, never a day of zero intake. Anything that cannot
 * be known from the log is null, and a rule reading a null does not fire ("not enough data").
 */

/** SR28 food groups counted as fruit and vegetables (foods.food_group). */
export const FRUIT_VEG_GROUPS = ['Fruits and Fruit Juices', 'Vegetables and Vegetable Products'] as const;

const TARGET_NAMES: readonly string[] = TARGET_KEYS.map(snakeCase);

const DAY_MS = 86_400_000;

// The same few dates are shifted for every client of a practice pass (window starts, streak days):
// remembered, up to a bound, instead of parsed and formatted each time.
const shifted = new Map<string, string>();
export function shiftDate(date: string, days: number): string {
  const key = `${date}|${days}`;
  let out = shifted.get(key);
  if (out === undefined) {
    out = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
    if (shifted.size >= 4096) shifted.clear();
    shifted.set(key, out);
  }
  return out;
}

// The columns of daily_totals the window features read, in this order (see WindowAccumulator).
const WINDOW_COLUMNS = [
  'local_date',
  'diet_entries',
  ...FEATURE_NUTRIENTS,
  'sleep_entries',
  'sleep_hours',
  'sleep_quality',
  'activity_entries',
  'activity_min',
] as const;
const COL = Object.fromEntries(WINDOW_COLUMNS.map((c, i) => [c, i])) as Record<(typeof WINDOW_COLUMNS)[number], number>;
const NUTRIENT_COL = FEATURE_NUTRIENTS.map((n) => COL[n]);

// One client's days of the 30-day window, oldest first (the primary key's order).
const CLIENT_DAYS_SQL = `
  SELECT ${WINDOW_COLUMNS.join(', ')} FROM daily_totals
  WHERE client_id = :client AND local_date BETWEEN :s30 AND :asOf
  ORDER BY local_date`;

/**
 * The window aggregates of one client, summed in code over its days in date order: 7- and 30-day
 * means over logged days, days logged, sleep means, activity totals. Both the per-client and the
 * practice-wide paths feed it the same rows in the same order, so their results are equal to the
 * last bit whatever plan SQLite picks for either query. Sums are compensated (Kahan-Babuska-Neumaier)
 * exactly as SQLite's own sum() and avg() are, so the values are those the former SQL aggregates gave.
 */
class WindowAccumulator {
  // Per accumulated quantity: compensated sum (2 slots) and count.
  private readonly sums: Float64Array;
  private readonly counts: Uint32Array;
  private static readonly N = FEATURE_NUTRIENTS.length;
  // Slots: [0, N) 7-day nutrient means, [N, 2N) 30-day ones, then sleep hours, sleep quality, activity minutes.
  private static readonly SLEEP_H = 2 * WindowAccumulator.N;
  private static readonly SLEEP_Q = WindowAccumulator.SLEEP_H + 1;
  private static readonly ACT_MIN = WindowAccumulator.SLEEP_H + 2;
  /** The days with diet entries, oldest first (the streak is counted from them). */
  readonly logged: string[] = [];
  private days7 = 0;
  private days30 = 0;
  private activity7 = 0;
  private activity30 = 0;

  private readonly s7: string;

  constructor(s7: string) {
    this.s7 = s7;
    const slots = 2 * WindowAccumulator.N + 3;
    this.sums = new Float64Array(2 * slots);
    this.counts = new Uint32Array(slots);
  }

  private add(slot: number, x: unknown): void {
    if (typeof x !== 'number') return; // NULL: not counted, as in SQL
    const i = 2 * slot;
    const s = this.sums[i] as number;
    const t = s + x;
    this.sums[i + 1] = (this.sums[i + 1] as number) + (Math.abs(s) > Math.abs(x) ? s - t + x : x - t + s);
    this.sums[i] = t;
    this.counts[slot] = (this.counts[slot] as number) + 1;
  }

  /** One day's row (WINDOW_COLUMNS order, with `offset` leading columns); days must come oldest first. */
  day(r: readonly unknown[], offset: number): void {
    const date = r[offset + COL.local_date] as string;
    const in7 = date >= this.s7;
    if ((r[offset + COL.diet_entries] as number) > 0) {
      this.logged.push(date);
      this.days30++;
      if (in7) this.days7++;
      for (let k = 0; k < WindowAccumulator.N; k++) {
        const v = r[offset + (NUTRIENT_COL[k] as number)];
        this.add(WindowAccumulator.N + k, v);
        if (in7) this.add(k, v);
      }
    }
    if ((r[offset + COL.activity_entries] as number) > 0) {
      this.activity30++;
      if (in7) {
        this.activity7++;
        this.add(WindowAccumulator.ACT_MIN, r[offset + COL.activity_min]);
      }
    }
    if (in7 && (r[offset + COL.sleep_entries] as number) > 0) {
      this.add(WindowAccumulator.SLEEP_H, r[offset + COL.sleep_hours]);
      this.add(WindowAccumulator.SLEEP_Q, r[offset + COL.sleep_quality]);
    }
  }

  /** SQLite's sum(): the compensated total, or null without a value. */
  private total(slot: number): number | null {
    if (this.counts[slot] === 0) return null;
    const s = this.sums[2 * slot] as number;
    const e = this.sums[2 * slot + 1] as number;
    return Number.isFinite(e) ? s + e : s;
  }

  private mean(slot: number): number | null {
    const t = this.total(slot);
    return t === null ? null : t / (this.counts[slot] as number);
  }

  /** The aggregates under the names assemble reads. */
  result(): Row {
    const out: Row = {};
    FEATURE_NUTRIENTS.forEach((n, k) => {
      out[`m7_${n}`] = this.mean(k);
      out[`m30_${n}`] = this.mean(WindowAccumulator.N + k);
    });
    out.days_logged_7d = this.days7;
    out.days_logged_30d = this.days30;
    out.sleep_hours_7d_mean = this.mean(WindowAccumulator.SLEEP_H);
    out.sleep_quality_7d_mean = this.mean(WindowAccumulator.SLEEP_Q);
    out.activity_min_7d_total = this.total(WindowAccumulator.ACT_MIN) ?? 0;
    out.activity_days_7d = this.activity7;
    out.activity_days_30d = this.activity30;
    return out;
  }
}

// Consecutive logged days ending on asOf, or on the day before when nothing is logged yet today.
const STREAK_SQL = `
  WITH RECURSIVE streak(day) AS (
    SELECT d FROM (
      SELECT max(local_date) AS d FROM daily_totals
      WHERE client_id = :client AND diet_entries > 0 AND local_date BETWEEN date(:asOf, '-1 day') AND :asOf
    ) WHERE d IS NOT NULL
    UNION ALL
    SELECT date(streak.day, '-1 day') FROM streak
    WHERE EXISTS (
      SELECT 1 FROM daily_totals
      WHERE client_id = :client AND local_date = date(streak.day, '-1 day') AND diet_entries > 0
    )
  )
  SELECT count(*) AS n FROM streak`;

// Grams of fruit and vegetables in the 7-day window (divided by the logged days in code). Potatoes
// are filed under vegetables in SR28 but WHO's 5-a-day counts starchy roots out (variables.ts).
const FRUIT_VEG_SQL = `
  SELECT coalesce(sum(json_extract(e.detail, '$.grams')), 0) AS grams
  FROM events e JOIN foods f ON f.id = e.food_id
  WHERE e.client_id = :client AND e.kind = 'diet' AND e.deleted_at IS NULL
    AND e.local_date BETWEEN :s7 AND :asOf
    AND f.food_group IN (${FRUIT_VEG_GROUPS.map((g) => `'${g.replace(/'/g, "''")}'`).join(', ')})
    AND f.name NOT LIKE 'Potato%'`;

// Freshness of the diet log: the latest diet entry by its logged time that has happened by now
// (a future-dated entry, e.g. a planned dinner, does not count).
const LAST_LOG_SQL = `
  SELECT max(occurred_at) AS t FROM events
  WHERE client_id = :client AND kind = 'diet' AND deleted_at IS NULL AND occurred_at <= :now`;

// The most recent day with diet entries in the 7-day window: the day the intake model reads.
const LAST_LOGGED_DAY_SQL = `
  SELECT max(local_date) AS d FROM daily_totals
  WHERE client_id = :client AND diet_entries > 0 AND local_date BETWEEN :s7 AND :asOf`;

type Row = Record<string, number | string | null>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

interface Statements {
  days: ReturnType<Sqlite['prepare']>;
  streak: ReturnType<Sqlite['prepare']>;
  fruitVeg: ReturnType<Sqlite['prepare']>;
  lastLog: ReturnType<Sqlite['prepare']>;
  lastLoggedDay: ReturnType<Sqlite['prepare']>;
}

// Prepared once per connection: the rules run for every client after each log change.
const cache = new WeakMap<Sqlite, Statements>();
function statements(sqlite: Sqlite): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      days: sqlite.prepare(CLIENT_DAYS_SQL).raw(),
      streak: sqlite.prepare(STREAK_SQL),
      fruitVeg: sqlite.prepare(FRUIT_VEG_SQL),
      lastLog: sqlite.prepare(LAST_LOG_SQL),
      lastLoggedDay: sqlite.prepare(LAST_LOGGED_DAY_SQL),
    };
    cache.set(sqlite, s);
  }
  return s;
}

export function clientVariables(client: Client, asOf: string): Variables['client'] {
  const heightM = client.heightCm === null ? null : client.heightCm / 100;
  return {
    age_years: client.birthDate ? ageInYears(client.birthDate, asOf) : null,
    sex: client.sex,
    diet_pattern: client.dietPattern,
    life_stage: client.lifeStage,
    weight_kg: client.weightKg,
    height_cm: client.heightCm,
    bmi: client.weightKg !== null && heightM ? client.weightKg / (heightM * heightM) : null,
    // Lower-cased so a rule's "peanut" in client.allergies matches "Peanut" as typed.
    allergies: client.allergies.map((a) => a.toLowerCase()),
    tags: client.tags.map((t) => t.toLowerCase()),
    ed_sensitive: client.edSensitive,
    conditions: [...client.conditions],
    goal: client.goal,
  };
}

export function targetVariables(targets: TargetsService, client: Client, asOf: string): Variables['targets'] {
  return targetAndLimitVariables(targets, client, asOf).targets;
}

const LIMIT_NAMES = [...UPPER_LIMITED];

/** targets.* (the value in force, override or computed) and limits.* (the UL for the life stage). */
export function targetAndLimitVariables(
  targets: TargetsService,
  client: Client,
  asOf: string,
): { targets: Variables['targets']; limits: NonNullable<Variables['limits']> } {
  const out: Variables['targets'] = Object.fromEntries(TARGET_NAMES.map((k) => [k, null]));
  const limits: NonNullable<Variables['limits']> = Object.fromEntries(LIMIT_NAMES.map((k) => [k, null]));
  for (const t of targets.forClient(client, asOf).targets ?? []) {
    const name = snakeCase(t.key);
    out[name] = t.value;
    if (name in limits) limits[name] = t.ul;
  }
  return { targets: out, limits };
}

/**
 * forecast.*: the intake model on the most recent logged day within 7 days of asOf (variables.ts).
 * Numbers null and below_goldberg false without such a day or without the model.
 */
export function forecastVariables(
  sqlite: Sqlite,
  forecast: ForecastService | null | undefined,
  client: Client,
  asOf: string,
): NonNullable<Variables['forecast']> {
  const out: NonNullable<Variables['forecast']> = {
    energy_kcal: null,
    band_low_kcal: null,
    band_high_kcal: null,
    logged_to_estimate_ratio: null,
    below_goldberg: false,
  };
  if (!forecast) return out;
  const day = (
    statements(sqlite).lastLoggedDay.get({ client: client.id, s7: shiftDate(asOf, -6), asOf }) as Row | undefined
  )?.d;
  if (typeof day !== 'string') return out;
  const f = forecast.estimate(sqlite, client, day);
  if (!f) return out;
  out.energy_kcal = f.estimateKcal;
  out.band_low_kcal = f.band.low;
  out.band_high_kcal = f.band.high;
  out.logged_to_estimate_ratio = f.loggedToEstimateRatio;
  out.below_goldberg = f.plausibility.flag === 'below-goldberg';
  return out;
}

/** What the feature SQL gives for one client: the window aggregates, the streak, the fruit and vegetables. */
interface FeatureRows {
  window: Row;
  streak: number;
  fruitVegGrams: number;
}

function windowParams(asOf: string): { asOf: string; s7: string; s30: string } {
  return { asOf, s7: shiftDate(asOf, -6), s30: shiftDate(asOf, -29) };
}

function streakOf(sqlite: Sqlite, clientId: string, asOf: string): number {
  return num((statements(sqlite).streak.get({ client: clientId, asOf }) as Row | undefined)?.n) ?? 0;
}

function fruitVegOf(sqlite: Sqlite, clientId: string, asOf: string): number {
  const { s7 } = windowParams(asOf);
  return num((statements(sqlite).fruitVeg.get({ client: clientId, s7, asOf }) as Row | undefined)?.grams) ?? 0;
}

/** The daily features of one client on asOf, read one client at a time: the window aggregates and the logging streak. */
export interface DailyFeatures {
  window: Row;
  streak: number;
}

export function clientDailyFeatures(sqlite: Sqlite, clientId: string, asOf: string): DailyFeatures {
  const params = windowParams(asOf);
  const acc = new WindowAccumulator(params.s7);
  for (const r of statements(sqlite).days.iterate({ client: clientId, ...params }) as Iterable<unknown[]>)
    acc.day(r, 0);
  return { window: acc.result(), streak: streakOf(sqlite, clientId, asOf) };
}

function clientRows(sqlite: Sqlite, clientId: string, asOf: string): FeatureRows {
  return { ...clientDailyFeatures(sqlite, clientId, asOf), fruitVegGrams: fruitVegOf(sqlite, clientId, asOf) };
}

export function computeVariables(
  sqlite: Sqlite,
  targets: TargetsService,
  client: Client,
  asOf: string,
  now: number,
  forecast?: ForecastService | null,
): Variables {
  return assemble(sqlite, targets, client, asOf, now, forecast, clientRows(sqlite, client.id, asOf));
}

/** The variables from the feature rows: the one place both the per-client and the practice-wide paths derive them. */
function assemble(
  sqlite: Sqlite,
  targets: TargetsService,
  client: Client,
  asOf: string,
  now: number,
  forecast: ForecastService | null | undefined,
  rows: FeatureRows,
): Variables {
  const st = statements(sqlite);
  const w = rows.window;
  const { targets: target, limits } = targetAndLimitVariables(targets, client, asOf);
  const days7 = num(w.days_logged_7d) ?? 0;
  const days30 = num(w.days_logged_30d) ?? 0;
  // One or two logged days are not a habit: means need MIN_LOGGED_DAYS (variables.ts), else null.
  const enough7 = days7 >= MIN_LOGGED_DAYS['7d'];
  const enough30 = days30 >= MIN_LOGGED_DAYS['30d'];

  const features: Variables['features'] = {};
  for (const n of FEATURE_NUTRIENTS) {
    const m7 = enough7 ? num(w[`m7_${n}`]) : null;
    features[`${n}_7d_mean`] = m7;
    features[`${n}_30d_mean`] = enough30 ? num(w[`m30_${n}`]) : null;
    if (n in target) {
      const t = target[n] ?? null;
      features[`${n}_7d_ratio`] = m7 === null || t === null || t === 0 ? null : m7 / t;
    }
  }
  features.days_logged_7d = days7;
  features.days_logged_30d = days30;
  features.logging_streak_days = rows.streak;
  const last = num((st.lastLog.get({ client: client.id, now }) as Row | undefined)?.t);
  features.hours_since_last_log = last === null ? null : (now - last) / 3_600_000;
  const protein7 = features.protein_g_7d_mean ?? null;
  features.protein_g_per_kg_7d = protein7 === null || !client.weightKg ? null : protein7 / client.weightKg;
  // Shares of energy as declared in variables.ts: ratio of the 7-day means (9 kcal/g fat, 4 kcal/g sugar).
  const energy7 = features.energy_kcal_7d_mean ?? null;
  const share = (grams: number | null | undefined, kcalPerG: number): number | null =>
    grams === null || grams === undefined || energy7 === null || energy7 <= 0
      ? null
      : (100 * kcalPerG * grams) / energy7;
  features.energy_from_sat_fat_pct_7d = share(features.sat_fat_g_7d_mean, 9);
  features.energy_from_added_sugar_pct_7d = share(features.added_sugar_g_7d_mean, 4);
  const fv = rows.fruitVegGrams;
  features.fruit_veg_g_7d_mean = enough7 ? fv / days7 : null;
  features.sleep_hours_7d_mean = num(w.sleep_hours_7d_mean);
  features.sleep_quality_7d_mean = num(w.sleep_quality_7d_mean);
  // Activity is optional to track: with none logged in 30 days both are unknown (null), not zero.
  const tracksActivity = (num(w.activity_days_30d) ?? 0) > 0;
  features.activity_min_7d_total = tracksActivity ? (num(w.activity_min_7d_total) ?? 0) : null;
  features.activity_days_7d = tracksActivity ? (num(w.activity_days_7d) ?? 0) : null;

  return {
    features,
    targets: target,
    limits,
    client: clientVariables(client, asOf),
    forecast: forecastVariables(sqlite, forecast, client, asOf),
  };
}

/** Diet entries and logged days in the 7-day window ending on asOf (for recommendation confidence). */
export function loggingDensity(sqlite: Sqlite, clientId: string, asOf: string): { entries: number; days: number } {
  const row = prepared(
    sqlite,
    `SELECT coalesce(sum(diet_entries), 0) AS entries, count(*) AS days FROM daily_totals
       WHERE client_id = ? AND local_date BETWEEN ? AND ? AND diet_entries > 0`,
  ).get(clientId, shiftDate(asOf, -6), asOf) as { entries: number; days: number };
  return { entries: row.entries, days: row.days };
}

// The days of the 30-day window of every listed client, in one statement: client by client, oldest
// day first, as CLIENT_DAYS_SQL reads one client's.
const PRACTICE_DAYS_SQL = `
  SELECT d.client_id, ${WINDOW_COLUMNS.map((c) => `d.${c}`).join(', ')}
  FROM json_each(:ids) AS c CROSS JOIN daily_totals AS d
    ON d.client_id = c.value AND d.local_date BETWEEN :start AND :end
  ORDER BY c.key, d.local_date`;

// Logged days of each listed client in a span of days, counted from the index of logged days alone.
const PRACTICE_LOGGED_COUNT_SQL = `
  SELECT c.value AS id, (
    SELECT count(*) FROM daily_totals AS d
    WHERE d.client_id = c.value AND d.diet_entries > 0 AND d.local_date BETWEEN :start AND :end
  ) AS n
  FROM json_each(:ids) AS c`;

// The logged days themselves, newest first, of the clients whose streak ends within the span.
const PRACTICE_LOGGED_DAYS_SQL = `
  SELECT d.client_id, d.local_date
  FROM json_each(:ids) AS c CROSS JOIN daily_totals AS d
    ON d.client_id = c.value AND d.diet_entries > 0 AND d.local_date BETWEEN :start AND :end
  ORDER BY c.key, d.local_date DESC`;

/** Days a round of the practice-wide streak count looks back beyond the window. */
const STREAK_SPAN_DAYS = 64;

/**
 * Consecutive days of `days` (newest first) starting at `from`: how far an unbroken run goes back.
 */
function runFrom(days: readonly string[], from: string): number {
  let n = 0;
  let expect = from;
  for (const d of days) {
    if (d !== expect) break;
    n++;
    expect = shiftDate(d, -1);
  }
  return n;
}

/**
 * The daily features of the listed clients on asOf, read practice-wide: one statement for every
 * client's window of days, and the logging streaks counted from those days; a streak that covers the
 * whole window goes on in spans of STREAK_SPAN_DAYS earlier days, counted for all such clients at once
 * from the index of logged days (a span fully logged adds its length; the span where the run breaks
 * is read day by day). Equal to clientDailyFeatures for every client (the same rows, summed in the
 * same order, the same streak). A client not listed is read on its own.
 */
export function practiceDailyFeatures(
  sqlite: Sqlite,
  asOf: string,
  clientIds: readonly string[],
): (clientId: string) => DailyFeatures {
  const params = windowParams(asOf);
  const ids = [...new Set(clientIds)];
  const windows = new Map<string, WindowAccumulator>(ids.map((id) => [id, new WindowAccumulator(params.s7)]));
  const days = prepared(sqlite, PRACTICE_DAYS_SQL).raw();
  for (const r of days.iterate({ ids: JSON.stringify(ids), start: params.s30, end: asOf }) as Iterable<unknown[]>)
    windows.get(r[0] as string)?.day(r, 1);

  // Streaks within the window, from its logged days; the ones reaching its first day go on further back.
  const streaks = new Map<string, number>();
  let open: string[] = [];
  const yesterday = shiftDate(asOf, -1);
  for (const [id, acc] of windows) {
    const newest = acc.logged.toReversed();
    const first = newest[0];
    const n = first === asOf || first === yesterday ? runFrom(newest, first) : 0;
    streaks.set(id, n);
    if (n > 0 && newest[n - 1] === params.s30) open.push(id);
  }
  const count = prepared(sqlite, PRACTICE_LOGGED_COUNT_SQL);
  const logged = prepared(sqlite, PRACTICE_LOGGED_DAYS_SQL).raw();
  let end = shiftDate(params.s30, -1);
  while (open.length > 0) {
    const start = shiftDate(end, -(STREAK_SPAN_DAYS - 1));
    const full: string[] = [];
    const broken: string[] = [];
    for (const r of count.all({ ids: JSON.stringify(open), start, end }) as { id: string; n: number }[]) {
      if (r.n === STREAK_SPAN_DAYS) full.push(r.id);
      else broken.push(r.id);
      streaks.set(r.id, (streaks.get(r.id) ?? 0) + (r.n === STREAK_SPAN_DAYS ? r.n : 0));
    }
    if (broken.length > 0) {
      const byClient = new Map<string, string[]>();
      for (const [id, day] of logged.iterate({ ids: JSON.stringify(broken), start, end }) as Iterable<
        [string, string]
      >) {
        let list = byClient.get(id);
        if (!list) byClient.set(id, (list = []));
        list.push(day);
      }
      for (const id of broken) streaks.set(id, (streaks.get(id) ?? 0) + runFrom(byClient.get(id) ?? [], end));
    }
    open = full;
    end = shiftDate(start, -1);
  }

  return (id) => {
    const acc = windows.get(id);
    if (!acc) return clientDailyFeatures(sqlite, id, asOf);
    return { window: acc.result(), streak: streaks.get(id) ?? 0 };
  };
}

/**
 * computeVariables for many clients at once (recommendations.evaluateMany): the same variables,
 * client by client, with the daily features of the listed clients read practice-wide when the reader
 * is made (practiceDailyFeatures). The per-client lookups that remain (fruit and vegetables, the last
 * log, targets) are index seeks with statements prepared once.
 */
export function practiceVariablesReader(
  sqlite: Sqlite,
  targets: TargetsService,
  clientIds: readonly string[],
  asOf: string,
  now: number,
  forecast?: ForecastService | null,
): (client: Client) => Variables {
  const daily = practiceDailyFeatures(sqlite, asOf, clientIds);
  return (c) =>
    assemble(sqlite, targets, c, asOf, now, forecast, {
      ...daily(c.id),
      fruitVegGrams: fruitVegOf(sqlite, c.id, asOf),
    });
}

/** practiceVariablesReader over a list of clients. */
export function practiceVariables(
  sqlite: Sqlite,
  targets: TargetsService,
  clients: readonly Client[],
  asOf: string,
  now: number,
  forecast?: ForecastService | null,
): Variables[] {
  return clients.map(
    practiceVariablesReader(
      sqlite,
      targets,
      clients.map((c) => c.id),
      asOf,
      now,
      forecast,
    ),
  );
}
