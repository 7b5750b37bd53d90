import { type Client } from '../contract/clients.ts';
import { TARGET_KEYS } from '../contract/targets.ts';
import type { Sqlite } from '../db/open.ts';
import { prepared } from '../db/statements.ts';
import type { ForecastService } from '../forecast/forecast.ts';
import { latestReadingsOn, profileOn, readingOn } from '../measures/in-force.ts';
import { ageInYears } from '../targets/compute.ts';
import type { TargetsService } from '../targets/targets-service.ts';
import type { Variables } from './types.ts';
import {
  daysSinceName,
  FEATURE_NUTRIENTS,
  MEASURE_CHANGES,
  MEASURE_VARIABLES,
  MIN_LOGGED_DAYS,
  snakeCase,
  UPPER_LIMITED,
} from './variables.ts';
import {
  clientDailyFeatures,
  num,
  practiceDailyFeatures,
  shiftDate,
  windowParams,
  type Row,
} from './daily-features.ts';

export { clientDailyFeatures, practiceDailyFeatures, shiftDate, type DailyFeatures } from './daily-features.ts';

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
// Grams of fruit and vegetables in the 7-day window (divided by the logged days in code). Potatoes
// are filed under vegetables in SR28 but WHO's 5-a-day counts starchy roots out (variables.ts).
// `+kind` keeps the planner on (client, date): by (client, kind) it would read every diet entry ever.
const FRUIT_VEG_SQL = `
  SELECT coalesce(sum(json_extract(e.detail, '$.grams')), 0) AS grams
  FROM events e JOIN foods f ON f.id = e.food_id
  WHERE e.client_id = :client AND +e.kind = 'diet' AND e.deleted_at IS NULL
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
interface Statements {
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
      fruitVeg: sqlite.prepare(FRUIT_VEG_SQL),
      lastLog: sqlite.prepare(LAST_LOG_SQL),
      lastLoggedDay: sqlite.prepare(LAST_LOGGED_DAY_SQL),
    };
    cache.set(sqlite, s);
  }
  return s;
}

/**
 * client.*: the profile as `client` gives it. computeVariables passes it with the weight and height in
 * force on asOf (profileOn, core/measures/in-force.ts), as the targets use them: a rule run for a past
 * day sees that day's weight, not today's.
 */
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

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * measures.*: the latest reading of each built-in kind on or before asOf in its canonical unit, the
 * 30-day changes and the days since each kind's latest reading (variables.ts). Null = not enough data.
 */
export function measureVariables(sqlite: Sqlite, clientId: string, asOf: string): NonNullable<Variables['measures']> {
  const out: NonNullable<Variables['measures']> = {};
  const latest = latestReadingsOn(sqlite, clientId, asOf);
  for (const m of MEASURE_VARIABLES) {
    const r = latest.get(m.kind);
    out[m.name] = r === undefined ? null : m.second ? r.value2 : r.value;
  }
  const monthBefore = shiftDate(asOf, -30);
  for (const m of MEASURE_CHANGES) {
    const now = latest.get(m.kind);
    const then = now === undefined || now.date <= monthBefore ? null : readingOn(sqlite, clientId, m.kind, monthBefore);
    // Null without a reading in force 30 days before, or with nothing recorded since (the same reading at both ends).
    out[`${m.name}_change_30d`] = now === undefined || then === null ? null : now.value - then.value;
  }
  for (const kind of new Set(MEASURE_VARIABLES.map((m) => m.kind))) {
    const r = latest.get(kind);
    out[daysSinceName(kind)] = r === undefined ? null : dayNumber(asOf) - dayNumber(r.date);
  }
  return out;
}

/** What the feature SQL gives for one client: the window aggregates, the streak, the fruit and vegetables. */
interface FeatureRows {
  window: Row;
  streak: number;
  fruitVegGrams: number;
}
function fruitVegOf(sqlite: Sqlite, clientId: string, asOf: string): number {
  const { s7 } = windowParams(asOf);
  return num((statements(sqlite).fruitVeg.get({ client: clientId, s7, asOf }) as Row | undefined)?.grams) ?? 0;
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
  // The weight and height in force on asOf (protein per kg and client.* read them).
  const onDay = profileOn(sqlite, client, asOf);
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
  const kg = onDay.weightKg;
  features.protein_g_per_kg_7d = protein7 === null || !kg ? null : protein7 / kg;
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
    client: clientVariables(onDay, asOf),
    forecast: forecastVariables(sqlite, forecast, client, asOf),
    measures: measureVariables(sqlite, client.id, asOf),
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
