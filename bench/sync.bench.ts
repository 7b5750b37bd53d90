import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { createTestDatabase, startTestPostgres } from '../server/test-utils/pg.ts';
import type { SyncResult } from '../core/contract/sync.ts';
import { createCore } from '../core/app.ts';
import { silentLogger } from '../core/logging/log.ts';
import { SyncClient, type ServerSession } from '../core/sync/client.ts';
import { generatePracticeKey, wrapPracticeKey } from '../core/sync/practice-key.ts';
import { wireValue } from '../core/sync/store.ts';
import { HybridClock } from '../core/sync/protocol/hlc.ts';
import type { FieldChange } from '../core/sync/protocol/wire.ts';
import { uuidv7 } from '../core/util/uuidv7.ts';
import { fmtMs, sized } from './lib.ts';

/**
 * Issue 8 figures: simulated devices of one practice pushing and pulling at once against the local
 * server over the embedded PostgreSQL. Each device creates a client and EVENTS log entries (16
 * fields each, the free-text detail encrypted with the practice key as the app does), pushes them in
 * the app's batches, then pulls until it has every other device's rows. Reported: rows per second,
 * p50/p95 request latency, and rows lost (every device must end with every row: must be 0). The
 * baseline is one device doing the same work alone in the same run. The server runs in its own
 * process, as deployed, so the simulated devices' work does not share its event loop.
 */
const DEVICES = Number(process.env.BENCH_SYNC_DEVICES ?? sized(50, 4));
const EVENTS = Number(process.env.BENCH_SYNC_EVENTS ?? sized(200, 20));
const BATCH = 1000;

interface DeviceRun {
  pushed: Set<string>;
  received: Set<string>;
  latencies: number[];
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

function rowsFor(deviceId: string, key: Buffer): { ids: string[]; changes: FieldChange[] } {
  const clock = new HybridClock(deviceId);
  const clientId = uuidv7();
  const t0 = Date.now();
  const changes: FieldChange[] = [];
  const ids = [clientId];
  // Values go out as the app's outbox sends them: personal fields (name, tags, allergies, log detail…)
  // encrypted with the practice key, by the same function and field list the app uses.
  const put = (table: FieldChange['table'], id: string, field: string, value: unknown): void => {
    changes.push({
      table,
      id,
      field,
      value: wireValue(key, table, id, field, value) as FieldChange['value'],
      hlc: clock.tick(t0),
    });
  };
  put('clients', clientId, 'name', `Bench client ${deviceId.slice(-4)}`);
  for (const [f, v] of Object.entries({
    activity_level: 'low-active',
    diet_pattern: 'omnivore',
    allergies: [],
    life_stage: 'none',
    tags: [],
    energy_equation: 'mifflin-st-jeor',
    created_at: t0,
  }))
    put('clients', clientId, f, v);
  for (let i = 0; i < EVENTS; i++) {
    const id = uuidv7();
    ids.push(id);
    const fields: Record<string, unknown> = {
      client_id: clientId,
      kind: 'diet',
      occurred_at: t0 - i * 3_600_000,
      local_date: new Date(t0 - i * 3_600_000).toISOString().slice(0, 10),
      source: 'manual',
      food_id: 'usda:09040',
      meal: 'breakfast',
      energy_kcal: 89 + i,
      protein_g: 1.1,
      carb_g: 22.8,
      fat_g: 0.3,
      fibre_g: 2.6,
      sodium_mg: 1,
      sugar_g: 12.2,
      created_at: t0,
    };
    for (const [f, v] of Object.entries(fields)) put('events', id, f, v);
    put('events', id, 'detail', { amount: '1 medium', grams: 118 });
  }
  return { ids, changes };
}

async function runDevice(
  url: string,
  s: ServerSession,
  work: { ids: string[]; changes: FieldChange[] },
  expectRows: number,
) {
  let session = s;
  const client = new SyncClient({
    baseUrl: url,
    maxAttempts: 8,
    tokens: { refreshToken: () => session.refreshToken, save: (n) => n && (session = n) },
  });
  const out: DeviceRun = { pushed: new Set(work.ids), received: new Set(), latencies: [] };
  const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    out.latencies.push(performance.now() - t);
    return r;
  };
  for (let i = 0; i < work.changes.length; i += BATCH) {
    const changes = work.changes.slice(i, i + BATCH);
    await timed(() => client.push({ idempotencyKey: randomUUID(), changes }));
  }
  // Pull until every device's rows are here (others may still be pushing).
  let cursor = '0';
  for (let rounds = 0; out.received.size < expectRows && rounds < 500; rounds++) {
    const page = await timed(() => client.pull(cursor, 1000));
    for (const r of page.rows) out.received.add(r.id);
    cursor = page.cursor;
    if (!page.more && out.received.size < expectRows) await new Promise((r) => setTimeout(r, 50));
  }
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The server as it is deployed: its own process (`node server/main.ts`) over the given database. */
async function startServerProcess(
  databaseUrl: string,
): Promise<{ url: string; pool: pg.Pool; close(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(32).toString('hex'),
      RATE_LIMIT_AUTH_PER_MIN: '100000',
      RATE_LIMIT_SYNC_PER_MIN: '1000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (i > 200 || child.exitCode !== null) throw new Error(`sync server did not start: ${stderr.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    url,
    pool,
    async close() {
      await pool.end();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

interface JoinFigures {
  /** The app on a new computer: sign in, then one sync that pulls, decrypts, merges and stores everything. */
  appMs: number;
  appRows: number;
  /** Baseline: the same pull over the same connection, rows only parsed (no decryption, no database). */
  wireMs: number;
}

/** A real app core (SQLCipher on disk) joining the practice after the devices are done. */
async function joinFigures(url: string, email: string, password: string, expected: number): Promise<JoinFigures> {
  let session: ServerSession | null = null;
  const wire = new SyncClient({
    baseUrl: url,
    tokens: { refreshToken: () => session?.refreshToken ?? null, save: (n) => (session = n) },
  });
  await wire.login({ email, password, deviceName: 'bench wire' });
  const w0 = performance.now();
  let cursor = '0';
  for (;;) {
    const page = await wire.pull(cursor, 500);
    cursor = page.cursor;
    if (!page.more) break;
  }
  const wireMs = performance.now() - w0;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-sync-bench-'));
  const core = createCore({ dataDir, host: 'cli', log: silentLogger });
  try {
    const setup = await core.dispatch('session.setup', { passphrase: 'bench passphrase for the app' });
    if (!setup.ok) throw new Error(setup.message);
    const signIn = await core.dispatch('sync.signIn', {
      serverUrl: url,
      email,
      password,
      practicePassphrase: 'bench practice passphrase',
      deviceName: 'bench app',
    });
    if (!signIn.ok) throw new Error(signIn.message);
    const t0 = performance.now();
    const result = await core.dispatch('sync.now', {});
    const appMs = performance.now() - t0;
    if (!result.ok || (result.data as SyncResult).error) throw new Error(`sync failed: ${JSON.stringify(result)}`);
    const { sqlite } = core.session.database();
    const appRows =
      (sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n +
      (sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
    if (appRows !== expected) process.exitCode = 1;
    return { appMs, appRows, wireMs };
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function scenario(
  baseUrl: string,
  devices: number,
  joinWithApp = false,
): Promise<{ ms: number; rows: number; p50: number; p95: number; lost: number; join: JoinFigures | null }> {
  const server = await startServerProcess(await createTestDatabase(baseUrl));
  try {
    const key = generatePracticeKey();
    const owner = new SyncClient({ baseUrl: server.url, tokens: { refreshToken: () => null, save: () => undefined } });
    const email = `bench-${randomUUID()}@clinic.example`;
    const password = 'bench account password';
    await owner.createPractice({
      practiceName: 'Bench clinic',
      displayName: 'Bench',
      email,
      password,
      keyEnvelope: wrapPracticeKey(key, 'bench practice passphrase', { N: 2 ** 10, r: 8, p: 1 }),
      deviceName: 'owner',
    });
    const sessions = await Promise.all(
      Array.from({ length: devices }, (_, i) =>
        new SyncClient({ baseUrl: server.url, tokens: { refreshToken: () => null, save: () => undefined } }).login({
          email,
          password,
          deviceName: `device ${i}`,
        }),
      ),
    );
    const work = sessions.map((s) => rowsFor(s.deviceId, key));
    const expectRows = work.reduce((n, w) => n + w.ids.length, 0);
    const t0 = performance.now();
    const runs = await Promise.all(
      sessions.map((s, i) => runDevice(server.url, s, work[i] as (typeof work)[number], expectRows)),
    );
    const ms = performance.now() - t0;
    const all = new Set(work.flatMap((w) => w.ids));
    let lost = 0;
    for (const r of runs) for (const id of all) if (!r.received.has(id)) lost++;
    const onServer = Number(
      (await server.pool.query('SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM clients) AS n')).rows[0].n,
    );
    lost += Math.max(0, all.size - onServer);
    const latencies = runs.flatMap((r) => r.latencies);
    // Rows moved: each device pushes its own and pulls everyone's.
    const rows = runs.reduce((n, r) => n + r.pushed.size + r.received.size, 0);
    const join = joinWithApp ? await joinFigures(server.url, email, password, all.size) : null;
    return { ms, rows, p50: percentile(latencies, 50), p95: percentile(latencies, 95), lost, join };
  } finally {
    await server.close();
  }
}

interface Figures {
  many: number;
  join: number | null;
  lost: number;
}

/** This tree's sync figures: the single device, the practice, and a new computer joining. */
async function measure(print: boolean): Promise<Figures> {
  const postgres = await startTestPostgres();
  let one: Awaited<ReturnType<typeof scenario>>;
  let many: typeof one;
  try {
    one = await scenario(postgres.url, 1);
    many = await scenario(postgres.url, DEVICES, true);
  } finally {
    await postgres.stop();
  }
  const line = (name: string, r: typeof one): void => {
    process.stdout.write(
      `  ${name.padEnd(12)} ${String(Math.round((r.rows / r.ms) * 1000)).padStart(7)} rows/s   p50 ${fmtMs(r.p50).padStart(9)}   p95 ${fmtMs(r.p95).padStart(9)}   total ${fmtMs(r.ms).padStart(9)}   rows lost ${r.lost}\n`,
    );
  };
  if (print) {
    line('1 device', one);
    line(`${DEVICES} devices`, many);
    process.stdout.write(
      `  throughput ratio ${(many.rows / many.ms / (one.rows / one.ms)).toFixed(2)}× the single device; p95 ratio ${(many.p95 / one.p95).toFixed(2)}×\n`,
    );
    if (many.join) {
      const j = many.join;
      process.stdout.write(
        `  a new computer joining (the app, SQLCipher): ${j.appRows} rows in ${fmtMs(j.appMs)} (${Math.round((j.appRows / j.appMs) * 1000)} rows/s), ` +
          `${(j.appMs / j.wireMs).toFixed(2)}× the bare pull of the same rows (${fmtMs(j.wireMs)})\n`,
      );
    }
  }
  return {
    many: (many.rows / many.ms) * 1000,
    join: many.join ? (many.join.appRows / many.join.appMs) * 1000 : null,
    lost: one.lost + many.lost,
  };
}

/**
 * BENCH_SYNC_BEFORE=<another checkout> (e.g. main before a change): that checkout's own sync bench runs
 * in a child process, alternating with this tree's, and the rows per second are compared.
 */
function measureBefore(dir: string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, BENCH_SYNC_BEFORE: '' };
    const child = spawn(process.execPath, ['bench/run.ts', 'sync'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const many = new RegExp(`${DEVICES} devices\\s+(\\d+) rows/s.*rows lost (\\d+)`).exec(out);
      const join = /joining.*?\((\d+) rows\/s\)/.exec(out);
      if (code !== 0 || !many) reject(new Error(`the sync bench in ${dir} failed (exit ${code}):\n${out}`));
      else resolve({ many: Number(many[1]), join: join ? Number(join[1]) : null, lost: Number(many[2]) });
    });
  });
}

export async function run(): Promise<void> {
  process.stdout.write(`\n## Sync: ${DEVICES} devices × ${EVENTS + 1} rows each, pushing and pulling at once\n`);
  const ours = [await measure(true)];
  const before = process.env.BENCH_SYNC_BEFORE ? path.resolve(process.env.BENCH_SYNC_BEFORE) : null;
  let lost = ours[0]?.lost ?? 0;
  if (before) {
    const theirs: Figures[] = [];
    for (let i = 0; i < 3; i++) {
      theirs.push(await measureBefore(before));
      if (i > 0) ours.push(await measure(false));
    }
    const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
    const oursMany = med(ours.map((f) => f.many));
    const theirsMany = med(theirs.map((f) => f.many));
    const oursJoin = med(ours.flatMap((f) => (f.join === null ? [] : [f.join])));
    const theirsJoin = med(theirs.flatMap((f) => (f.join === null ? [] : [f.join])));
    lost += ours.slice(1).reduce((n, f) => n + f.lost, 0);
    process.stdout.write(
      `  against BENCH_SYNC_BEFORE (${before}), runs alternated, medians: ${DEVICES} devices ${Math.round(oursMany)} vs ${Math.round(theirsMany)} rows/s ` +
        `(${(oursMany / theirsMany).toFixed(2)}×); a new computer joining ${Math.round(oursJoin)} vs ${Math.round(theirsJoin)} rows/s ` +
        `(${(oursJoin / theirsJoin).toFixed(2)}×); rows lost before ${theirs.reduce((n, f) => n + f.lost, 0)}\n`,
    );
  }
  if (lost > 0) {
    process.stdout.write('  ROWS LOST: sync is broken\n');
    process.exitCode = 1;
  }
}
