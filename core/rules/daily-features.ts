import type { Sqlite } from '../db/open.ts';
import { prepared } from '../db/statements.ts';
import { DETAIL_FEATURES, FEATURE_NUTRIENTS } from './variables.ts';

/**
 * The daily features of clients on a day, from daily_totals (kept exact by triggers on events): the
 * 7- and 30-day window aggregates, summed in code, and the logging streak, counted in SQL for one
 * client or from the index of logged days for many. Windows end on `asOf` inclusive: 7 days = asOf-6
 * … asOf, 30 days likewise. Means are over LOGGED days only (at least one diet entry): a day without
 * entries is missing data, never a day of zero intake.
 */

export type Row = Record<string, number | string | null>;

export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

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

/**
 * The day rows' select list: daily_totals (aliased `t`) columns, and for the nutrients it has no column
 * for (caffeine, alcohol: DETAIL_FEATURES) the day's sum over the diet entries' own values from `x`
 * (DETAIL_SUMS, joined by day), as the dashboard sums them (core/features/dashboard.ts): NULL when no
 * entry of the day carries a value. One pass over the window's entries reads each entry's detail once
 * for both sums. `+kind` keeps SQLite on the (client_id, local_date) index of events: the
 * (client_id, kind) one would read every diet entry the client ever logged.
 */
function windowSelect(t: string): string {
  return WINDOW_COLUMNS.map((c) => (c in DETAIL_FEATURES ? `x.${c}` : `${t}.${c}`)).join(', ');
}
const DETAIL_SUMS = Object.entries(DETAIL_FEATURES)
  .map(([name, key]) => `sum(json_extract(detail, '$.nutrients.${key}')) AS ${name}`)
  .join(', ');

// One client's days of the 30-day window, oldest first (the primary key's order).
const CLIENT_DAYS_SQL = `
  SELECT ${windowSelect('t')} FROM daily_totals AS t
  LEFT JOIN (
    SELECT local_date, ${DETAIL_SUMS} FROM events
    WHERE client_id = :client AND local_date BETWEEN :s30 AND :asOf AND +kind = 'diet' AND deleted_at IS NULL
    GROUP BY local_date
  ) AS x ON x.local_date = t.local_date
  WHERE t.client_id = :client AND t.local_date BETWEEN :s30 AND :asOf
  ORDER BY t.local_date`;

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

// Prepared once per connection: the rules run for every client after each log change.
const cache = new WeakMap<Sqlite, { days: ReturnType<Sqlite['prepare']>; streak: ReturnType<Sqlite['prepare']> }>();
function statements(sqlite: Sqlite) {
  let s = cache.get(sqlite);
  if (!s) {
    s = { days: sqlite.prepare(CLIENT_DAYS_SQL).raw(), streak: sqlite.prepare(STREAK_SQL) };
    cache.set(sqlite, s);
  }
  return s;
}

export function windowParams(asOf: string): { asOf: string; s7: string; s30: string } {
  return { asOf, s7: shiftDate(asOf, -6), s30: shiftDate(asOf, -29) };
}
function streakOf(sqlite: Sqlite, clientId: string, asOf: string): number {
  return num((statements(sqlite).streak.get({ client: clientId, asOf }) as Row | undefined)?.n) ?? 0;
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
// The days of the 30-day window of every listed client, in one statement: client by client, oldest
// day first, as CLIENT_DAYS_SQL reads one client's.
const PRACTICE_DAYS_SQL = `
  SELECT d.client_id, ${windowSelect('d')}
  FROM json_each(:ids) AS c CROSS JOIN daily_totals AS d
    ON d.client_id = c.value AND d.local_date BETWEEN :start AND :end
  LEFT JOIN (
    SELECT client_id, local_date, ${DETAIL_SUMS} FROM events
    WHERE client_id IN (SELECT value FROM json_each(:ids)) AND local_date BETWEEN :start AND :end
      AND +kind = 'diet' AND deleted_at IS NULL
    GROUP BY client_id, local_date
  ) AS x ON x.client_id = d.client_id AND x.local_date = d.local_date
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
