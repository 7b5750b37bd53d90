import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/app.ts';
import { DATABASE_FILE, openDatabase } from '../core/db/open.ts';
import { KEYRING_FILE, readKeyring, unwrapWithPassphrase } from '../core/keys/keyring.ts';
import { silentLogger } from '../core/logging/log.ts';
import type { KeyVault } from '../core/session/session.ts';
import { median, report, timeIt } from './lib.ts';

/**
 * Unlock time against database size: a data folder grown to SIZE_MB with meal-photo blobs (the cheap
 * way to a large file) against a fresh one (the baseline, same run). Measured separately:
 *   - "open the database": openDatabase alone (key, probe, version gate, migrations check);
 *   - the same plus PRAGMA quick_check(1), which every unlock used to run (for comparison);
 *   - the keychain unlock (the desktop's unlock without the passphrase: the whole unlock minus scrypt);
 *   - scrypt of the passphrase alone (a fixed cost, independent of the size);
 *   - the whole unlock through the contract (session.unlock: scrypt, open, key-file settling), with
 *     the real key-derivation cost. The integrity check then runs in a worker; its time is printed too,
 *     and each run waits for it before the next starts.
 * BENCH_QUICK=1 builds 20 MB instead of 500 MB (BENCH_UNLOCK_MB sets any size).
 */
const QUICK = process.env['BENCH_QUICK'] === '1';
const SIZE_MB = Number(process.env['BENCH_UNLOCK_MB'] ?? (QUICK ? 20 : 500));
const RUNS = Number(process.env['BENCH_UNLOCK_RUNS'] ?? (QUICK ? 3 : 5));
const PASSPHRASE = 'unlock benchmark passphrase';

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.message}`);
  return r.data as T;
}

/** A set-up data folder; grown with photo blobs to `mb` megabytes when given. Returns its data key. */
async function folder(dir: string, mb: number): Promise<Buffer> {
  const core = createCore({ dataDir: dir, host: 'cli', log: silentLogger, integrityCheck: false });
  try {
    await call(core, 'session.setup', { passphrase: PASSPHRASE });
    const { sqlite } = core.session.database();
    sqlite
      .prepare(
        "INSERT INTO clients (id, name, activity_level, diet_pattern, allergies, life_stage, tags, energy_equation, created_at, updated_at) VALUES ('bench', 'Bench Client', 'active', 'omnivore', '[]', 'none', '[]', 'mifflin-st-jeor', 1, 1)",
      )
      .run();
    const photo = sqlite.prepare(
      "INSERT INTO meal_photos (id, client_id, local_date, image, thumbnail, width, height, detections, model_id, provider, status, created_at, updated_at) VALUES (?, 'bench', '2026-11-01', ?, ?, 1600, 1200, '[]', 'm', 'cpu', 'saved', 1, 1)",
    );
    const file = path.join(dir, DATABASE_FILE);
    const blob = 1024 * 1024;
    for (let i = 0; fs.statSync(file).size + fs.statSync(`${file}-wal`).size < mb * 1024 * 1024; i++) {
      sqlite.transaction(() => {
        for (let j = 0; j < 16; j++) photo.run(`photo-${i}-${j}`, randomBytes(blob), randomBytes(16 * 1024));
      })();
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    }
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return core.session.dataKey();
  } finally {
    core.close();
  }
}

/** The OS keychain, held in memory: the desktop's unlock without the passphrase (no scrypt). */
function memoryVault(key: Buffer): KeyVault {
  return { kind: 'safeStorage', backend: () => 'bench', load: () => Buffer.from(key), save: () => {}, clear: () => {} };
}

/** The keychain unlock (tryAutoUnlock): everything an unlock does except deriving a key from the passphrase. */
async function keychainUnlock(dir: string, key: Buffer): Promise<number> {
  const core = createCore({ dataDir: dir, host: 'browser', log: silentLogger, vault: memoryVault(key) });
  try {
    const t0 = performance.now();
    if (!core.session.tryAutoUnlock()) throw new Error('the keychain key did not open the database');
    const ms = performance.now() - t0;
    await core.session.integrityChecked();
    return ms;
  } finally {
    core.close();
  }
}

async function wholeUnlock(dir: string): Promise<{ unlock: number; check: number; result: string | null }> {
  const core = createCore({ dataDir: dir, host: 'browser', log: silentLogger });
  try {
    const t0 = performance.now();
    await call(core, 'session.unlock', { passphrase: PASSPHRASE });
    const unlock = performance.now() - t0;
    await core.session.integrityChecked();
    const check = performance.now() - t0;
    return { unlock, check, result: core.session.status().integrityCheck };
  } finally {
    core.close();
  }
}

export async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-unlock-'));
  try {
    const smallDir = path.join(root, 'small');
    const largeDir = path.join(root, 'large');
    const smallKey = await folder(smallDir, 0);
    const largeKey = await folder(largeDir, SIZE_MB);
    const mb = (dir: string): string => (fs.statSync(path.join(dir, DATABASE_FILE)).size / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `\nDatabases: small ${mb(smallDir)} MB, large ${mb(largeDir)} MB (BENCH_QUICK=${QUICK ? 1 : 0})\n`,
    );

    const openOnly = (dir: string, key: Buffer, check: boolean): number =>
      timeIt(() => {
        const opened = openDatabase({ file: path.join(dir, DATABASE_FILE), key });
        if (check) opened.sqlite.pragma('quick_check(1)', { simple: true });
        opened.sqlite.close();
      });
    const times = (fn: () => number): number => {
      fn(); // warm the page cache: both files are measured warm
      return median(Array.from({ length: RUNS }, fn));
    };
    const openSmall = times(() => openOnly(smallDir, smallKey, false));
    const openLarge = times(() => openOnly(largeDir, largeKey, false));
    const checkSmall = times(() => openOnly(smallDir, smallKey, true));
    const checkLarge = times(() => openOnly(largeDir, largeKey, true));
    const ring = readKeyring(path.join(largeDir, KEYRING_FILE));
    if (!ring) throw new Error('no key file');
    const scrypt = median(Array.from({ length: RUNS }, () => timeIt(() => unwrapWithPassphrase(ring, PASSPHRASE))));

    const keychainSmall: number[] = [];
    const keychainLarge: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      keychainSmall.push(await keychainUnlock(smallDir, smallKey));
      keychainLarge.push(await keychainUnlock(largeDir, largeKey));
    }
    const small: Awaited<ReturnType<typeof wholeUnlock>>[] = [];
    const large: Awaited<ReturnType<typeof wholeUnlock>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      small.push(await wholeUnlock(smallDir));
      large.push(await wholeUnlock(largeDir));
    }
    const unlockSmall = median(small.map((r) => r.unlock));
    const unlockLarge = median(large.map((r) => r.unlock));
    report(`Unlock (${mb(largeDir)} MB vs ${mb(smallDir)} MB database; median of ${RUNS}; ratio vs the small one)`, [
      { name: 'open the database, small', ms: openSmall },
      { name: 'open the database, large', ms: openLarge, baseline: openSmall },
      { name: 'open + quick_check (the old unlock), small', ms: checkSmall },
      { name: 'open + quick_check (the old unlock), large', ms: checkLarge, baseline: checkSmall },
      { name: 'keychain unlock (whole unlock without scrypt), small', ms: median(keychainSmall) },
      {
        name: 'keychain unlock (whole unlock without scrypt), large',
        ms: median(keychainLarge),
        baseline: median(keychainSmall),
      },
      { name: 'scrypt of the passphrase (fixed cost)', ms: scrypt },
      { name: 'whole unlock incl. scrypt, small', ms: unlockSmall },
      { name: 'whole unlock incl. scrypt, large', ms: unlockLarge, baseline: unlockSmall },
      { name: 'background integrity check done, large (after unlock started)', ms: median(large.map((r) => r.check)) },
    ]);
    const results = new Set(large.map((r) => r.result));
    process.stdout.write(
      `  large: whole unlock ${(unlockLarge / 1000).toFixed(2)} s (goal < 1 s), ${(unlockLarge / scrypt).toFixed(2)}× scrypt alone; background check: ${[...results].join(', ')}\n`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
