import { AppError } from '../contract/errors.ts';
import { TARGET_KEYS, type TargetValue } from '../contract/targets.ts';
import {
  INTAKE_EXTRA_KEYS,
  TREND_KEYS,
  type DayExtra,
  type DayForecast,
  type DayView,
  type TrendsView,
} from '../contract/log.ts';
import type { ClientsService } from '../clients/clients.ts';
import type { Sqlite } from '../db/open.ts';
import { profileOn } from '../measures/in-force.ts';
import { forecastHiddenReason, plausibilityMessage, type ForecastService } from '../forecast/forecast.ts';
import { NUTRIENTS, type NutrientValues } from '../foods/nutrients.ts';
import { judge, statusOf } from '../targets/status.ts';
import { aboveReference, intakeReference } from './intake-references.ts';
import type { TargetsService } from '../targets/targets-service.ts';

/**
 * The dashboard reads only daily_totals (kept exact by triggers on events) and the targets in force
 * on each day. Rolling 7- and 30-day means are SQL window functions over a calendar of days, so a
 * day without entries is missing data (skipped by AVG), never a day of zero intake.
 */

type DailyRow = Record<string, number | string | null>;

const COLUMN_OF: Record<string, string> = Object.fromEntries(
  NUTRIENTS.filter((n) => n.column !== null).map((n) => [n.key, n.column as string]),
);

/**
 * Nutrients without a daily_totals column that the dashboard shows: those with a target (vitamin K) and
 * caffeine and alcohol (INTAKE_EXTRA_KEYS, shown without a target). Summed per day from each diet entry's
 * own nutrients, which the log writes into events.detail at logging time (core/log/log-service.ts) and
 * rewrites when a food's values are applied to past entries. So they follow exactly what was logged,
 * with no migration; an entry without a value adds nothing, and a day where no entry has one is unknown.
 */
const DETAIL_KEYS = NUTRIENTS.filter(
  (n) =>
    n.column === null &&
    ((TARGET_KEYS as readonly string[]).includes(n.key) || (INTAKE_EXTRA_KEYS as readonly string[]).includes(n.key)),
).map((n) => n.key);

/** SQL for the per-day sum of a nutrient kept in events.detail; `n_<key>` counts the entries that carry it. */
export function detailSumSql(key: string): string {
  return `sum(json_extract(detail, '$.nutrients.${key}')) AS ${key}, count(json_extract(detail, '$.nutrients.${key}')) AS n_${key}`;
}

/** The judgement is shared with meal plans (core/targets/status.ts); re-exported for existing callers. */
export { statusOf };

/**
 * Intake value for a target from a daily_totals row, or from the per-entry sums (DETAIL_KEYS). Untracked
 * targets (nutrients the food data lacks) have none; water comes from the water_g column, in litres.
 */
function intakeFor(t: TargetValue, row: DailyRow | undefined, detailSums: DailyRow | undefined): number | null {
  if (!row || Number(row.diet_entries ?? 0) === 0 || !t.tracked) return null;
  // Total water (L) is the water of everything eaten and drunk (g); 1 g of water is 1 mL.
  if (t.key === 'waterL') return typeof row.water_g === 'number' ? row.water_g / 1000 : null;
  const col = COLUMN_OF[t.key];
  const v = col ? row[col] : detailSums?.[t.key];
  return typeof v === 'number' ? v : null;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface DayOptions {
  /** Whether to score the intake model for the day (default true); a report reading many days skips it. */
  forecast?: boolean;
}

export interface DashboardService {
  day(clientId: string, date: string, options?: DayOptions): DayView;
  trends(clientId: string, from: string, to: string): TrendsView;
}

/**
 * The intake model and the client profile it reads; without them DayView.forecast is null, and the
 * caffeine and alcohol of DayView.extras have no reference (the reference depends on the profile).
 */
export interface DashboardForecastDeps {
  forecast: ForecastService;
  clients: ClientsService;
}

/** A forecast with no energy figures: only the plausibility prompt, if any, and why it is hidden. */
function withheldForecast(
  plausibility: DayForecast['plausibility'],
  hiddenReason: DayForecast['hiddenReason'],
): DayForecast {
  return {
    numbersHidden: true,
    estimateKcal: null,
    band: null,
    rmseKcal: null,
    contributors: [],
    plausibility,
    hiddenReason,
  };
}

export function createDashboardService(
  sqlite: Sqlite,
  targets: TargetsService,
  forecastDeps?: DashboardForecastDeps,
): DashboardService {
  function forecastOf(clientId: string, date: string): DayForecast | null {
    if (!forecastDeps) return null;
    const client = forecastDeps.clients.get(clientId);
    // Pregnant, lactating or under 18: no estimate, and the practitioner is told why.
    const hiddenReason = forecastHiddenReason(client, date);
    if (hiddenReason !== null) {
      if (!forecastDeps.forecast.available()) return null;
      return withheldForecast(null, hiddenReason);
    }
    const f = forecastDeps.forecast.estimate(sqlite, client, date);
    if (!f) return null;
    // Eating-disorder-sensitive care: no energy figures at all, but the prompt to check the log stays.
    if (client.edSensitive)
      return withheldForecast(
        { flag: f.plausibility.flag, message: plausibilityMessage(f.plausibility.flag, null) },
        null,
      );
    return {
      numbersHidden: false,
      estimateKcal: f.estimateKcal,
      band: f.band,
      rmseKcal: f.rmseKcal,
      contributors: f.contributors,
      plausibility: f.plausibility,
      hiddenReason: null,
    };
  }

  const dayRow = sqlite.prepare('SELECT * FROM daily_totals WHERE client_id = ? AND local_date = ?');
  const detailSums =
    DETAIL_KEYS.length === 0
      ? null
      : sqlite.prepare(
          `SELECT ${DETAIL_KEYS.map(detailSumSql).join(', ')}
           FROM events WHERE client_id = ? AND local_date = ? AND +kind = 'diet' AND deleted_at IS NULL`,
        );
  // A trend key is a daily_totals column (d.*) or, for caffeine and alcohol, a per-day sum of the
  // entries' own values (x.*, as DETAIL_KEYS above). `+kind` here and in detailSums: the events are
  // sought by (client_id, local_date), not by (client_id, kind), which reads every diet entry the
  // client ever logged.
  const trendKeyCols = TREND_KEYS.map((k) => [k, COLUMN_OF[k] ? `d.${COLUMN_OF[k]}` : `x.${k}`] as const);
  const trendDetailKeys = TREND_KEYS.filter((k) => !COLUMN_OF[k]);
  const windowCols = trendKeyCols
    .map(
      ([k, c]) =>
        `avg(${c}) OVER (ORDER BY cal.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS m7_${k},
         avg(${c}) OVER (ORDER BY cal.day ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS m30_${k},
         ${c} AS v_${k}`,
    )
    .join(',\n');
  const trendsQuery = sqlite.prepare(`
    WITH RECURSIVE cal(day) AS (
      SELECT date(:start) UNION ALL SELECT date(day, '+1 day') FROM cal WHERE day < date(:to)
    ),
    d AS (SELECT * FROM daily_totals WHERE client_id = :client AND local_date BETWEEN :start AND :to AND diet_entries > 0),
    a AS (SELECT * FROM daily_totals WHERE client_id = :client AND local_date BETWEEN :start AND :to),
    x AS (SELECT local_date${trendDetailKeys.map((k) => `, sum(json_extract(detail, '$.nutrients.${k}')) AS ${k}`).join('')}
      FROM events WHERE client_id = :client AND +kind = 'diet' AND deleted_at IS NULL AND local_date BETWEEN :start AND :to
      GROUP BY local_date)
    SELECT cal.day AS day, d.diet_entries AS diet_entries,
      ${windowCols},
      coalesce(a.activity_min, 0) AS activity_min, coalesce(a.burned_kcal, 0) AS burned_kcal,
      a.sleep_hours AS sleep_hours, a.sleep_quality AS sleep_quality
    FROM cal LEFT JOIN d ON d.local_date = cal.day LEFT JOIN a ON a.local_date = cal.day
      LEFT JOIN x ON x.local_date = cal.day
    ORDER BY cal.day`);

  return {
    day(clientId, date, options) {
      const view = targets.get(clientId, date);
      const row = dayRow.get(clientId, date) as DailyRow | undefined;
      const dietEntries = Number(row?.diet_entries ?? 0);
      const totals: NutrientValues = {};
      const sums = dietEntries > 0 ? (detailSums?.get(clientId, date) as DailyRow | undefined) : undefined;
      for (const n of NUTRIENTS) {
        const v = n.column ? (row ? row[n.column] : null) : sums?.[n.key];
        if (typeof v === 'number') totals[n.key] = v;
      }
      const warnings: string[] = [];
      if (dietEntries === 0) warnings.push(`Nothing was eaten or drunk on ${date} according to the log.`);
      const statuses =
        view.targets?.map((t) => {
          const value = intakeFor(t, row, sums);
          return judge(t, value);
        }) ?? null;
      if (!view.targets) warnings.push(`Add ${view.missing.join(', ')} to the profile to compare intake with targets.`);
      // Under 18 the caffeine reference is per kg of the weight in force that day (core/measures/in-force.ts).
      const profile = dietEntries > 0 ? forecastDeps?.clients.get(clientId) : undefined;
      const client = profile ? profileOn(sqlite, profile, date) : undefined;
      const extras: DayExtra[] =
        dietEntries === 0
          ? []
          : INTAKE_EXTRA_KEYS.map((key) => {
              const n = NUTRIENTS.find((x) => x.key === key)!;
              const value = typeof sums?.[key] === 'number' ? sums[key] : null;
              const reference = client ? intakeReference(key, client, date) : null;
              return {
                key,
                label: n.label,
                unit: n.unit,
                value,
                entriesWithValue: Number(sums?.[`n_${key}`] ?? 0),
                reference,
                aboveReference: aboveReference(value, reference),
              };
            });
      return {
        clientId,
        date,
        dietEntries,
        totals,
        statuses,
        activityMin: Number(row?.activity_min ?? 0),
        burnedKcal: Number(row?.burned_kcal ?? 0),
        sleepHours: typeof row?.sleep_hours === 'number' ? row.sleep_hours : null,
        sleepQuality: typeof row?.sleep_quality === 'number' ? row.sleep_quality : null,
        warnings,
        forecast: dietEntries === 0 || options?.forecast === false ? null : forecastOf(clientId, date),
        extras,
      };
    },

    trends(clientId, from, to) {
      if (from > to)
        throw new AppError('invalid-input', 'The start of the range is after its end.', {
          from: 'Must be on or before the end date.',
        });
      if (daysBetween(from, to) > 1100)
        throw new AppError('invalid-input', 'Choose a range of at most three years.', { from: 'At most three years.' });
      const view = targets.get(clientId, to);
      // Start 29 days early so the 30-day means of the first days in range are complete.
      const start = new Date(Date.parse(`${from}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
      const rows = trendsQuery.all({ client: clientId, start, to }) as DailyRow[];
      const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
      const days = rows
        .filter((r) => String(r.day) >= from)
        .map((r) => {
          const values: Record<string, number | null> = {};
          const mean7: Record<string, number | null> = {};
          const mean30: Record<string, number | null> = {};
          for (const [k] of trendKeyCols) {
            values[k] = num(r[`v_${k}`]);
            mean7[k] = num(r[`m7_${k}`]);
            mean30[k] = num(r[`m30_${k}`]);
          }
          return {
            date: String(r.day),
            logged: Number(r.diet_entries ?? 0) > 0,
            values,
            mean7,
            mean30,
            activityMin: Number(r.activity_min ?? 0),
            burnedKcal: Number(r.burned_kcal ?? 0),
            sleepHours: num(r.sleep_hours),
            sleepQuality: num(r.sleep_quality),
          };
        });
      const logged = days.filter((d) => d.logged);
      let macroSplit: TrendsView['macroSplit'] = null;
      const kcal = (k: 'proteinG' | 'carbG' | 'fatG', f: number): number =>
        logged.reduce((s, d) => s + (d.values[k] ?? 0) * f, 0);
      const p = kcal('proteinG', 4);
      const c = kcal('carbG', 4);
      const f = kcal('fatG', 9);
      if (p + c + f > 0) {
        const total = p + c + f;
        macroSplit = { proteinPct: (100 * p) / total, carbPct: (100 * c) / total, fatPct: (100 * f) / total };
      }
      const targetValues: Partial<Record<(typeof TREND_KEYS)[number], number>> = {};
      for (const t of view.targets ?? []) {
        if ((TREND_KEYS as readonly string[]).includes(t.key))
          targetValues[t.key as (typeof TREND_KEYS)[number]] = t.value;
      }
      return { clientId, from, to, days, daysLogged: logged.length, macroSplit, targets: targetValues };
    },
  };
}
