import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../app.ts';
import { silentLogger } from '../../logging/log.ts';
import { FAST_SCRYPT, ok } from '../../test-utils/core-harness.ts';
import { tempDir } from '../../test-utils/temp-dir.ts';
import { runCli } from '../run-for-test.ts';

const PASS = 'cli passphrase 123';
const env = { BIOAI_PASSPHRASE: PASS };

afterEach(() => vi.restoreAllMocks());

const backupFiles = (dir: string): string[] =>
  fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.bioaibak'));

/**
 * A data folder with one client, set up with the tests' cheap scrypt cost (kept in its key file, so the
 * CLI's unlocks are quick too); the client is added through the CLI, which then backs up.
 */
async function initWithClient(name: string): Promise<string> {
  const dir = tempDir();
  const core = createCore({ dataDir: dir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT });
  try {
    await ok(core, 'session.setup', { passphrase: PASS });
  } finally {
    core.close();
  }
  expect((await runCli(['--data-dir', dir, 'clients', 'add', '--name', name], env)).code).toBe(0);
  return dir;
}

describe('bioai backup', () => {
  it('keeps an automatic backup after a command that wrote, creates one on demand and lists them', async () => {
    const dir = await initWithClient('Olga Original');
    // The first command that wrote found no backup: one was made (encrypted), and not again the same day.
    const automatic = backupFiles(dir);
    expect(automatic).toHaveLength(1);
    expect(automatic[0]).toMatch(/^scheduled-/);
    const bytes = fs.readFileSync(path.join(dir, 'backups', automatic[0] ?? ''));
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);

    const made = await runCli(['--data-dir', dir, 'backup', 'create'], env);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^Backed up to .*backup-.*\.bioaibak \(.*, encrypted\)\.$/);
    expect((await runCli(['--data-dir', dir, 'clients', 'add', '--name', 'Nina Newer'], env)).code).toBe(0);
    expect(backupFiles(dir)).toHaveLength(2);

    const list = await runCli(['--data-dir', dir, 'backup', 'list'], env);
    expect(list.out).toMatch(/automatic backups: daily, keeping 14/);
    expect(list.out).toMatch(/FILE\s+KIND\s+MADE\s+SIZE/);
    expect(list.out).toMatch(/backup-\S+\s+manual/);
    expect(list.out).toMatch(/scheduled-\S+\s+automatic/);
  });

  it('restores latest only after confirmation (--yes without a terminal), keeping a pre-restore backup', async () => {
    const dir = await initWithClient('Olga Original');
    expect((await runCli(['--data-dir', dir, 'backup', 'create'], env)).code).toBe(0);
    expect((await runCli(['--data-dir', dir, 'clients', 'add', '--name', 'Nina Newer'], env)).code).toBe(0);
    expect(backupFiles(dir)).toHaveLength(2);

    // Without a terminal to confirm in, restore needs --yes and changes nothing.
    const refused = await runCli(['--data-dir', dir, 'backup', 'restore', 'latest'], env);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/This replaces the data in .* \(2 clients\) with the backup backup-/);
    expect(refused.err).toContain('add --yes');
    expect(backupFiles(dir)).toHaveLength(2);

    const restored = await runCli(['--data-dir', dir, 'backup', 'restore', 'latest', '--yes'], env);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/Restored backup-.*\. The replaced data is kept as pre-restore-.*\.bioaibak\./);
    const names = (await runCli(['--data-dir', dir, 'clients', 'list', '--json'], env)).out;
    expect((JSON.parse(names) as { name: string }[]).map((c) => c.name)).toEqual(['Olga Original']);

    // The pre-restore backup undoes it, named by file.
    const pre = backupFiles(dir).find((f) => f.startsWith('pre-restore-')) ?? '';
    expect((await runCli(['--data-dir', dir, 'backup', 'restore', pre, '--yes'], env)).code).toBe(0);
    const back = (await runCli(['--data-dir', dir, 'clients', 'list', '--json'], env)).out;
    expect((JSON.parse(back) as { name: string }[]).map((c) => c.name).sort()).toEqual(['Nina Newer', 'Olga Original']);
  });

  it('restores a backup file copied from elsewhere, and says which passphrase a backup needs', async () => {
    const dir = await initWithClient('Paula Portable');
    const elsewhere = tempDir();
    const made = await runCli(['--data-dir', dir, 'backup', 'create'], env);
    const file = /to (\S+\.bioaibak)/.exec(made.out)?.[1] ?? '';
    const copy = path.join(elsewhere, path.basename(file));
    fs.copyFileSync(file, copy);
    fs.rmSync(file);
    const wrong = await runCli(['--data-dir', dir, 'backup', 'restore', copy, '--yes'], {
      ...env,
      BIOAI_BACKUP_PASSPHRASE: 'not the right one',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/does not open the backup .*BIOAI_BACKUP_PASSPHRASE/);
    const ok = await runCli(['--data-dir', dir, 'backup', 'restore', copy, '--yes'], env);
    expect(ok.code).toBe(0);
    expect(backupFiles(dir)).toContain(path.basename(file));
    const none = await runCli(['--data-dir', dir, 'backup', 'restore', 'backup-nothing.bioaibak', '--yes'], env);
    expect(none.code).toBe(2);
    const bad = await runCli(['--data-dir', dir, 'backup', 'restore', 'backup-2020-01-01T00-00-00-000Z.bioaibak'], env);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.err).toContain('There is no backup called');
  });
});

describe('bioai recover', () => {
  it('opens the data with the recovery code, sets the new passphrase and prints a new code once', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT });
    let code: string;
    try {
      ({ recoveryCode: code } = await ok<{ recoveryCode: string }>(core, 'session.setup', { passphrase: PASS }));
      await ok(core, 'clients.create', { name: 'Rosa Recovered', activityLevel: 'active', dietPattern: 'vegan' });
    } finally {
      core.close();
    }
    const NEXT = 'a brand new passphrase';
    fs.rmSync(path.join(dir, 'keyring.json'));
    const lost = await runCli(['--data-dir', dir, 'clients', 'list'], env);
    expect(lost.code).toBe(1);
    expect(lost.err).toContain('bioai recover');

    const noTerminal = await runCli(['--data-dir', dir, 'recover'], { BIOAI_RECOVERY_CODE: code });
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.err).toContain('BIOAI_NEW_PASSPHRASE');
    const wrong = await runCli(['--data-dir', dir, 'recover'], {
      BIOAI_RECOVERY_CODE: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA',
      BIOAI_NEW_PASSPHRASE: NEXT,
    });
    expect(wrong.code).toBe(1);

    const done = await runCli(['--data-dir', dir, 'recover'], {
      BIOAI_RECOVERY_CODE: code,
      BIOAI_NEW_PASSPHRASE: NEXT,
    });
    expect(done.code).toBe(0);
    const newCode = /New recovery code .*: (\S+)$/m.exec(done.out)?.[1] ?? '';
    expect(newCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(newCode).not.toBe(code);
    expect(done.err).not.toContain(newCode);
    const list = await runCli(['--data-dir', dir, 'clients', 'list'], { BIOAI_PASSPHRASE: NEXT });
    expect(list.out).toContain('Rosa Recovered');
    // The old code no longer works.
    const old = await runCli(['--data-dir', dir, 'recover'], { BIOAI_RECOVERY_CODE: code, BIOAI_NEW_PASSPHRASE: NEXT });
    expect(old.code).toBe(1);
  });
});
