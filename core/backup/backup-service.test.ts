import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../app.ts';
import type { BackupInfo, BackupState } from '../contract/backup.ts';
import { silentLogger } from '../logging/log.ts';
import { FAST_SCRYPT, ok, PASSPHRASE, track } from '../test-utils/core-harness.ts';
import { addClient, CLIENT, integrity, names, setUp } from './backup-test-kit.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

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
