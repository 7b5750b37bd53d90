import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackupInfo, BackupState } from '../contract/backup.ts';
import { fixedClock, ok, PASSPHRASE } from '../test-utils/core-harness.ts';
import { addClient, CLIENT, fakeTimer, setUp } from './backup-test-kit.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('scheduled backups and their settings', () => {
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
});
