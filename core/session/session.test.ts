import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { readKeyring, wrapWithPassphrase, writeKeyring } from '../keys/keyring.ts';
import { silentLogger } from '../logging/log.ts';
import { FAST_SCRYPT } from '../test-utils/core-harness.ts';
import { tempDir } from '../test-utils/temp-dir.ts';
import { createSession, type KeyVault } from './session.ts';

const PASS = 'a long enough passphrase';
const make = (dataDir: string, vault?: KeyVault) =>
  createSession({ dataDir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT, ...(vault ? { vault } : {}) });

function memoryVault(backend: string | null = 'test_keychain'): KeyVault & { stored: Buffer | null } {
  const v = {
    kind: 'safeStorage' as const,
    stored: null as Buffer | null,
    backend: () => backend,
    load: () => v.stored,
    save: (k: Buffer) => {
      v.stored = Buffer.from(k);
    },
    clear: () => {
      v.stored = null;
    },
  };
  return v;
}

const errorCode = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : `not-app-error: ${String(err)}`;
  }
  return 'no error';
};

/**
 * A data folder left by a crash between a passphrase change's rekey and its key-file swap: the database
 * is under the new passphrase's key, keyring.json still wraps the old key and keyring.next.json the new.
 */
function interruptedPassphraseChange(): string {
  const dir = tempDir();
  const s = make(dir);
  s.setup(PASS);
  const old = readKeyring(path.join(dir, 'keyring.json'));
  s.changePassphrase(PASS, 'the new passphrase');
  s.close();
  fs.renameSync(path.join(dir, 'keyring.json'), path.join(dir, 'keyring.next.json'));
  if (!old) throw new Error('no keyring');
  writeKeyring(path.join(dir, 'keyring.json'), old);
  return dir;
}

describe('session', () => {
  it('goes needs-setup → unlocked → locked → unlocked with the passphrase', () => {
    const dir = tempDir();
    const s = make(dir);
    expect(s.status().state).toBe('needs-setup');
    expect(s.setup(PASS).state).toBe('unlocked');
    expect(fs.statSync(path.join(dir, 'keyring.json')).mode & 0o777).toBe(0o600);
    expect(s.lock().state).toBe('locked');
    expect(errorCode(() => s.database())).toBe('locked');
    expect(s.unlock(PASS).state).toBe('unlocked');
    s.close();
  });

  it('rejects a wrong passphrase with a clear message and stays locked', () => {
    const dir = tempDir();
    make(dir).setup(PASS);
    const s = make(dir);
    expect(() => s.unlock('not the passphrase')).toThrow('Wrong passphrase, or not a BioAI Nutrition database.');
    expect(s.status().state).toBe('locked');
  });

  it('refuses a second setup, and a setup over a database without its key file', () => {
    const dir = tempDir();
    const s = make(dir);
    s.setup(PASS);
    expect(errorCode(() => s.setup(PASS))).toBe('already-set-up');
    s.close();
    fs.rmSync(path.join(dir, 'keyring.json'));
    expect(errorCode(() => make(dir).setup(PASS))).toBe('already-set-up');
  });

  it('changes the passphrase by re-keying the database: the old one stops working', () => {
    const dir = tempDir();
    const s = make(dir);
    s.setup(PASS);
    s.database().sqlite.exec('CREATE TABLE keep (x)');
    expect(errorCode(() => s.changePassphrase('wrong current pass', 'the new passphrase'))).toBe('wrong-passphrase');
    s.changePassphrase(PASS, 'the new passphrase');
    s.close();
    const again = make(dir);
    expect(() => again.unlock(PASS)).toThrow(/Wrong passphrase/);
    again.unlock('the new passphrase');
    expect(again.database().sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'keep'").get()).toBeTruthy();
    again.close();
  });

  it('finishes a passphrase change that was interrupted after the rekey', () => {
    const dir = interruptedPassphraseChange();
    const again = make(dir);
    expect(again.unlock('the new passphrase').state).toBe('unlocked');
    expect(fs.existsSync(path.join(dir, 'keyring.next.json'))).toBe(false);
    again.close();
    expect(make(dir).unlock('the new passphrase').state).toBe('unlocked');
  });

  it('unlockAsync derives the key off the event loop, with the same results and errors as unlock', async () => {
    const dir = tempDir();
    make(dir).setup(PASS);
    const s = make(dir);
    await expect(s.unlockAsync('not the passphrase')).rejects.toThrow(/Wrong passphrase/);
    expect(s.status().state).toBe('locked');
    // The event loop turns while scrypt runs: a callback queued after the call runs before it settles.
    let settled = false;
    let turnedWhileUnlocking = false;
    const unlocking = s.unlockAsync(PASS).finally(() => (settled = true));
    setImmediate(() => (turnedWhileUnlocking = !settled));
    expect((await unlocking).state).toBe('unlocked');
    expect(turnedWhileUnlocking).toBe(true);
    // A second call while open answers the status, as unlock does.
    expect((await s.unlockAsync('not the passphrase')).state).toBe('unlocked');
    s.close();
  });

  it('unlockAsync finishes a passphrase change that was interrupted after the rekey', async () => {
    const dir = interruptedPassphraseChange();
    const again = make(dir);
    expect((await again.unlockAsync('the new passphrase')).state).toBe('unlocked');
    expect(fs.existsSync(path.join(dir, 'keyring.next.json'))).toBe(false);
    again.close();
  });

  it('unlocks through the keychain vault, and falls back to the passphrase when the vault key is wrong', () => {
    const dir = tempDir();
    const vault = memoryVault();
    const s = make(dir, vault);
    s.setup(PASS);
    expect(vault.stored).not.toBeNull();
    expect(s.status().keyProtection).toEqual(['passphrase', 'safeStorage']);
    s.close();
    const auto = make(dir, vault);
    expect(auto.tryAutoUnlock()).toBe(true);
    auto.close();
    vault.stored = Buffer.alloc(32, 7);
    const fallback = make(dir, vault);
    expect(fallback.tryAutoUnlock()).toBe(false);
    expect(fallback.status().state).toBe('locked');
    fallback.unlock(PASS);
    // The passphrase unlock repaired the keychain copy.
    fallback.close();
    expect(make(dir, vault).tryAutoUnlock()).toBe(true);
  });

  it('uses the passphrase alone when the keychain backend is unavailable', () => {
    const dir = tempDir();
    const vault = memoryVault(null);
    const s = make(dir, vault);
    s.setup(PASS);
    expect(vault.stored).toBeNull();
    expect(s.status().keyProtection).toEqual(['passphrase']);
    s.close();
  });

  it('explains a damaged key file instead of crashing', () => {
    const dir = tempDir();
    make(dir).setup(PASS);
    fs.writeFileSync(path.join(dir, 'keyring.json'), '{"format": "something else"}');
    expect(() => make(dir).unlock(PASS)).toThrow(/damaged or is not a BioAI Nutrition key file/);
    fs.writeFileSync(path.join(dir, 'keyring.json'), '{not json');
    expect(() => make(dir).unlock(PASS)).toThrow(/key file keyring.json is damaged/);
  });
});

describe('keyring', () => {
  it('wraps with the production scrypt cost by default and records it', () => {
    const ring = wrapWithPassphrase(Buffer.alloc(32, 1), PASS);
    expect(ring.passphrase).toMatchObject({ kdf: 'scrypt', N: 131072, r: 8, p: 1 });
    expect(ring.passphrase.wrapped).not.toContain(Buffer.alloc(32, 1).toString('base64'));
  });
});

describe('recovery code', () => {
  const CODE = /^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/;
  const NEXT = 'a brand new passphrase';

  it('is issued once at setup and opens the data when the key file and the keychain are both lost', () => {
    const dir = tempDir();
    const vault = memoryVault();
    const s = make(dir, vault);
    const { recoveryCode } = s.setup(PASS);
    expect(recoveryCode).toMatch(CODE);
    expect(s.status()).not.toHaveProperty('recoveryCode');
    expect(s.status().hasRecoveryCode).toBe(true);
    s.database().sqlite.exec("CREATE TABLE keep (x); INSERT INTO keep VALUES ('still here')");
    s.close();
    // The code is stored nowhere in the data folder.
    for (const f of fs.readdirSync(dir)) {
      if (fs.statSync(path.join(dir, f)).isFile()) {
        expect(fs.readFileSync(path.join(dir, f)).toString('latin1')).not.toContain(recoveryCode.replace(/-/g, ''));
      }
    }
    // New OS profile: no keychain backend; and the key file is gone.
    fs.rmSync(path.join(dir, 'keyring.json'));
    const lost = make(dir, memoryVault(null));
    expect(lost.tryAutoUnlock()).toBe(false);
    expect(lost.status().state).toBe('locked');
    expect(() => lost.unlock(PASS)).toThrow(/Use your recovery code/);
    expect(errorCode(() => lost.recover('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', NEXT))).toBe('bad-recovery-code');
    expect(() => lost.recover('not a code', NEXT)).toThrow(/does not open the data/);
    // Lower case and without dashes is accepted too.
    const answer = lost.recover(recoveryCode.toLowerCase().replace(/-/g, ' '), NEXT);
    expect(answer.state).toBe('unlocked');
    expect(answer.recoveryCode).toMatch(CODE);
    expect(answer.recoveryCode).not.toBe(recoveryCode);
    expect(lost.database().sqlite.prepare('SELECT x FROM keep').get()).toEqual({ x: 'still here' });
    lost.close();
    // The old code stopped working; the new passphrase and the new code open the data.
    expect(errorCode(() => make(dir).recover(recoveryCode, NEXT))).toBe('bad-recovery-code');
    const again = make(dir);
    expect(again.unlock(NEXT).state).toBe('unlocked');
    again.close();
    expect(make(dir).recover(answer.recoveryCode, PASS).state).toBe('unlocked');
  });

  it('opens the data when the key file was replaced by one for other data (a changed keyring)', () => {
    const dir = tempDir();
    const { recoveryCode } = make(dir).setup(PASS);
    writeKeyring(path.join(dir, 'keyring.json'), wrapWithPassphrase(Buffer.alloc(32, 9), PASS, FAST_SCRYPT));
    const s = make(dir);
    expect(errorCode(() => s.unlock(PASS))).toBe('not-a-database');
    expect(s.recover(recoveryCode, NEXT).state).toBe('unlocked');
    s.close();
    expect(make(dir).unlock(NEXT).state).toBe('unlocked');
  });

  it('keeps working across a passphrase change (which re-keys the database)', () => {
    const dir = tempDir();
    const s = make(dir);
    const { recoveryCode } = s.setup(PASS);
    s.changePassphrase(PASS, 'the second passphrase');
    s.close();
    expect(make(dir).recover(recoveryCode, NEXT).state).toBe('unlocked');
  });

  it('is replaced by session.newRecoveryCode, which needs the passphrase', () => {
    const dir = tempDir();
    const s = make(dir);
    const first = s.setup(PASS).recoveryCode;
    expect(errorCode(() => s.newRecoveryCode('wrong passphrase'))).toBe('wrong-passphrase');
    const { recoveryCode } = s.newRecoveryCode(PASS);
    expect(recoveryCode).not.toBe(first);
    s.close();
    expect(errorCode(() => make(dir).recover(first, NEXT))).toBe('bad-recovery-code');
    expect(make(dir).recover(recoveryCode, NEXT).state).toBe('unlocked');
  });

  it('finishes a recovery-file update interrupted after the rekey', () => {
    const dir = tempDir();
    const s = make(dir);
    const { recoveryCode } = s.setup(PASS);
    const oldRecovery = fs.readFileSync(path.join(dir, 'recovery.json'));
    s.changePassphrase(PASS, 'the new passphrase');
    s.close();
    // Crash between the two renames: recovery.json still seals the old key.
    fs.renameSync(path.join(dir, 'recovery.json'), path.join(dir, 'recovery.next.json'));
    fs.writeFileSync(path.join(dir, 'recovery.json'), oldRecovery);
    const again = make(dir);
    again.unlock('the new passphrase');
    again.close();
    expect(fs.existsSync(path.join(dir, 'recovery.next.json'))).toBe(false);
    expect(make(dir).recover(recoveryCode, NEXT).state).toBe('unlocked');
  });
});
