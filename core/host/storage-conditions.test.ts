import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../app.ts';
import { runCli } from '../cli/run-for-test.ts';
import { defaultMigrationsDir } from '../db/open.ts';
import { silentLogger } from '../logging/log.ts';
import { FAST_SCRYPT, ok, PASSPHRASE, track } from '../test-utils/core-harness.ts';
import { mountTmpfs, remount, unmount } from '../test-utils/small-fs.ts';
import { tempDir } from '../test-utils/temp-dir.ts';

const HOLDER = fileURLToPath(new URL('../test-utils/lock-holder.ts', import.meta.url));
const NAME = 'Stella Storage';

const mounts: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const m of mounts.splice(0)) unmount(m);
});

function makeCore(dataDir: string, migrationsDir?: string): Core {
  return track(
    createCore({
      dataDir,
      host: 'cli',
      log: silentLogger,
      scrypt: FAST_SCRYPT,
      ...(migrationsDir ? { migrationsDir } : {}),
    }),
  );
}

async function setUpAt(dataDir: string): Promise<Core> {
  const core = makeCore(dataDir);
  await ok(core, 'session.setup', { passphrase: PASSPHRASE });
  return core;
}

const createClient = (core: Core, name: string) =>
  core.dispatch('clients.create', { name, activityLevel: 'active', dietPattern: 'vegan' });

/** Another process holding the write lock on the data folder's database (see lock-holder.ts). */
async function lockHolder(core: Core, dataDir: string, holdMs = 0): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, [HOLDER], {
    env: {
      ...process.env,
      LOCK_DB: path.join(dataDir, 'bioai.db'),
      LOCK_KEY: core.session.dataKey().toString('hex'),
      LOCK_HOLD_MS: String(holdMs),
    },
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    let errors = '';
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes('locked')) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.on('exit', (code) => reject(new Error(`lock holder exited (${code}) before locking: ${errors}`)));
  });
  return child;
}

const exited = (child: ChildProcessWithoutNullStreams): Promise<void> =>
  child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.on('exit', () => resolve()));

describe('database locked by another process', () => {
  it('waits for a writer that finishes, and says database-busy when one holds the lock too long', async () => {
    const dataDir = tempDir();
    const core = await setUpAt(dataDir);
    expect((await createClient(core, 'Before')).ok).toBe(true);

    // A writer that lets go while we wait: the write goes through.
    const brief = await lockHolder(core, dataDir, 300);
    expect(await createClient(core, 'Waited')).toMatchObject({ ok: true });
    await exited(brief);

    // A writer that holds on past the wait: a clear error, nothing half-written.
    const long = await lockHolder(core, dataDir);
    const busy = await createClient(core, 'Refused');
    expect(busy).toMatchObject({ ok: false, code: 'database-busy' });
    if (!busy.ok) expect(busy.message).toMatch(/another program or command .* try again/);
    // Reading goes on while the other program writes.
    const during = await ok<{ name: string }[]>(core, 'clients.list', {});
    expect(during.map((c) => c.name).sort()).toEqual(['Before', 'Waited']);
    long.stdin.end('go\n');
    await exited(long);
    expect(await createClient(core, 'Again')).toMatchObject({ ok: true });
    const after = await ok<{ name: string }[]>(core, 'clients.list', {});
    expect(after.map((c) => c.name).sort()).toEqual(['Again', 'Before', 'Waited']);
  });
});

/** Writes into `file` until the file system has no byte left. */
function fill(file: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (const size of [64 * 1024, 4096, 512, 1]) {
      const block = Buffer.alloc(size);
      try {
        for (;;) fs.writeSync(fd, block);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A data folder on a real file system of `megabytes` where this machine allows mounting one; else an
 * ordinary folder, filled by SQLite's own page limit instead (`full()` and `free()` do either).
 */
async function smallDataFolder(megabytes: number) {
  const root = tempDir();
  const dataDir = path.join(root, 'data');
  const realFs = mountTmpfs(root, megabytes);
  if (realFs) mounts.push(root);
  const core = await setUpAt(dataDir);
  const sqlite = core.session.database().sqlite;
  const filler = path.join(root, 'filler');
  return {
    core,
    dataDir,
    sqlite,
    realFs,
    full: () => {
      if (realFs) fill(filler);
      else sqlite.pragma(`max_page_count = ${String(sqlite.pragma('page_count', { simple: true }))}`);
    },
    free: () => {
      if (realFs) fs.rmSync(filler);
      else sqlite.pragma('max_page_count = 1073741823');
    },
  };
}

/** Creates clients until one is refused; returns how many went in and the refusal. */
async function createUntilRefused(core: Core) {
  let made = 0;
  for (let i = 0; i < 500; i++) {
    const r = await createClient(core, `Filler ${i}`);
    if (!r.ok) return { made, refused: r };
    made++;
  }
  return { made, refused: null };
}

const names = async (core: Core): Promise<string[]> =>
  (await ok<{ name: string }[]>(core, 'clients.list', {})).map((c) => c.name);

describe('transactions that read before they write', () => {
  it('wait for the other writer and then read, instead of failing on a stale read', async () => {
    const dataDir = tempDir();
    const core = await setUpAt(dataDir);
    const { sqlite, db } = core.session.database();
    const readThenWrite = (key: string) => () => {
      const n = sqlite.prepare('SELECT count(*) AS n FROM settings').get() as { n: number };
      sqlite
        .prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
        .run(key, JSON.stringify(n.n), 1);
    };
    // The app's services use both better-sqlite3's and drizzle's transactions.
    const holder = await lockHolder(core, dataDir, 300);
    sqlite.transaction(readThenWrite('first'))();
    await exited(holder);
    const again = await lockHolder(core, dataDir, 300);
    db.transaction(readThenWrite('second'));
    await exited(again);
    const keys = sqlite.prepare("SELECT key FROM settings WHERE key IN ('first', 'second', 'lock-holder')").all();
    expect(keys).toHaveLength(3);
  });
});

describe('disk full', () => {
  it('a fresh folder on a full disk still lists clients (the bundled foods wait), and writes say disk-full', async () => {
    const { core, dataDir, sqlite, full, free } = await smallDataFolder(6);
    full();
    // The bundled foods (8,789 rows) cannot be loaded now; listing does not depend on them.
    expect(await names(core)).toEqual([]);
    const { made, refused } = await createUntilRefused(core);
    expect(refused).toMatchObject({ ok: false, code: 'disk-full' });
    expect(refused?.message).toContain(`The disk holding ${dataDir} is full`);
    expect(await names(core)).toHaveLength(made);
    free();
    expect(await createClient(core, NAME)).toMatchObject({ ok: true });
    expect(await names(core)).toHaveLength(made + 1);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('an established folder: reading and export keep working, writes and backups say disk-full, nothing is lost', async () => {
    const { core, dataDir, sqlite, full, free, realFs } = await smallDataFolder(48);
    const first = await createClient(core, NAME);
    expect(first.ok).toBe(true);
    const clientId = first.ok ? (first.data as { id: string }).id : '';
    full();
    expect(await names(core)).toEqual([NAME]);
    expect(await core.dispatch('export.client', { clientId })).toMatchObject({ ok: true });
    expect(await core.dispatch('foods.search', { query: 'banana' })).toMatchObject({ ok: true });
    const { made, refused } = await createUntilRefused(core);
    expect(refused).toMatchObject({ ok: false, code: 'disk-full' });
    expect(refused?.message).toContain(`The disk holding ${dataDir} is full`);
    if (realFs) {
      // (SQLite's page limit binds only the live database, not the file a backup writes.)
      const backup = await core.dispatch('backup.create', {});
      expect(backup).toMatchObject({ ok: false, code: 'disk-full' });
      const { lastError } = await ok<{ lastError: { message: string } | null }>(core, 'backup.list');
      expect(lastError?.message).toContain('is full');
    }
    expect(await names(core)).toHaveLength(1 + made);
    free();
    expect(await createClient(core, 'After')).toMatchObject({ ok: true });
    expect(await names(core)).toHaveLength(2 + made);
    expect(await core.dispatch('backup.create', {})).toMatchObject({ ok: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('the CLI says which disk is full when its own output file does not fit', async () => {
    const dataDir = tempDir();
    const core = await setUpAt(dataDir);
    await createClient(core, NAME);
    core.close();
    const small = tempDir();
    if (!mountTmpfs(small, 1)) return; // needs a real small file system (root); covered above otherwise
    mounts.push(small);
    fill(path.join(small, 'filler'));
    const out = path.join(small, 'stella.zip');
    const result = await runCli(['--data-dir', dataDir, 'export', '--client', NAME, '--out', out], {
      BIOAI_PASSPHRASE: PASSPHRASE,
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain(`The disk holding ${small} is full`);
    expect(result.err).not.toMatch(/\n\s+at /);
  });
});

describe('read-only data folder', () => {
  /** A data folder with one client that this process can no longer write. */
  async function readOnlyFolder(migrationsDir?: string): Promise<string | null> {
    const root = tempDir();
    const dataDir = path.join(root, 'data');
    const mounted = mountTmpfs(root, 32);
    if (mounted) mounts.push(root);
    else if (process.getuid?.() === 0) return null; // root writes through chmod; no way to test here
    const core = makeCore(dataDir, migrationsDir);
    await ok(core, 'session.setup', { passphrase: PASSPHRASE });
    // (A folder of an older version is left empty: the client columns of today may not exist there.)
    if (!migrationsDir) expect((await createClient(core, NAME)).ok).toBe(true);
    core.close();
    if (mounted) remount(root, 'ro');
    else {
      for (const f of fs.readdirSync(dataDir)) fs.chmodSync(path.join(dataDir, f), 0o400);
      fs.chmodSync(dataDir, 0o500);
    }
    return dataDir;
  }

  it('answers reads and refuses writes with read-only naming the folder, never a stack trace', async () => {
    const dataDir = await readOnlyFolder();
    if (!dataDir) return;
    const env = { BIOAI_PASSPHRASE: PASSPHRASE };
    const list = await runCli(['--data-dir', dataDir, 'clients', 'list'], env);
    expect(list).toMatchObject({ code: 0, err: '' });
    expect(list.out).toContain(NAME);
    const add = await runCli(['--data-dir', dataDir, 'clients', 'add', '--name', 'Nope'], env);
    expect(add.code).toBe(1);
    expect(add.err).toContain(`bioai: The data folder ${dataDir} cannot be written`);
    expect(add.err).not.toMatch(/\n\s+at |"stack"/);
    const backup = await runCli(['--data-dir', dataDir, 'backup', 'create'], env);
    expect(backup.code).toBe(1);
    expect(backup.err).toContain(`The data folder ${dataDir} cannot be written`);
    const exported = await runCli(
      ['--data-dir', dataDir, 'export', '--client', NAME, '--out', path.join(tempDir(), 's.zip')],
      env,
    );
    expect(exported.code).toBe(0);
  });

  it('says so clearly when the data needs an upgrade that cannot be written', async () => {
    // A folder made by the previous version (one migration fewer).
    const older = tempDir();
    fs.cpSync(defaultMigrationsDir(), older, { recursive: true });
    const journal = path.join(older, 'meta', '_journal.json');
    const parsed = JSON.parse(fs.readFileSync(journal, 'utf8')) as { entries: unknown[] };
    parsed.entries.pop();
    fs.writeFileSync(journal, JSON.stringify(parsed));
    const dataDir = await readOnlyFolder(older);
    if (!dataDir) return;
    const core = makeCore(dataDir);
    const result = await core.dispatch('session.unlock', { passphrase: PASSPHRASE });
    expect(result).toMatchObject({ ok: false, code: 'read-only' });
    if (!result.ok) expect(result.message).toMatch(new RegExp(`${dataDir} is read-only.*upgrade the data`));
  });
});
