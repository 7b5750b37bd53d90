import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logging/log.ts';
import { createSafeStorageVault, selectBackend, type KeyStore, type SafeStorageLike, type StoredKey } from './keys.ts';

/** A reversible stand-in for safeStorage; `failDecrypt` simulates a changed keyring. */
function fakeSafeStorage(init: { available?: boolean; backend?: string } = {}): SafeStorageLike & {
  available: boolean;
  linuxBackend: string;
  failDecrypt: boolean;
} {
  return {
    available: init.available ?? true,
    linuxBackend: init.backend ?? 'gnome_libsecret',
    failDecrypt: false,
    isEncryptionAvailable() {
      return this.available;
    },
    getSelectedStorageBackend() {
      return this.linuxBackend;
    },
    encryptString(plain) {
      return Buffer.concat([Buffer.from('v11'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
    },
    decryptString(encrypted) {
      if (this.failDecrypt)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
}

/** What is on disk is untrusted, so the fake's record may hold anything. */
function memoryStore(): KeyStore & { data: { wrappedKey?: unknown; backend?: unknown }; writes: number } {
  return {
    data: {},
    writes: 0,
    read() {
      return { wrappedKey: this.data.wrappedKey, backend: this.data.backend };
    },
    write(entry: StoredKey) {
      this.writes++;
      this.data = { ...entry };
    },
    clear() {
      this.data = {};
    },
  };
}

function setup(platform: NodeJS.Platform = 'linux', init: { available?: boolean; backend?: string } = {}) {
  const lines: string[] = [];
  const safeStorage = fakeSafeStorage(init);
  const store = memoryStore();
  const vault = createSafeStorageVault({ safeStorage, store, platform, log: createLogger((l) => lines.push(l)) });
  return { vault, safeStorage, store, lines };
}

describe('selectBackend', () => {
  it('names the platform backend', () => {
    expect(selectBackend(fakeSafeStorage(), 'darwin')).toBe('keychain');
    expect(selectBackend(fakeSafeStorage(), 'win32')).toBe('dpapi');
    expect(selectBackend(fakeSafeStorage({ backend: 'kwallet6' }), 'linux')).toBe('kwallet6');
  });

  it('is null when encryption is unavailable, plaintext-equivalent or undetermined', () => {
    expect(selectBackend(fakeSafeStorage({ available: false }), 'darwin')).toBeNull();
    expect(selectBackend(fakeSafeStorage({ backend: 'basic_text' }), 'linux')).toBeNull();
    expect(selectBackend(fakeSafeStorage({ backend: 'unknown' }), 'linux')).toBeNull();
    expect(selectBackend(fakeSafeStorage(), 'freebsd')).toBeNull();
  });
});

describe('createSafeStorageVault', () => {
  it('round-trips the key and records the backend beside it', () => {
    const { vault, store } = setup();
    const dek = randomBytes(32);
    vault.save(dek);
    expect(store.data.backend).toBe('gnome_libsecret');
    expect(store.data.wrappedKey).not.toContain(dek.toString('base64'));
    expect(vault.load()?.equals(dek)).toBe(true);
  });

  it('saves nothing and loads nothing on basic_text', () => {
    const { vault, store, safeStorage } = setup('linux', { backend: 'basic_text' });
    expect(vault.backend()).toBeNull();
    vault.save(randomBytes(32));
    expect(store.writes).toBe(0);
    safeStorage.linuxBackend = 'gnome_libsecret';
    vault.save(randomBytes(32));
    safeStorage.linuxBackend = 'basic_text';
    expect(vault.load()).toBeNull();
  });

  it('ignores a copy made by another backend, with a warning', () => {
    const { vault, safeStorage, lines } = setup();
    vault.save(randomBytes(32));
    safeStorage.linuxBackend = 'kwallet5';
    expect(vault.load()).toBeNull();
    expect(lines.join('\n')).toMatch(/another backend/);
  });

  it('returns null when decryption throws, and never logs the key', () => {
    const { vault, safeStorage, store, lines } = setup('darwin');
    const dek = randomBytes(32);
    vault.save(dek);
    safeStorage.failDecrypt = true;
    expect(vault.load()).toBeNull();
    const log = lines.join('\n');
    expect(log).toMatch(/could not be decrypted/);
    expect(log).not.toContain(dek.toString('base64'));
    expect(log).not.toContain(dek.toString('hex'));
    expect(log).not.toContain(String(store.data.wrappedKey));
  });

  it('returns null for a missing, damaged or wrong-length record', () => {
    const { vault, store, safeStorage } = setup();
    expect(vault.load()).toBeNull();
    store.data = { wrappedKey: 42, backend: 'gnome_libsecret' };
    expect(vault.load()).toBeNull();
    store.data = {
      wrappedKey: safeStorage.encryptString(randomBytes(16).toString('base64')).toString('base64'),
      backend: 'gnome_libsecret',
    };
    expect(vault.load()).toBeNull();
  });

  it('clears the record', () => {
    const { vault } = setup('win32');
    vault.save(randomBytes(32));
    vault.clear();
    expect(vault.load()).toBeNull();
  });

  it('refuses to save a key of the wrong length', () => {
    const { vault } = setup();
    expect(() => vault.save(randomBytes(31))).toThrow();
  });
});
