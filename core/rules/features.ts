import { TARGET_KEYS, type Client } from '../api/schemas.ts';
import type { Sqlite } from '../db/open.ts';
import { prepared } from '../db/statements.ts';
import type { ForecastService } from '../forecast/forecast.ts';
import { ageInYears } from '../targets/compute.ts';
import type { TargetsService } from '../targets/targets-service.ts';
import type { Variables } from './types.ts';
import { FEATURE_NUTRIENTS, MIN_LOGGED_DAYS, snakeCase, UPPER_LIMITED } from './variables.ts';

/**
 * A client's rule variables on a day, computed in SQL from daily_totals (kept exact by triggers on
 * events) and, for fruit and vegetables, from the diet events themselves. Windows end on `asOf`
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

const nutrientCols = FEATURE_NUTRIENTS.map(
  (n) => `avg(CASE WHEN diet_entries > 0 AND local_date >= :s7 THEN ${n} END) AS m7_${n},
    avg(CASE WHEN diet_entries > 0 THEN ${n} END) AS m30_${n}`,
).join(',\n    ');

// activity_30d tells "does not track activity" (null) apart from "tracked, did none this week" (0).
const WINDOW_SQL = `
  SELECT
    ${nutrientCols},
    count(CASE WHEN diet_entries > 0 AND local_date >= :s7 THEN 1 END) AS days_logged_7d,
    count(CASE WHEN diet_entries > 0 THEN 1 END) AS days_logged_30d,
    avg(CASE WHEN sleep_entries > 0 AND local_date >= :s7 THEN sleep_hours END) AS sleep_hours_7d_mean,
    avg(CASE WHEN sleep_entries > 0 AND local_date >= :s7 THEN sleep_quality END) AS sleep_quality_7d_mean,
    coalesce(sum(CASE WHEN activity_entries > 0 AND local_date >= :s7 THEN activity_min END), 0) AS activity_min_7d_total,
    count(CASE WHEN activity_entries > 0 AND local_date >= :s7 THEN 1 END) AS activity_days_7d,
    count(CASE WHEN activity_entries > 0 THEN 1 END) AS activity_days_30d
  FROM daily_totals
  WHERE client_id = :client AND local_date BETWEEN :s30 AND :asOf`;

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
  window: ReturnType<Sqlite['prepare']>;
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
      window: sqlite.prepare(WINDOW_SQL),
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

function clientRows(sqlite: Sqlite, clientId: string, asOf: string): FeatureRows {
  const w = (statements(sqlite).window.get({ client: clientId, ...windowParams(asOf) }) ?? {}) as Row;
  return { window: w, streak: streakOf(sqlite, clientId, asOf), fruitVegGrams: fruitVegOf(sqlite, clientId, asOf) };
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

// The window aggregates of every client with days in the window, in one pass over daily_totals.
const PRACTICE_WINDOW_SQL = `
  SELECT client_id, ${WINDOW_SQL.slice(WINDOW_SQL.indexOf('SELECT') + 'SELECT'.length, WINDOW_SQL.indexOf('FROM daily_totals'))}
  FROM daily_totals
  WHERE local_date BETWEEN :s30 AND :asOf
  GROUP BY client_id`;

// Every client's logged days in the last year up to asOf: the logging streaks, counted in code (a
// streak longer than that is counted by STREAK_SQL). Sorted in code, per client.
const STREAK_LOOKBACK_DAYS = 366;
const PRACTICE_LOGGED_DAYS_SQL = `
  SELECT client_id, local_date FROM daily_totals
  WHERE diet_entries > 0 AND local_date BETWEEN :from AND :asOf`;

/**
 * The streak from a client's logged days from `from` to asOf (newest first), as STREAK_SQL counts it;
 * null when it reaches `from`, where it may go on further back (then STREAK_SQL runs).
 */
function streakFromDays(days: readonly string[], asOf: string, from: string): number | null {
  const first = days[0];
  if (first === undefined || (first !== asOf && first !== shiftDate(asOf, -1))) return 0;
  let n = 0;
  let expect = first;
  for (const d of days) {
    if (d !== expect) break;
    n++;
    if (d === from) return null;
    expect = shiftDate(d, -1);
  }
  return n;
}

/**
 * computeVariables for many clients at once (recommendations.evaluateMany): the same variables,
 * client by client, with the window aggregates and the streaks of the whole practice read in two
 * set-based queries when the reader is made, instead of two per client. The per-client lookups that
 * remain (fruit and vegetables, the last log, targets) are index seeks with statements prepared once.
 * The reader answers for any client; one not seen by the queries has no logged days in the window.
 */
export function practiceVariablesReader(
  sqlite: Sqlite,
  targets: TargetsService,
  asOf: string,
  now: number,
  forecast?: ForecastService | null,
): (client: Client) => Variables {
  const st = statements(sqlite);
  const params = windowParams(asOf);
  const windows = new Map<string, Row>();
  for (const r of prepared(sqlite, PRACTICE_WINDOW_SQL).all(params) as Row[]) {
    const { client_id: id, ...rest } = r;
    windows.set(String(id), rest);
  }
  const from = shiftDate(asOf, -(STREAK_LOOKBACK_DAYS - 1));
  const logged = new Map<string, string[]>();
  for (const r of prepared(sqlite, PRACTICE_LOGGED_DAYS_SQL).all({ from, asOf }) as {
    client_id: string;
    local_date: string;
  }[]) {
    let days = logged.get(r.client_id);
    if (!days) logged.set(r.client_id, (days = []));
    days.push(r.local_date);
  }
  for (const days of logged.values()) days.sort().reverse();
  // A client without days in the window: the aggregate of no rows (counts 0, means null), as the
  // per-client query answers it.
  let empty: Row | null = null;
  const emptyWindow = (): Row => (empty ??= (st.window.get({ client: '', ...params }) ?? {}) as Row);
  return (c) => {
    const window = windows.get(c.id) ?? emptyWindow();
    const streak = streakFromDays(logged.get(c.id) ?? [], asOf, from) ?? streakOf(sqlite, c.id, asOf);
    return assemble(sqlite, targets, c, asOf, now, forecast, {
      window,
      streak,
      fruitVegGrams: fruitVegOf(sqlite, c.id, asOf),
    });
  };
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
  return clients.map(practiceVariablesReader(sqlite, targets, asOf, now, forecast));
}
