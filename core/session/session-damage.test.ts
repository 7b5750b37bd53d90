import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app.ts';
import type { Client, ClientSummary } from '../contract/clients.ts';
import type { SessionStatus } from '../contract/session.ts';
import { runCli } from '../cli/run-for-test.ts';
import { PAGE_SIZE } from '../db/cipher-pages.ts';
import { DATABASE_FILE, openKeyed } from '../db/open.ts';
import { silentLogger } from '../logging/log.ts';
import { FAST_SCRYPT, fixedClock, ok, PASSPHRASE, tempDir, track } from '../test-utils/core-harness.ts';
import { fillAuditLog } from '../test-utils/fill-pages.ts';

/**
 * A damaged database through the whole session: found at open, in use or by the background check;
 * told apart from a wrong passphrase or recovery code; persisting across launches until the
 * practitioner chooses salvage, a backup, both, or an empty database.
 */

const make = (dataDir: string): Core =>
  track(createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT, clock: fixedClock() }));

const profile = (name: string) => ({ name, sex: 'female', birthDate: '1980-01-01', heightCm: 160, weightKg: 60 });

interface Seeded {
  dataDir: string;
  key: Buffer;
  recoveryCode: string;
  names: string[];
}

/** A data folder with clients and enough audit rows for many pages; closed at the end. */
async function seeded(clients = 12): Promise<Seeded> {
  const dataDir = tempDir();
  const core = make(dataDir);
  const { recoveryCode } = await ok<{ recoveryCode: string }>(core, 'session.setup', { passphrase: PASSPHRASE });
  const names: string[] = [];
  for (let i = 0; i < clients; i++) {
    names.push(`Damaged Client ${i}`);
    await ok(core, 'clients.create', profile(`Damaged Client ${i}`));
  }
  const { sqlite } = core.session.database();
  fillAuditLog(sqlite, 'bulk');
  const key = core.session.dataKey();
  await core.session.integrityChecked();
  core.close();
  return { dataDir, key, recoveryCode, names };
}

const dbFile = (s: Seeded): string => path.join(s.dataDir, DATABASE_FILE);

/** The page number of a page of `name` (a table, index or 'sqlite_schema'), read with dbstat. */
function pageOf(s: Seeded, name: string, type: 'leaf' | 'internal' = 'leaf', skip = 0): number {
  const db = openKeyed(dbFile(s), s.key, true);
  try {
    return db
      .prepare(
        'SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? AND pageno > 1 ORDER BY pageno LIMIT 1 OFFSET ?',
      )
      .pluck()
      .get(name, type, skip) as number;
  } finally {
    db.close();
  }
}

function overwrite(s: Seeded, pgno: number, offset = 1000): void {
  const fd = fs.openSync(dbFile(s), 'r+');
  fs.writeSync(fd, randomBytes(64), 0, 64, (pgno - 1) * PAGE_SIZE + offset);
  fs.closeSync(fd);
}

const folder = (s: Seeded): string[] => fs.readdirSync(s.dataDir).sort();

describe('a damaged database', () => {
  it('opens without an integrity check, is found by the background check, and then stays damaged across launches', async () => {
    const s = await seeded();
    overwrite(s, pageOf(s, 'audit_log', 'leaf', 10));
    const core = make(s.dataDir);
    // Unlock does not read the damaged page: it opens at once.
    const unlocked = await ok<SessionStatus>(core, 'session.unlock', { passphrase: PASSPHRASE });
    expect(unlocked.state).toBe('unlocked');
    expect(unlocked.integrityCheck).toBe('running');
    await core.session.integrityChecked();
    const warned = await ok<SessionStatus>(core, 'session.status');
    expect(warned).toMatchObject({
      state: 'unlocked',
      integrityCheck: 'damaged',
      damage: { source: 'integrity-check' },
    });
    await ok(core, 'session.lock');
    const bytes = fs.readFileSync(dbFile(s));
    const before = folder(s);
    for (const attempt of [core, make(s.dataDir), make(s.dataDir)]) {
      expect((await ok<SessionStatus>(attempt, 'session.status')).state).toBe('damaged');
      const result = await attempt.dispatch('session.unlock', { passphrase: PASSPHRASE });
      expect(result).toMatchObject({ ok: false, code: 'database-damaged' });
      expect(result.ok ? '' : result.message).toMatch(/damaged.*Salvage.*backup.*empty database/s);
      // A wrong passphrase is still a wrong passphrase.
      expect(await attempt.dispatch('session.unlock', { passphrase: 'not the passphrase at all' })).toMatchObject({
        ok: false,
        code: 'wrong-passphrase',
      });
      attempt.close();
    }
    // Nothing moved, nothing new: the damaged file is where it was, unchanged.
    expect(folder(s)).toEqual(before);
    expect(fs.readFileSync(dbFile(s)).equals(bytes)).toBe(true);
  });

  it('a damaged table of contents is refused at unlock, for good, with no empty database made', async () => {
    const s = await seeded();
    overwrite(s, pageOf(s, 'sqlite_schema'));
    const bytes = fs.readFileSync(dbFile(s));
    for (let launch = 0; launch < 2; launch++) {
      const core = make(s.dataDir);
      expect(await core.dispatch('session.unlock', { passphrase: PASSPHRASE })).toMatchObject({
        ok: false,
        code: 'database-damaged',
      });
      expect((await ok<SessionStatus>(core, 'session.status')).state).toBe('damaged');
      core.close();
    }
    expect(fs.readFileSync(dbFile(s)).equals(bytes)).toBe(true);
    expect(folder(s).filter((f) => f.startsWith('bioai.db'))).toEqual(['bioai.db']);
  });

  it('tells a damaged page 1 from a wrong passphrase or recovery code', async () => {
    const s = await seeded();
    overwrite(s, 1, 2000);
    const core = make(s.dataDir);
    expect(await core.dispatch('session.unlock', { passphrase: 'not the passphrase at all' })).toMatchObject({
      ok: false,
      code: 'wrong-passphrase',
      message: expect.stringMatching(/Wrong passphrase/),
    });
    const wrongCode = await core.dispatch('session.recover', {
      recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF',
      next: 'a new passphrase 123',
    });
    expect(wrongCode).toMatchObject({ ok: false, code: 'bad-recovery-code' });
    // The right recovery code: the file is damaged, the code is not blamed.
    const rightCode = await core.dispatch('session.recover', {
      recoveryCode: s.recoveryCode,
      next: 'a new passphrase 123',
    });
    expect(rightCode).toMatchObject({ ok: false, code: 'database-damaged' });
    expect(rightCode.ok ? '' : rightCode.message).not.toMatch(/other data|Wrong passphrase/);
    core.close();
    // The right passphrase, on a fresh launch: damaged, not "wrong passphrase".
    const again = make(s.dataDir);
    const right = await again.dispatch('session.unlock', { passphrase: PASSPHRASE });
    expect(right).toMatchObject({ ok: false, code: 'database-damaged' });
    expect(right.ok ? '' : right.message).toMatch(/first page/);
    expect(right.ok ? '' : right.message).not.toMatch(/Wrong passphrase/);
  });

  it('a key file for other data is not called damage: the passphrase is right but the files do not belong together', async () => {
    const s = await seeded(1);
    const other = await seeded(1);
    fs.copyFileSync(path.join(other.dataDir, 'keyring.json'), path.join(s.dataDir, 'keyring.json'));
    const core = make(s.dataDir);
    const result = await core.dispatch('session.unlock', { passphrase: PASSPHRASE });
    expect(result).toMatchObject({ ok: false, code: 'not-a-database' });
    expect((await ok<SessionStatus>(core, 'session.status')).damage).toBeNull();
  });

  it('a page that fails while in use marks the data damaged', async () => {
    const s = await seeded(30);
    overwrite(s, pageOf(s, 'clients'));
    const core = track(
      createCore({ dataDir: s.dataDir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT, integrityCheck: false }),
    );
    await ok(core, 'session.unlock', { passphrase: PASSPHRASE });
    const list = await core.dispatch('clients.list', {});
    expect(list).toMatchObject({ ok: false, code: 'database-damaged' });
    expect((await ok<SessionStatus>(core, 'session.status')).damage).toMatchObject({ source: 'use' });
  });

  it('salvage, then use it: every client not on the damaged page is back, under the same passphrase and code', async () => {
    const s = await seeded(40);
    const damagedPage = pageOf(s, 'audit_log', 'leaf', 3);
    overwrite(s, damagedPage);
    const original = fs.readFileSync(dbFile(s));
    const core = make(s.dataDir);
    expect((await core.dispatch('session.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    await core.session.integrityChecked();
    await ok(core, 'session.lock');
    expect(await core.dispatch('damage.salvage', { passphrase: 'not the passphrase at all' })).toMatchObject({
      ok: false,
      code: 'wrong-passphrase',
    });
    const progress: number[] = [];
    core.subscribe((event, payload) => {
      if (event === 'salvage.progress') progress.push((payload as { done: number }).done);
    });
    const report = await ok<{ tables: { table: string; recovered: number; lostEstimate: number }[] }>(
      core,
      'damage.salvage',
      { recoveryCode: s.recoveryCode },
    );
    expect(progress.length).toBeGreaterThan(1);
    const audit = report.tables.find((t) => t.table === 'audit_log');
    expect(audit?.lostEstimate).toBeGreaterThan(0);
    expect(report.tables.find((t) => t.table === 'clients')).toMatchObject({ recovered: 40, lostEstimate: 0 });
    // Only salvaged so far: still damaged, nothing replaced.
    expect((await ok<SessionStatus>(core, 'session.status')).state).toBe('damaged');
    expect(fs.readFileSync(dbFile(s)).equals(original)).toBe(true);

    const result = await ok<{ status: SessionStatus; keptAs: string }>(core, 'damage.resolve', {
      choice: 'salvage',
      secret: { passphrase: PASSPHRASE },
    });
    expect(result.status).toMatchObject({ state: 'unlocked', damage: null });
    expect(fs.readFileSync(path.join(s.dataDir, result.keptAs)).equals(original)).toBe(true);
    const clients = await ok<ClientSummary[]>(core, 'clients.list', {});
    expect(clients.map((c) => c.name).sort()).toEqual([...s.names].sort());
    await core.session.integrityChecked();
    expect((await ok<SessionStatus>(core, 'session.status')).integrityCheck).toBe('ok');
    core.close();
    // A new launch: the passphrase and the recovery code still open it.
    const later = make(s.dataDir);
    expect((await ok<SessionStatus>(later, 'session.unlock', { passphrase: PASSPHRASE })).state).toBe('unlocked');
    await ok(later, 'session.lock');
    expect(
      (await later.dispatch('session.recover', { recoveryCode: s.recoveryCode, next: 'another passphrase 42' })).ok,
    ).toBe(true);
  });

  it('restore the latest backup and add the salvaged rows that are newer', async () => {
    const dataDir = tempDir();
    const clock = fixedClock('2026-03-15T10:00:00Z');
    const core = track(createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT, clock }));
    await ok(core, 'session.setup', { passphrase: PASSPHRASE });
    const first = await ok<Client>(core, 'clients.create', profile('Before Backup'));
    await ok(core, 'clients.create', profile('Unchanged Since Backup'));
    clock.advance(60_000);
    await ok(core, 'backup.create');
    clock.advance(60_000);
    await ok(core, 'clients.update', { id: first.id, patch: { name: 'Renamed After Backup' } });
    await ok(core, 'clients.create', profile('Added After Backup'));
    const { sqlite } = core.session.database();
    fillAuditLog(sqlite, 'bulk');
    const s: Seeded = { dataDir, key: core.session.dataKey(), recoveryCode: '', names: [] };
    await core.session.integrityChecked();
    await ok(core, 'session.lock');
    overwrite(s, pageOf(s, 'audit_log', 'leaf', 5));
    core.session.markDamaged('use', 'test');

    const result = await ok<{
      restored: { kind: string };
      merged: { table: string; added: number; updated: number }[];
    }>(core, 'damage.resolve', { choice: 'backup-and-salvage', secret: { passphrase: PASSPHRASE } });
    expect(result.restored.kind).toBe('manual');
    expect(result.merged.find((m) => m.table === 'clients')).toMatchObject({ added: 1, updated: 1 });
    const names = (await ok<ClientSummary[]>(core, 'clients.list', {})).map((c) => c.name).sort();
    expect(names).toEqual(['Added After Backup', 'Renamed After Backup', 'Unchanged Since Backup']);
    expect(core.session.database().sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('an empty database only when chosen, with the damaged file kept', async () => {
    const s = await seeded(3);
    overwrite(s, pageOf(s, 'sqlite_schema'));
    const core = make(s.dataDir);
    await core.dispatch('session.unlock', { passphrase: PASSPHRASE });
    // Salvage cannot locate the tables; it says so and changes nothing.
    const salvaged = await core.dispatch('damage.salvage', { passphrase: PASSPHRASE });
    expect(salvaged).toMatchObject({
      ok: false,
      code: 'database-damaged',
      message: expect.stringMatching(/table of contents/),
    });
    expect((await ok<SessionStatus>(core, 'session.status')).state).toBe('damaged');
    // No backup to restore: said clearly.
    expect(
      await core.dispatch('damage.resolve', { choice: 'backup', secret: { passphrase: PASSPHRASE } }),
    ).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    const result = await ok<{ status: SessionStatus; keptAs: string }>(core, 'damage.resolve', {
      choice: 'empty',
      secret: { passphrase: PASSPHRASE },
    });
    expect(result.status.state).toBe('unlocked');
    expect(await ok<ClientSummary[]>(core, 'clients.list', {})).toEqual([]);
    expect(fs.existsSync(path.join(s.dataDir, result.keptAs))).toBe(true);
  });

  it('the CLI refuses damaged data with exit 1 and the commands that resolve it; `bioai salvage` brings the data back', async () => {
    const s = await seeded(150);
    overwrite(s, pageOf(s, 'clients'));
    const env = { BIOAI_PASSPHRASE: PASSPHRASE };
    // The CLI skips the background check; reading the clients finds the damage.
    const first = await runCli(['--data-dir', s.dataDir, 'clients', 'list', '--json'], env);
    expect(first.code).toBe(1);
    expect(first.out).toBe('');
    expect(first.err).toMatch(/damaged/);
    expect(first.err).toMatch(/bioai salvage\b/);
    expect(first.err).toMatch(/--use-backup latest/);
    expect(first.err).toMatch(/--start-empty/);
    const second = await runCli(['--data-dir', s.dataDir, 'clients', 'list', '--json'], env);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/damaged/);
    const dry = await runCli(['--data-dir', s.dataDir, 'salvage', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/clients\s+[1-9]\d*\s+[1-9]\d*\n/);
    expect(dry.out).toMatch(/Nothing was replaced/);
    const salvage = await runCli(['--data-dir', s.dataDir, 'salvage'], env);
    expect(salvage.err).toBe('');
    expect(salvage.code).toBe(0);
    expect(salvage.out).toMatch(/kept as bioai\.db\.damaged-/);
    const after = await runCli(['--data-dir', s.dataDir, 'clients', 'list', '--json'], env);
    expect(after.code).toBe(0);
    const listed = (JSON.parse(after.out) as { name: string }[]).map((c) => c.name);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(s.names.length);
    expect(listed.every((n) => s.names.includes(n))).toBe(true);
  });
});

describe('the background integrity check and a re-key', () => {
  // Recovery and a passphrase change re-key the database right after it is opened, while the check
  // the open started is still starting up in its worker with the old key.
  it('checks the database again under the new key after a recovery and after a passphrase change', async () => {
    const dataDir = tempDir();
    const core = make(dataDir);
    const { recoveryCode } = await ok<{ recoveryCode: string }>(core, 'session.setup', { passphrase: PASSPHRASE });
    await ok(core, 'clients.create', profile('Rekeyed Client'));
    await core.session.integrityChecked();
    await ok(core, 'session.lock');

    const recovered = await ok<SessionStatus>(core, 'session.recover', {
      recoveryCode,
      next: 'a recovered passphrase 1',
    });
    expect(recovered.state).toBe('unlocked');
    await core.session.integrityChecked();
    expect(await ok<SessionStatus>(core, 'session.status')).toMatchObject({ integrityCheck: 'ok', damage: null });

    await ok(core, 'session.lock');
    await ok(core, 'session.unlock', { passphrase: 'a recovered passphrase 1' });
    await ok(core, 'session.changePassphrase', {
      current: 'a recovered passphrase 1',
      next: 'a changed passphrase 22',
    });
    await core.session.integrityChecked();
    expect(await ok<SessionStatus>(core, 'session.status')).toMatchObject({ integrityCheck: 'ok', damage: null });
  });
});
