import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/app.ts';
import { silentLogger } from '../core/logging/log.ts';
import { DAILY_TOTALS_COLUMNS, DAILY_TOTALS_SELECT } from '../core/features/daily-totals-sql.ts';
import { searchQuality } from '../core/foods/search-quality.ts';
import { ftsQuery, searchWords } from '../core/foods/search.ts';
import { clientDailyFeatures, practiceDailyFeatures, type DailyFeatures } from '../core/rules/features.ts';
import { fmtMs, median, report, sized, timeIt } from './lib.ts';

/**
 * The daily features the rules read (7/30-day window means and counts, logging streak) of every
 * client on one date: practice-wide (practiceDailyFeatures: one read of the window's days by date,
 * one of the logged days) against one client at a time (clientDailyFeatures, what computeVariables
 * does), on the year of logs the rebuild above made; both answers must be equal. Runs alternate;
 * medians of wall and CPU time.
 */
function dailyFeaturesOnADate(core: Core, clients: string[]): void {
  const { sqlite } = core.session.database();
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const runs = sized(5, 1);
  for (const asOf of ['2025-12-31', '2025-07-01']) {
    const wall = { per: [] as number[], practice: [] as number[] };
    const cpuMs = { per: [] as number[], practice: [] as number[] };
    let perClient: DailyFeatures[] = [];
    let practice: DailyFeatures[] = [];
    for (let r = 0; r < runs; r++) {
      let c0 = cpu();
      let t0 = performance.now();
      perClient = clients.map((id) => clientDailyFeatures(sqlite, id, asOf));
      wall.per.push(performance.now() - t0);
      cpuMs.per.push(cpu() - c0);
      c0 = cpu();
      t0 = performance.now();
      const read = practiceDailyFeatures(sqlite, asOf, clients);
      practice = clients.map(read);
      wall.practice.push(performance.now() - t0);
      cpuMs.practice.push(cpu() - c0);
    }
    if (JSON.stringify(practice) !== JSON.stringify(perClient))
      throw new Error(`practice-wide and per-client daily features differ on ${asOf}`);
    const streak = practice[0]?.streak ?? 0;
    report(
      `Practice-wide daily features on ${asOf} (7/30-day windows, streaks of ${streak} days), ${clients.length.toLocaleString('en')} clients, median of ${runs}`,
      [
        { name: 'per client (clientDailyFeatures, one client at a time)', ms: median(wall.per) },
        { name: 'practice-wide (practiceDailyFeatures)', ms: median(wall.practice), baseline: median(wall.per) },
        { name: 'CPU time, per client', ms: median(cpuMs.per) },
        { name: 'CPU time, practice-wide', ms: median(cpuMs.practice), baseline: median(cpuMs.per) },
      ],
    );
    process.stdout.write(
      `  practice-wide is ${(median(wall.per) / median(wall.practice)).toFixed(1)}× faster (CPU ${(median(cpuMs.per) / median(cpuMs.practice)).toFixed(1)}×); load average ${os.loadavg()[0]?.toFixed(1)}\n`,
    );
  }
}

/**
 * Issue 3 figures: food search latency over the bundled table; dashboard reads for a client with
 * two years × 6 entries a day; practice-wide daily features for many clients × 1 year, set-based
 * SQL vs the naive per-client, per-day loop.
 */
const PRACTICE_CLIENTS = Number(process.env.BENCH_CLIENTS ?? sized(1000, 30));
const PRACTICE_PER_DAY = Number(process.env.BENCH_PER_DAY ?? 2);

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.message}`);
  return r.data as T;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

const QUERIES = [
  'banana',
  'milk whole',
  'chicken breast roasted',
  'apple',
  'rice white cooked',
  'oat',
  'egg',
  'salmon',
  'bread whole wheat',
  'yogurt greek',
  'broccoli',
  'chees',
  'beef ground',
  'potato baked',
  'orange juice',
];

/**
 * Type-ahead latency of the ranked search, called as the log screen calls it (through the contract,
 * for a client with three months of logged foods), against the bare FTS5 lookup of the same words (no
 * ranking, no synonyms, no client), alternating in the same run. Wall and CPU time per query, so load
 * from other processes can be told from real cost; the first round is also shown alone, since one-
 * and two-letter prefixes keep their candidates after the first time they are typed. Then the
 * search-quality set's top-1 and top-3 hit rates.
 */
async function searchLatency(core: Core): Promise<void> {
  const { sqlite } = core.session.database();
  const [client] = createClients(core, 1, 9);
  if (!client) return;
  seedFoodHistory(core, client, 90, 40);
  const bare = sqlite.prepare(
    `SELECT f.id, f.name, bm25(foods_fts, 10.0, 1.0) AS rank FROM foods_fts JOIN foods f ON f.rowid = foods_fts.rowid
     WHERE foods_fts MATCH ? AND f.deleted_at IS NULL ORDER BY rank LIMIT 25`,
  );
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const wall = { bare: [] as number[], ranked: [] as number[], first: [] as number[] };
  const cpuTimes = { bare: [] as number[], ranked: [] as number[], first: [] as number[] };
  for (let round = 0; round < sized(20, 2); round++) {
    for (const q of QUERIES) {
      // Type-ahead: every prefix of the query, as a person typing would send.
      for (let i = 2; i <= q.length; i += 2) {
        const typed = q.slice(0, i);
        let c0 = cpu();
        let t0 = performance.now();
        bare.all(ftsQuery(searchWords(typed)));
        wall.bare.push(performance.now() - t0);
        cpuTimes.bare.push(cpu() - c0);
        c0 = cpu();
        t0 = performance.now();
        await call(core, 'foods.search', { query: typed, clientId: client, limit: 20 });
        const w = performance.now() - t0;
        const c = cpu() - c0;
        wall.ranked.push(w);
        cpuTimes.ranked.push(c);
        if (round === 0) {
          wall.first.push(w);
          cpuTimes.first.push(c);
        }
      }
    }
  }
  // After a food is written the next search reads the foods again (one pass, every food's ranking
  // data worked out only where its name, group or measures changed): what the first keystroke after
  // saving a custom food costs. The first search after unlocking pays the whole of it once.
  const refill: number[] = [];
  for (let i = 0; i < sized(5, 1); i++) {
    sqlite.prepare("UPDATE foods SET name = name || ' (renamed)' WHERE id = 'usda:09040'").run();
    sqlite.prepare("UPDATE foods SET name = replace(name, ' (renamed)', '') WHERE id = 'usda:09040'").run();
    const t0 = performance.now();
    await call(core, 'foods.search', { query: 'banana', clientId: client, limit: 20 });
    refill.push(performance.now() - t0);
  }
  const quality = searchQuality(sqlite);
  process.stdout.write(
    `\n## Food search over the bundled USDA table (${wall.ranked.length} type-ahead queries for a client with 40 foods logged, through the contract; load average ${os.loadavg()[0]?.toFixed(1)})\n`,
  );
  const line = (name: string, t: number[], c: number[], base?: number[]): string =>
    `  ${name.padEnd(52)} p50 ${fmtMs(percentile(t, 50))}   p95 ${fmtMs(percentile(t, 95))}${
      base ? ` (${(percentile(t, 95) / percentile(base, 95)).toFixed(2)}× the bare lookup)` : ''
    }   max ${fmtMs(Math.max(...t))}   CPU p95 ${fmtMs(percentile(c, 95))}\n`;
  process.stdout.write(line('bare FTS5 lookup (baseline, unranked)', wall.bare, cpuTimes.bare));
  process.stdout.write(
    line('ranked search (synonyms, foods as eaten, client first)', wall.ranked, cpuTimes.ranked, wall.bare),
  );
  process.stdout.write(line('  of which the first round (nothing typed before)', wall.first, cpuTimes.first));
  process.stdout.write(`  first search after a food is written (foods read again)  median ${fmtMs(median(refill))}\n`);
  process.stdout.write(
    `  search quality: top-1 ${(quality.top1 * 100).toFixed(1)} %, top-3 ${(quality.top3 * 100).toFixed(1)} % of ${quality.cases} everyday searches\n`,
  );
}

/** A client's diary of `days` days drawing on `foods` different foods (three entries a day). */
function seedFoodHistory(core: Core, clientId: string, days: number, foods: number): void {
  const { sqlite } = core.session.database();
  const ids = sqlite
    .prepare("SELECT id FROM foods WHERE source = 'usda-sr28' ORDER BY id LIMIT ? OFFSET 2000")
    .pluck()
    .all(foods) as string[];
  const insert = sqlite.prepare(
    `INSERT INTO events (id, client_id, kind, occurred_at, local_date, source, food_id, energy_kcal, detail, created_at, updated_at)
     VALUES (?, ?, 'diet', ?, ?, 'manual', ?, 200, '{}', ?, ?)`,
  );
  const start = Date.UTC(2026, 8, 1);
  sqlite.transaction(() => {
    for (let d = 0; d < days; d++) {
      for (let k = 0; k < 3; k++) {
        const t = start + d * 86_400_000 + (8 + k * 5) * 3_600_000;
        const day = new Date(t).toISOString().slice(0, 10);
        insert.run(`bench-history-${d}-${k}`, clientId, t, day, ids[(d * 3 + k * 7) % ids.length], t, t);
      }
    }
  })();
}

function seedEvents(core: Core, clientIds: string[], days: number, perDay: number): void {
  const { sqlite } = core.session.database();
  const insert = sqlite.prepare(
    `INSERT INTO events (id, client_id, kind, occurred_at, local_date, source, energy_kcal, protein_g, carb_g, fat_g, fibre_g, sodium_mg, detail, created_at, updated_at)
     VALUES (?, ?, 'diet', ?, ?, 'import', ?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
  );
  const start = Date.UTC(2025, 0, 1);
  let n = 0;
  sqlite.transaction(() => {
    for (const c of clientIds) {
      for (let d = 0; d < days; d++) {
        const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
        for (let k = 0; k < perDay; k++) {
          const t = start + d * 86_400_000 + k * 3_600_000;
          insert.run(`bench-${n++}`, c, t, day, 300 + ((n * 37) % 400), 15, 40, 12, 4, 600, t, t);
        }
      }
    }
  })();
}

function createClients(core: Core, count: number, group: number): string[] {
  const { sqlite } = core.session.database();
  const ids = Array.from({ length: count }, (_, i) => `0000000${group}-0000-7000-8000-${String(i).padStart(12, '0')}`);
  const insert = sqlite.prepare(
    "INSERT INTO clients (id, name, sex, birth_date, height_cm, weight_kg, activity_level, diet_pattern, allergies, life_stage, tags, energy_equation, created_at, updated_at) VALUES (?, ?, 'female', '1985-01-01', 165, 62, 'active', 'omnivore', '[]', 'none', '[]', 'mifflin-st-jeor', 0, 0)",
  );
  sqlite.transaction(() => ids.forEach((id, i) => insert.run(id, `Bench client ${i}`)))();
  return ids;
}

async function dashboardReads(core: Core): Promise<void> {
  const [client] = createClients(core, 1, 1);
  if (!client) return;
  seedEvents(core, [client], 730, 6);
  const day: number[] = [];
  const t90: number[] = [];
  const t730: number[] = [];
  for (let i = 0; i < sized(30, 3); i++) {
    let t0 = performance.now();
    await call(core, 'dashboard.day', { clientId: client, date: '2026-06-30' });
    day.push(performance.now() - t0);
    t0 = performance.now();
    await call(core, 'dashboard.trends', { clientId: client, from: '2026-10-03', to: '2026-12-31' });
    t90.push(performance.now() - t0);
    t0 = performance.now();
    await call(core, 'dashboard.trends', { clientId: client, from: '2025-01-01', to: '2026-12-31' });
    t730.push(performance.now() - t0);
  }
  report(`Dashboard reads, one client with 2 years × 6 entries a day (4,380 entries), median of ${sized(30, 3)}`, [
    { name: 'day totals vs targets', ms: median(day) },
    { name: 'trends, 90 days with 7/30-day means', ms: median(t90) },
    { name: 'trends, 2 years with 7/30-day means', ms: median(t730) },
  ]);
}

function practiceFeatures(core: Core): void {
  const { sqlite } = core.session.database();
  const clients = createClients(core, PRACTICE_CLIENTS, 2);
  // Load the events without the per-row triggers: this bench compares two ways of computing the
  // features from scratch, so both start from the same table of events.
  sqlite.exec('DROP TRIGGER events_daily_ai');
  sqlite.exec('DELETE FROM events');
  seedEvents(core, clients, 365, PRACTICE_PER_DAY);
  const total = (sqlite.prepare('SELECT count(*) n FROM events').get() as { n: number }).n;
  const setBased = timeIt(() => {
    sqlite.transaction(() => {
      sqlite.exec('DELETE FROM daily_totals');
      sqlite.exec(
        `INSERT INTO daily_totals (${DAILY_TOTALS_COLUMNS}) SELECT ${DAILY_TOTALS_SELECT} FROM events WHERE deleted_at IS NULL GROUP BY client_id, local_date`,
      );
    })();
  });
  const expected = sqlite.prepare('SELECT count(*) n, sum(energy_kcal) kcal FROM daily_totals').get() as {
    n: number;
    kcal: number;
  };
  // The naive loop: for every client, list its days, then one aggregate query and one insert per day.
  const days = sqlite.prepare('SELECT DISTINCT local_date FROM events WHERE client_id = ? AND deleted_at IS NULL');
  const sumDay = sqlite.prepare(
    `SELECT ${DAILY_TOTALS_SELECT} FROM events WHERE client_id = ? AND local_date = ? AND deleted_at IS NULL GROUP BY client_id, local_date`,
  );
  const placeholders = DAILY_TOTALS_COLUMNS.split(',')
    .map(() => '?')
    .join(', ');
  const insertDay = sqlite.prepare(`INSERT INTO daily_totals (${DAILY_TOTALS_COLUMNS}) VALUES (${placeholders})`);
  const naive = timeIt(() => {
    sqlite.transaction(() => {
      sqlite.exec('DELETE FROM daily_totals');
      for (const c of clients) {
        for (const { local_date } of days.all(c) as { local_date: string }[]) {
          const row = sumDay.raw().get(c, local_date) as unknown[];
          insertDay.run(...row);
        }
      }
    })();
  });
  const check = sqlite.prepare('SELECT count(*) n, sum(energy_kcal) kcal FROM daily_totals').get() as {
    n: number;
    kcal: number;
  };
  if (check.n !== expected.n || Math.abs(check.kcal - expected.kcal) > 1e-6 * expected.kcal) {
    throw new Error(`the two methods disagree: ${JSON.stringify({ expected, check })}`);
  }
  // The same features read rather than stored (what a practice-wide feature pass consumes): one
  // grouped scan against one aggregate query per client-day.
  const grouped = sqlite.prepare(
    `SELECT ${DAILY_TOTALS_SELECT} FROM events WHERE deleted_at IS NULL GROUP BY client_id, local_date`,
  );
  let readRows = 0;
  const readSet = timeIt(() => {
    for (const row of grouped.raw().iterate()) if (row) readRows++;
  });
  let loopRows = 0;
  const readNaive = timeIt(() => {
    for (const c of clients) {
      for (const { local_date } of days.all(c) as { local_date: string }[]) {
        if (sumDay.raw().get(c, local_date)) loopRows++;
      }
    }
  });
  if (readRows !== expected.n || loopRows !== expected.n) {
    throw new Error(`the two reads disagree: ${readRows} and ${loopRows} client-days, expected ${expected.n}`);
  }
  dailyFeaturesOnADate(core, clients);
  report(
    `Practice-wide daily totals: ${PRACTICE_CLIENTS.toLocaleString('en')} clients × 365 days × ${PRACTICE_PER_DAY} entries (${total.toLocaleString('en')} events → ${expected.n.toLocaleString('en')} client-days)`,
    [
      { name: 'naive per-client, per-day loop', ms: naive },
      { name: 'set-based SQL (one GROUP BY)', ms: setBased, baseline: naive },
      { name: 'read only: naive per-client, per-day queries', ms: readNaive },
      { name: 'read only: one grouped scan', ms: readSet, baseline: readNaive },
    ],
  );
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-foods-'));
  const core = createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: { N: 2 ** 12, r: 8, p: 1 } });
  try {
    await call(core, 'session.setup', { passphrase: 'benchmark passphrase' });
    const t0 = performance.now();
    await call(core, 'foods.search', { query: 'warm-up', limit: 1 }); // first call loads the bundled foods
    process.stdout.write(
      `\n## First unlock: loading the bundled USDA foods into the encrypted database\n  ${fmtMs(performance.now() - t0)}\n`,
    );
    await searchLatency(core);
    await dashboardReads(core);
    practiceFeatures(core);
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
