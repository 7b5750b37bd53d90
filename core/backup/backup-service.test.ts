import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../app.ts';
import type { BackupInfo, BackupState } from '../contract/backup.ts';
import { silentLogger } from '../logging/log.ts';
import { FAST_SCRYPT, fixedClock, ok, PASSPHRASE, track } from '../test-utils/core-harness.ts';
import { tempDir } from '../test-utils/temp-dir.ts';
import type { Every } from './backup-service.ts';

const CLIENT = 'Henrietta Backupsson';

afterEach(() => {
  vi.restoreAllMocks();
});

function fakeTimer(): Every & { fire(): void; active: number } {
  const fns = new Set<() => void>();
  const every = ((fn: () => void) => {
    fns.add(fn);
    return () => {
      fns.delete(fn);
    };
  }) as unknown as Every & { fire(): void; active: number };
  every.fire = () => {
    for (const fn of fns) fn();
  };
  Object.defineProperty(every, 'active', { get: () => fns.size });
  return every;
}

async function setUp(options: { clock?: ReturnType<typeof fixedClock>; timer?: Every } = {}) {
  const dataDir = tempDir();
  const clock = options.clock ?? fixedClock();
  const make = (): Core =>
    track(
      createCore({
        dataDir,
        // The timer runs in the app and the browser host; a one-shot CLI command backs up after writing.
        host: options.timer ? 'browser' : 'cli',
        log: silentLogger,
        scrypt: FAST_SCRYPT,
        clock,
        ...(options.timer ? { backupTimer: options.timer } : {}),
      }),
    );
  const core = make();
  const { recoveryCode } = await ok<{ recoveryCode: string }>(core, 'session.setup', { passphrase: PASSPHRASE });
  return { core, dataDir, clock, recoveryCode, make };
}

const names = async (core: Core): Promise<string[]> =>
  (await ok<{ name: string }[]>(core, 'clients.list', { includeArchived: true })).map((c) => c.name).sort();

const addClient = async (core: Core, name: string): Promise<string> =>
  (await ok<{ id: string }>(core, 'clients.create', { name, activityLevel: 'active', dietPattern: 'vegan' })).id;

function integrity(core: Core): unknown {
  return core.session.database().sqlite.pragma('integrity_check', { simple: true });
}

describe('backups', () => {
  it('writes an encrypted backup file with the database and key files, and lists it', async () => {
    const { core, dataDir } = await setUp();
    await addClient(core, CLIENT);
    const made = await ok<BackupInfo>(core, 'backup.create');
    expect(made.fileName).toMatch(/^backup-.*\.bioaibak$/);
    const file = path.join(dataDir, 'backups', made.fileName);
    const data = fs.readFileSync(file);
    expect(data.length).toBe(made.bytes);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(data.subarray(0, 8).toString('latin1')).toBe('BIOAIBK1');
    expect(data.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(data.includes(Buffer.from(CLIENT))).toBe(false);
    const state = await ok<BackupState>(core, 'backup.list');
    expect(state.backups).toEqual([made]);
    expect(state.lastBackupAt).toBe(made.createdAt);
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('restores the backed-up data, keeping the replaced data as a pre-restore backup', async () => {
    const { core, clock } = await setUp();
    const id = await addClient(core, CLIENT);
    const made = await ok<BackupInfo>(core, 'backup.create');
    clock.advance(60_000);
    await ok(core, 'clients.delete', { id });
    await addClient(core, 'Added After Backup');
    expect(await names(core)).toEqual(['Added After Backup']);

    const result = await ok<{ restored: BackupInfo; preRestore: BackupInfo; status: { state: string } }>(
      core,
      'backup.restore',
      { fileName: made.fileName, passphrase: PASSPHRASE },
    );
    expect(result.status.state).toBe('unlocked');
    expect(result.preRestore.kind).toBe('pre-restore');
    expect(await names(core)).toEqual([CLIENT]);
    expect(integrity(core)).toBe('ok');

    // The replaced data is itself restorable: a wrong restore can be undone.
    await ok(core, 'backup.restore', { fileName: result.preRestore.fileName, passphrase: PASSPHRASE });
    expect(await names(core)).toEqual(['Added After Backup']);
  });

  it('restores with the backup passphrase, then the passphrase and recovery code in force keep opening the data', async () => {
    const { core, dataDir, recoveryCode: oldCode, make } = await setUp();
    await addClient(core, CLIENT);
    const made = await ok<BackupInfo>(core, 'backup.create');
    await ok(core, 'session.changePassphrase', { current: PASSPHRASE, next: 'a later passphrase' });
    const { recoveryCode: newCode } = await ok<{ recoveryCode: string }>(core, 'session.newRecoveryCode', {
      passphrase: 'a later passphrase',
    });
    const wrong = await core.dispatch('backup.restore', { fileName: made.fileName, passphrase: 'a later passphrase' });
    expect(wrong).toMatchObject({ ok: false, code: 'wrong-passphrase' });
    await ok(core, 'backup.restore', { fileName: made.fileName, passphrase: PASSPHRASE });
    expect(await names(core)).toEqual([CLIENT]);
    core.close();
    // The restored data is under the current key files: the backup's passphrase no longer opens it,
    // the one in force does.
    const next = make();
    expect(await next.dispatch('session.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: false });
    await ok(next, 'session.unlock', { passphrase: 'a later passphrase' });
    expect(await names(next)).toEqual([CLIENT]);
    next.close();
    // The replaced recovery code stays dead; the current one opens the restored data.
    fs.rmSync(path.join(dataDir, 'keyring.json'));
    const stale = make();
    expect(
      await stale.dispatch('session.recover', { recoveryCode: oldCode, next: 'chosen after recovery' }),
    ).toMatchObject({ ok: false, code: 'bad-recovery-code' });
    stale.close();
    const recovered = make();
    await ok(recovered, 'session.recover', { recoveryCode: newCode, next: 'chosen after recovery' });
    expect(await names(recovered)).toEqual([CLIENT]);
  });

  it('a recovery code replaced with newRecoveryCode does not come back to life through a restore', async () => {
    const { core, dataDir, recoveryCode: oldCode, clock, make } = await setUp();
    const backup = await ok<BackupInfo>(core, 'backup.create');
    clock.advance(60_000);
    // The practitioner thinks the old code leaked and replaces it; later they restore the older backup.
    await ok(core, 'session.newRecoveryCode', { passphrase: PASSPHRASE });
    await ok(core, 'backup.restore', { fileName: backup.fileName, passphrase: PASSPHRASE });
    await addClient(core, CLIENT);
    core.close();
    const stale = make();
    expect(
      await stale.dispatch('session.recover', { recoveryCode: oldCode, next: 'whatever passphrase 9' }),
    ).toMatchObject({
      ok: false,
      code: 'bad-recovery-code',
    });
    stale.close();
    expect(fs.existsSync(path.join(dataDir, 'restore.pending'))).toBe(false);
  });

  it('refuses a wrong passphrase, a corrupt and a truncated file with typed errors, leaving the live data untouched', async () => {
    const { core, dataDir } = await setUp();
    const id = await addClient(core, CLIENT);
    const made = await ok<BackupInfo>(core, 'backup.create');
    await ok(core, 'clients.delete', { id });
    await addClient(core, 'Live Client');
    const dir = path.join(dataDir, 'backups');
    const data = fs.readFileSync(path.join(dir, made.fileName));

    const corrupt = Buffer.from(data);
    const middle = Math.floor(corrupt.length / 2);
    corrupt[middle] = (corrupt[middle] ?? 0) ^ 0xff;
    fs.writeFileSync(path.join(dir, 'backup-2020-01-01T00-00-00-000Z.bioaibak'), corrupt);
    fs.writeFileSync(path.join(dir, 'backup-2020-01-02T00-00-00-000Z.bioaibak'), data.subarray(0, data.length - 1000));
    fs.writeFileSync(path.join(dir, 'backup-2020-01-03T00-00-00-000Z.bioaibak'), 'not a backup at all');

    const attempts = [
      [made.fileName, 'the wrong passphrase', 'wrong-passphrase', /does not open the backup from/],
      ['backup-2020-01-01T00-00-00-000Z.bioaibak', PASSPHRASE, 'backup-corrupt', /is damaged \(the checksum/],
      [
        'backup-2020-01-02T00-00-00-000Z.bioaibak',
        PASSPHRASE,
        'backup-corrupt',
        /is incomplete \(the file was cut short/,
      ],
      ['backup-2020-01-03T00-00-00-000Z.bioaibak', PASSPHRASE, 'backup-corrupt', /is not a BioAI Nutrition backup/],
      ['backup-2020-01-04T00-00-00-000Z.bioaibak', PASSPHRASE, 'not-found', /no backup called/],
      ['../keyring.json', PASSPHRASE, 'invalid-input', /Not a backup file name/],
    ] as const;
    for (const [fileName, passphrase, code, message] of attempts) {
      const result = await core.dispatch('backup.restore', { fileName, passphrase });
      expect(result, fileName).toMatchObject({ ok: false, code });
      if (!result.ok) expect(result.message).toMatch(message);
      expect(await names(core)).toEqual(['Live Client']);
      expect(integrity(core)).toBe('ok');
    }
    expect(fs.existsSync(path.join(dataDir, 'restore.pending'))).toBe(false);
    expect((await ok<BackupState>(core, 'backup.list')).backups.some((b) => b.kind === 'pre-restore')).toBe(false);
    core.close();
    const again = await setUpAgain(dataDir);
    expect(await names(again)).toEqual(['Live Client']);
  });

  it('refuses a backup whose database fails to open, before touching the live data', async () => {
    const { core, dataDir } = await setUp();
    await addClient(core, 'Live Client');
    const made = await ok<BackupInfo>(core, 'backup.create');
    const file = path.join(dataDir, 'backups', made.fileName);
    // A well-formed container whose database body is garbage (checksums recomputed).
    const { packBackup, unpackBackup } = await import('./backup-file.ts');
    const { header, files } = unpackBackup(fs.readFileSync(file), made.fileName);
    const db = files.get('bioai.db') ?? Buffer.alloc(0);
    const garbage = Buffer.from(db);
    garbage.fill(7, 4096, Math.min(garbage.length, 4096 * 3));
    fs.writeFileSync(
      file,
      packBackup({ createdAt: header.createdAt, kind: header.kind, schemaVersion: header.schemaVersion }, [
        ...[...files].map(([name, data]) => ({ name, data: name === 'bioai.db' ? garbage : data })),
      ]),
    );
    const result = await core.dispatch('backup.restore', { fileName: made.fileName, passphrase: PASSPHRASE });
    expect(result).toMatchObject({ ok: false, code: 'backup-corrupt' });
    expect(await names(core)).toEqual(['Live Client']);
    expect(integrity(core)).toBe('ok');
  });

  it('runs scheduled backups while unlocked (also at unlock when one is due) and prunes to keep', async () => {
    const timer = fakeTimer();
    const { core, clock, make, dataDir } = await setUp({ timer });
    expect(timer.active).toBe(1);
    // On by default (daily, keep 14): the first backup is made at unlock.
    const initial = await ok<BackupState>(core, 'backup.list');
    expect(initial).toMatchObject({ scheduleHours: 24, keep: 14, lastBackupAt: clock.now() });
    expect(initial.backups.map((b) => b.kind)).toEqual(['scheduled']);
    const state = await ok<BackupState>(core, 'backup.configure', { scheduleHours: 24, keep: 2 });
    expect(state).toMatchObject({ scheduleHours: 24, keep: 2, lastBackupAt: clock.now() });
    timer.fire();
    const first = (await ok<BackupState>(core, 'backup.list')).backups;
    expect(first.map((b) => b.kind)).toEqual(['scheduled']);
    clock.advance(23 * 3_600_000);
    timer.fire();
    expect((await ok<BackupState>(core, 'backup.list')).backups).toHaveLength(1);
    clock.advance(2 * 3_600_000);
    timer.fire();
    clock.advance(25 * 3_600_000);
    timer.fire();
    const pruned = await ok<BackupState>(core, 'backup.list');
    expect(pruned.backups).toHaveLength(2);
    expect(pruned.backups.map((b) => b.fileName)).not.toContain(first[0]?.fileName);
    expect(pruned.nextBackupAt).toBe(clock.now() + 24 * 3_600_000);

    // Locked: no timer and no backups.
    await ok(core, 'session.lock');
    expect(timer.active).toBe(0);
    core.close();
    clock.advance(30 * 3_600_000);
    // At unlock, the overdue backup is made at once.
    const next = make();
    await ok(next, 'session.unlock', { passphrase: PASSPHRASE });
    const after = await ok<BackupState>(next, 'backup.list');
    expect(after.backups).toHaveLength(2);
    expect(after.lastBackupAt).toBe(clock.now());
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith('.bioaibak'))).toHaveLength(2);
  });

  it('reads each backup back before pruning: a bad read-back removes it, keeps the older ones and is shown', async () => {
    const { core, dataDir, clock } = await setUp();
    await ok(core, 'backup.configure', { scheduleHours: 0, keep: 1 });
    const first = await ok<BackupInfo>(core, 'backup.create');
    clock.advance(60_000);
    const realRead = fs.readFileSync;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      const data = (realRead as (...a: unknown[]) => Buffer | string)(file, ...rest);
      // The disk returns the new backup cut short.
      if (String(file).endsWith('.bioaibak') && !String(file).includes(first.fileName) && Buffer.isBuffer(data)) {
        return data.subarray(0, data.length - 100);
      }
      return data;
    }) as never);
    const failed = await core.dispatch('backup.create', {});
    vi.restoreAllMocks();
    expect(failed).toMatchObject({ ok: false, code: 'backup-corrupt' });
    const state = await ok<BackupState>(core, 'backup.list');
    expect(state.backups.map((b) => b.fileName)).toEqual([first.fileName]);
    expect(state.lastError).toMatchObject({ kind: 'manual', message: expect.stringMatching(/did not read back/) });
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // The next backup that succeeds clears the error (and only then prunes to keep = 1).
    clock.advance(60_000);
    const second = await ok<BackupInfo>(core, 'backup.create');
    const after = await ok<BackupState>(core, 'backup.list');
    expect(after.lastError).toBeNull();
    expect(after.backups.map((b) => b.fileName)).toEqual([second.fileName]);
  });

  it('records a failed scheduled backup so the Backups section can show it, and keeps the older backups', async () => {
    const timer = fakeTimer();
    const { core, clock } = await setUp({ timer });
    await ok(core, 'backup.configure', { scheduleHours: 24, keep: 1 });
    timer.fire();
    const first = (await ok<BackupState>(core, 'backup.list')).backups;
    expect(first).toHaveLength(1);
    clock.advance(25 * 3_600_000);
    vi.spyOn(fs, 'writeSync').mockImplementation((() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }) as never);
    timer.fire();
    vi.restoreAllMocks();
    const state = await ok<BackupState>(core, 'backup.list');
    expect(state.backups).toEqual(first);
    expect(state.lastError).toMatchObject({ kind: 'scheduled', at: clock.now() });
    expect(state.lastError?.message).toMatch(/The disk holding .* is full/);
  });

  it('backs up daily and keeps 14 by default, for a folder that never chose, and respects an explicit off', async () => {
    const timer = fakeTimer();
    const { core, clock, make, dataDir } = await setUp({ timer });
    expect(fs.existsSync(path.join(dataDir, 'backups', 'schedule.json'))).toBe(false);
    for (let day = 0; day < 16; day++) {
      clock.advance(24 * 3_600_000);
      timer.fire();
    }
    const daily = await ok<BackupState>(core, 'backup.list');
    expect(daily).toMatchObject({ scheduleHours: 24, keep: 14 });
    expect(daily.backups).toHaveLength(14);
    expect(daily.backups.every((b) => b.kind === 'scheduled')).toBe(true);
    expect(daily.backups[0]?.createdAt).toBe(clock.now());
    // Every backup stays encrypted: no SQLite header, no client text.
    await addClient(core, CLIENT);
    clock.advance(24 * 3_600_000);
    timer.fire();
    const newest = (await ok<BackupState>(core, 'backup.list')).backups[0];
    const bytes = fs.readFileSync(path.join(dataDir, 'backups', newest?.fileName ?? ''));
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(Buffer.from(CLIENT))).toBe(false);

    // The practitioner turns them off: that choice holds across restarts and days.
    await ok(core, 'backup.configure', { scheduleHours: 0, keep: 14 });
    core.close();
    clock.advance(3 * 24 * 3_600_000);
    const again = make();
    await ok(again, 'session.unlock', { passphrase: PASSPHRASE });
    timer.fire();
    const off = await ok<BackupState>(again, 'backup.list');
    expect(off).toMatchObject({ scheduleHours: 0, nextBackupAt: null });
    expect(off.backups[0]?.createdAt).toBe(newest?.createdAt);
  });

  it('never prunes on settings it cannot read: an unreadable file is shown, and every backup is kept', async () => {
    const timer = fakeTimer();
    const { core, clock, dataDir } = await setUp({ timer });
    // The practitioner keeps 20, and has 17 (one a day, and the first at unlock).
    await ok(core, 'backup.configure', { scheduleHours: 24, keep: 20 });
    for (let day = 0; day < 16; day++) {
      clock.advance(24 * 3_600_000);
      timer.fire();
    }
    const before = (await ok<BackupState>(core, 'backup.list')).backups.length;
    expect(before).toBe(17);

    // The settings file is damaged: taking the default (keep 14) would delete two of them.
    const file = path.join(dataDir, 'backups', 'schedule.json');
    for (const damage of ['{"scheduleHours": 24, "ke', JSON.stringify({ scheduleHours: 24, keep: 'twenty' })]) {
      fs.writeFileSync(file, damage);
      clock.advance(24 * 3_600_000);
      timer.fire(); // a scheduled backup is still made
      await ok(core, 'backup.create');
      const state = await ok<BackupState>(core, 'backup.list');
      expect(state.settingsProblem).toContain(file);
      expect(state.settingsProblem).toMatch(/No backup is removed/);
      expect(state.backups.length).toBeGreaterThan(14);
    }
    // Two scheduled and two manual backups later, none removed: past the default 14 and past 20 too.
    expect((await ok<BackupState>(core, 'backup.list')).backups).toHaveLength(before + 4);

    // Choosing the settings again rewrites the file, and pruning follows them once more.
    const fixed = await ok<BackupState>(core, 'backup.configure', { scheduleHours: 24, keep: 18 });
    expect(fixed.settingsProblem).toBeNull();
    expect(fixed.backups).toHaveLength(18);
  });

  it('catches up after a CLI write: a backup when the last one is over a day old, pruned to 14', async () => {
    const clock = fixedClock();
    const { core, dataDir } = await setUp({ clock });
    // A CLI core runs no timer: nothing is made at unlock.
    expect((await ok<BackupState>(core, 'backup.list')).backups).toEqual([]);
    const first = core.backups.catchUp();
    expect(first).toMatchObject({ made: { kind: 'scheduled', createdAt: clock.now() }, error: null });
    clock.advance(23 * 3_600_000);
    expect(core.backups.catchUp()).toEqual({ made: null, error: null });
    for (let day = 0; day < 15; day++) {
      clock.advance(24 * 3_600_000);
      expect(core.backups.catchUp().made).not.toBeNull();
    }
    const files = fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith('.bioaibak'));
    expect(files).toHaveLength(14);
    expect(files).not.toContain(first.made?.fileName);
  });

  it('rejects schedules other than off, daily and weekly', async () => {
    const { core } = await setUp();
    const result = await core.dispatch('backup.configure', { scheduleHours: 5, keep: 3 });
    expect(result).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(await core.dispatch('backup.configure', { scheduleHours: 168, keep: 61 })).toMatchObject({ ok: false });
  });

  it('finishes a restore that was interrupted after its files were staged and checked', async () => {
    const { core, dataDir, make } = await setUp();
    await addClient(core, CLIENT);
    const made = await ok<BackupInfo>(core, 'backup.create');
    await addClient(core, 'Second');
    // Stage the backup's files as restore does, then "crash" before the swap.
    const { unpackBackup } = await import('./backup-file.ts');
    const { beginStaging, markStagingReady } = await import('./swap.ts');
    const { files } = unpackBackup(fs.readFileSync(path.join(dataDir, 'backups', made.fileName)), made.fileName);
    core.close();
    const staging = beginStaging(dataDir);
    for (const [name, data] of files) fs.writeFileSync(path.join(staging, name), data);
    markStagingReady(dataDir);
    const next = make();
    await ok(next, 'session.unlock', { passphrase: PASSPHRASE });
    expect(await names(next)).toEqual([CLIENT]);
    expect(fs.existsSync(path.join(dataDir, 'restore.pending'))).toBe(false);
  });
});

async function setUpAgain(dataDir: string): Promise<Core> {
  const core = track(createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT }));
  await ok(core, 'session.unlock', { passphrase: PASSPHRASE });
  return core;
}
