import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../app.ts';
import { DATABASE_FILE } from '../db/open.ts';
import { AppError } from '../contract/errors.ts';
import { generateDataKey, readKeyring, unwrapWithPassphrase } from '../keys/keyring.ts';
import { createRecovery, generateRecoveryCode, readRecovery, writeRecovery } from '../keys/recovery.ts';
import { silentLogger } from '../logging/log.ts';
import { FAST_SCRYPT, fixedClock, ok, PASSPHRASE, tempDir, track } from '../test-utils/core-harness.ts';
import { createSession } from './session.ts';

/**
 * Crash and failure paths of the key changes (passphrase change, recovery, new recovery code,
 * set-up): at every point some key the practitioner has must still open the data.
 */

const PP1 = 'second passphrase 1111';
const PP2 = 'third passphrase 22222';
const CLIENT = 'Henrietta Reviewsson';

afterEach(() => {
  vi.restoreAllMocks();
});

function make(dataDir: string, clock = fixedClock()): Core {
  return track(createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT, clock }));
}

const session = (dataDir: string) => createSession({ dataDir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT });

async function opens(dataDir: string, how: { passphrase?: string; code?: string }): Promise<boolean> {
  const core = make(dataDir);
  try {
    if (how.passphrase) return (await core.dispatch('session.unlock', { passphrase: how.passphrase })).ok;
    return (await core.dispatch('session.recover', { recoveryCode: how.code, next: 'whatever passphrase 9' })).ok;
  } finally {
    core.close();
  }
}

const failRenameOf = (suffix: string): void => {
  const realRename = fs.renameSync;
  vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
    if (String(from).endsWith(suffix)) throw new Error('simulated crash');
    return realRename(from, to);
  });
};

const diskFull = (): void => {
  vi.spyOn(fs, 'writeSync').mockImplementation((() => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }) as never);
};

describe('recover()', () => {
  it('after an interrupted passphrase change, a failing recover keeps a wrap of the live key', async () => {
    const dataDir = tempDir();
    const core = make(dataDir);
    const { recoveryCode } = await ok<{ recoveryCode: string }>(core, 'session.setup', { passphrase: PASSPHRASE });
    await ok(core, 'clients.create', { name: CLIENT, activityLevel: 'active', dietPattern: 'vegan' });

    // 1. A passphrase change is interrupted after the database was re-keyed, before keyring.next.json
    //    was renamed (power loss; simulated by the rename failing).
    failRenameOf('keyring.next.json');
    expect((await core.dispatch('session.changePassphrase', { current: PASSPHRASE, next: PP1 })).ok).toBe(false);
    vi.restoreAllMocks();
    core.close();

    // 2. On the next start the practitioner uses the recovery code, and every write fails (disk full).
    const next = make(dataDir);
    diskFull();
    const r = await next.dispatch('session.recover', { recoveryCode, next: PP2 });
    vi.restoreAllMocks();
    expect(r.ok).toBe(false);
    expect((await ok<{ state: string }>(next, 'session.status')).state).toBe('locked');
    next.close();

    // 3. The passphrase in force (PP1, only in keyring.next.json) and the recovery code still open the data.
    expect(await opens(dataDir, { passphrase: PP1 })).toBe(true);
    expect(await opens(dataDir, { code: recoveryCode })).toBe(true);
  });

  it('after an interrupted passphrase change, the recovery code opens the data and recover completes', async () => {
    const dataDir = tempDir();
    const core = make(dataDir);
    const { recoveryCode } = await ok<{ recoveryCode: string }>(core, 'session.setup', { passphrase: PASSPHRASE });
    await ok(core, 'clients.create', { name: CLIENT, activityLevel: 'active', dietPattern: 'vegan' });
    failRenameOf('keyring.next.json');
    await core.dispatch('session.changePassphrase', { current: PASSPHRASE, next: PP1 });
    vi.restoreAllMocks();
    core.close();
    const next = make(dataDir);
    diskFull();
    expect((await next.dispatch('session.recover', { recoveryCode, next: PP2 })).ok).toBe(false);
    vi.restoreAllMocks();
    next.close();
    // The failed attempt left the code working: recovering again succeeds and keeps the client.
    const again = make(dataDir);
    const answer = await ok<{ recoveryCode: string }>(again, 'session.recover', { recoveryCode, next: PP2 });
    const clients = await ok<{ name: string }[]>(again, 'clients.list', {});
    expect(clients.map((c) => c.name)).toEqual([CLIENT]);
    again.close();
    expect(await opens(dataDir, { passphrase: PP2 })).toBe(true);
    expect(await opens(dataDir, { code: answer.recoveryCode })).toBe(true);
    expect(await opens(dataDir, { code: recoveryCode })).toBe(false);
  });

  it('a crash before the new code is shown leaves the old code working', async () => {
    const dataDir = tempDir();
    const core = make(dataDir);
    const { recoveryCode } = await ok<{ recoveryCode: string }>(core, 'session.setup', { passphrase: PASSPHRASE });
    core.close();
    const next = make(dataDir);
    failRenameOf('recovery.next.json');
    const r = await next.dispatch('session.recover', { recoveryCode, next: PP1 });
    vi.restoreAllMocks();
    expect(r.ok).toBe(false); // the practitioner never saw a new code
    next.close();
    const again = make(dataDir);
    await ok(again, 'session.unlock', { passphrase: PP1 });
    const status = await ok<{ hasRecoveryCode: boolean }>(again, 'session.status');
    again.close();
    expect(status.hasRecoveryCode).toBe(true);
    expect(await opens(dataDir, { code: recoveryCode })).toBe(true);
  });

  it('a failure while saving the new code keeps the new passphrase and the old code, and says so', async () => {
    const dataDir = tempDir();
    const { recoveryCode } = session(dataDir).setup(PASSPHRASE);
    const s = session(dataDir);
    // The rekey's files are written (3 atomic writes: key file, recovery file); the new code's write fails.
    const realWrite = fs.writeSync;
    let writes = 0;
    vi.spyOn(fs, 'writeSync').mockImplementation(((...args: Parameters<typeof fs.writeSync>) => {
      if (++writes > 2) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return (realWrite as (...a: unknown[]) => number)(...args);
    }) as never);
    let error: unknown = null;
    try {
      s.recover(recoveryCode, PP1);
    } catch (err) {
      error = err;
    }
    vi.restoreAllMocks();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/new passphrase is set.*old recovery code still works/);
    expect(s.status().state).toBe('locked');
    expect(session(dataDir).unlock(PP1).state).toBe('unlocked');
    expect(session(dataDir).recover(recoveryCode, PP2).state).toBe('unlocked');
  });
});

describe('changePassphrase()', () => {
  it('does not carry a recovery file that does not seal the current key over to the new key', () => {
    const dataDir = tempDir();
    const s = session(dataDir);
    s.setup(PASSPHRASE);
    // A recovery file for other data (or a planted one): its code must not open the re-keyed data.
    const foreignCode = generateRecoveryCode();
    writeRecovery(path.join(dataDir, 'recovery.json'), createRecovery(generateDataKey(), foreignCode, FAST_SCRYPT));
    s.changePassphrase(PASSPHRASE, PP1);
    expect(s.status().hasRecoveryCode).toBe(false);
    s.close();
    expect(() => session(dataDir).recover(foreignCode, PP2)).toThrow();
    expect(session(dataDir).unlock(PP1).state).toBe('unlocked');
  });

  it('after a keychain unlock, finishes an interrupted change with the passphrase in force', () => {
    const dataDir = tempDir();
    let stored: Buffer | null = null;
    const vault = {
      kind: 'safeStorage' as const,
      backend: () => 'test_keychain',
      load: () => stored,
      save: (k: Buffer) => {
        stored = Buffer.from(k);
      },
      clear: () => {
        stored = null;
      },
    };
    const withVault = () => createSession({ dataDir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT, vault });
    const s = withVault();
    const { recoveryCode } = s.setup(PASSPHRASE);
    failRenameOf('keyring.next.json');
    expect(() => s.changePassphrase(PASSPHRASE, PP1)).toThrow('simulated crash');
    vi.restoreAllMocks();
    s.close();
    // The keychain holds the live key (saved before the crash, say); keyring.next.json is still pending.
    const pending = readKeyring(path.join(dataDir, 'keyring.next.json'));
    if (!pending) throw new Error('no pending key file');
    stored = unwrapWithPassphrase(pending, PP1);
    const again = withVault();
    expect(again.tryAutoUnlock()).toBe(true);
    // The passphrase in force is PP1 (in keyring.next.json); the one in keyring.json is stale.
    expect(() => again.changePassphrase(PASSPHRASE, PP2)).toThrow(/Wrong passphrase/);
    again.changePassphrase(PP1, PP2);
    again.close();
    expect(session(dataDir).unlock(PP2).state).toBe('unlocked');
    expect(session(dataDir).recover(recoveryCode, PASSPHRASE).state).toBe('unlocked');
  });
});

describe('setup()', () => {
  it('a set-up interrupted while writing its key files can simply be run again', () => {
    const dataDir = tempDir();
    diskFull();
    expect(() => session(dataDir).setup(PASSPHRASE)).toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    const s = session(dataDir);
    expect(s.status().state).toBe('needs-setup');
    const { recoveryCode } = s.setup(PASSPHRASE);
    s.close();
    expect(session(dataDir).unlock(PASSPHRASE).state).toBe('unlocked');
    expect(session(dataDir).recover(recoveryCode, PP1).state).toBe('unlocked');
  });

  it('a crash after the key files, before the database, is completed by unlock', () => {
    const dataDir = tempDir();
    const { recoveryCode } = session(dataDir).setup(PASSPHRASE);
    for (const f of fs.readdirSync(dataDir)) if (f.startsWith(DATABASE_FILE)) fs.rmSync(path.join(dataDir, f));
    expect(readRecovery(path.join(dataDir, 'recovery.json'))).not.toBeNull();
    const s = session(dataDir);
    expect(s.status().state).toBe('locked');
    expect(s.unlock(PASSPHRASE).state).toBe('unlocked');
    s.close();
    expect(session(dataDir).recover(recoveryCode, PP1).state).toBe('unlocked');
  });
});
