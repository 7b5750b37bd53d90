import type { Logger } from '../../core/logging/log.ts';
import type { KeyVault } from '../../core/session/session.ts';

/**
 * The OS-keychain copy of the data key (a KeyVault for core/session). The 32-byte key is wrapped
 * with Electron's safeStorage and kept, base64, in a small store beside the backend that wrapped
 * it. The passphrase wrap in the data folder always exists too, so whenever this copy is missing,
 * stale or unreadable the app just asks for the passphrase.
 *
 * safeStorage and the store come in as parameters (typed by the members used here): this file
 * never loads `electron` or `electron-store`, so its logic is tested in plain Node.
 */

/**
 * The members of Electron's safeStorage used here. The synchronous calls are deprecated in favour
 * of the async ones, but KeyVault (and Session above it) is synchronous by design; moving to the
 * async API means making Session.status/unlock async first.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only; 'unknown' before app ready. */
  getSelectedStorageBackend(): string;
}

export interface StoredKey {
  /** safeStorage.encryptString(base64 of the key), base64. */
  wrappedKey: string;
  /** The backend that wrapped it; a different backend cannot unwrap it. */
  backend: string;
}

/** The persistent record (electron-store named 'keys' in userData in the app). */
export interface KeyStore {
  /** Whatever is on disk: fields are checked here, not trusted. */
  read(): { wrappedKey?: unknown; backend?: unknown };
  /** Writes both fields in one store write, so a crash never pairs a key with the wrong backend. */
  write(entry: StoredKey): void;
  clear(): void;
}

export interface SafeStorageVaultOptions {
  safeStorage: SafeStorageLike;
  store: KeyStore;
  platform: NodeJS.Platform;
  log: Logger;
}

const KEY_BYTES = 32;

/**
 * Which backend protects safeStorage here, or null when it protects nothing worth relying on.
 * Linux 'basic_text' is a key hard-coded in Chromium (plaintext-equivalent), and 'unknown' means
 * the backend could not be determined: both fall back to the passphrase alone.
 */
export function selectBackend(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  switch (platform) {
    case 'darwin':
      return 'keychain';
    case 'win32':
      return 'dpapi';
    case 'linux': {
      const backend = safeStorage.getSelectedStorageBackend();
      return backend === 'basic_text' || backend === 'unknown' ? null : backend;
    }
    default:
      return null;
  }
}

export function createSafeStorageVault(options: SafeStorageVaultOptions): KeyVault {
  const { safeStorage, store, platform, log } = options;
  const backend = (): string | null => selectBackend(safeStorage, platform);

  return {
    kind: 'safeStorage',
    backend,

    load() {
      const current = backend();
      if (!current) return null;
      const { wrappedKey, backend: recorded } = store.read();
      if (typeof wrappedKey !== 'string' || wrappedKey.length === 0) return null;
      if (recorded !== current) {
        // A keychain change (e.g. GNOME → KDE, or a copied profile) cannot unwrap the old copy.
        log.warn('keychain copy of the data key was made by another backend; using the passphrase', {
          recorded: typeof recorded === 'string' ? recorded : null,
          current,
        });
        return null;
      }
      try {
        const dek = Buffer.from(safeStorage.decryptString(Buffer.from(wrappedKey, 'base64')), 'base64');
        if (dek.length !== KEY_BYTES) {
          log.warn('keychain copy of the data key has the wrong length; using the passphrase', { bytes: dek.length });
          return null;
        }
        return dek;
      } catch (err) {
        // Only the error's type and Chromium's fixed message: nothing derived from the key is logged.
        log.warn('keychain copy of the data key could not be decrypted; using the passphrase', {
          backend: current,
          error: err instanceof Error ? err.message : typeof err,
        });
        return null;
      }
    },

    save(dek) {
      const current = backend();
      if (!current) return;
      if (dek.length !== KEY_BYTES) throw new Error('The data key has the wrong length.');
      const wrapped = safeStorage.encryptString(dek.toString('base64'));
      store.write({ wrappedKey: wrapped.toString('base64'), backend: current });
    },

    clear() {
      store.clear();
    },
  };
}
