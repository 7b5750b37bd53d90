import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../api/errors.ts';
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
    const dir = tempDir();
    const s = make(dir);
    s.setup(PASS);
    // Simulate a crash between the rekey and the key-file swap: the database is under the new key,
    // keyring.json still wraps the old one and keyring.next.json the new one.
    const old = readKeyring(path.join(dir, 'keyring.json'));
    s.changePassphrase(PASS, 'the new passphrase');
    s.close();
    fs.renameSync(path.join(dir, 'keyring.json'), path.join(dir, 'keyring.next.json'));
    if (!old) throw new Error('no keyring');
    writeKeyring(path.join(dir, 'keyring.json'), old);
    const again = make(dir);
    expect(again.unlock('the new passphrase').state).toBe('unlocked');
    expect(fs.existsSync(path.join(dir, 'keyring.next.json'))).toBe(false);
    again.close();
    expect(make(dir).unlock('the new passphrase').state).toBe('unlocked');
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
    expect(() => make(dir).unlock(PASS)).toThrow(/not a BioAI Nutrition key file, or it is damaged/);
    fs.writeFileSync(path.join(dir, 'keyring.json'), '{not json');
    expect(() => make(dir).unlock(PASS)).toThrow(/damaged \(not valid JSON\)/);
  });
});

describe('keyring', () => {
  it('wraps with the production scrypt cost by default and records it', () => {
    const ring = wrapWithPassphrase(Buffer.alloc(32, 1), PASS);
    expect(ring.passphrase).toMatchObject({ kdf: 'scrypt', N: 131072, r: 8, p: 1 });
    expect(ring.passphrase.wrapped).not.toContain(Buffer.alloc(32, 1).toString('base64'));
  });
});
