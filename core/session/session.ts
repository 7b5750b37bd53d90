import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../api/errors.ts';
import type { SessionStatus } from '../api/schemas.ts';
import { DATABASE_FILE, openDatabase, rekeyDatabase, type OpenedDatabase } from '../db/open.ts';
import {
  DEFAULT_SCRYPT,
  generateDataKey,
  KEYRING_FILE,
  KEYRING_NEXT_FILE,
  readKeyring,
  unwrapWithPassphrase,
  wrapWithPassphrase,
  writeKeyring,
  type ScryptParams,
} from '../keys/keyring.ts';
import type { Logger } from '../logging/log.ts';

export type HostKind = 'electron' | 'browser' | 'cli';

/**
 * A second way to keep the data key on this machine, used to unlock without the passphrase:
 * Electron's safeStorage (OS keychain). The passphrase wrap always exists as well, so losing the
 * keychain (new OS profile, changed keyring) never locks the practitioner out.
 */
export interface KeyVault {
  readonly kind: 'safeStorage';
  /** The OS backend in use (e.g. 'gnome_libsecret', 'keychain', 'dpapi'), or null if unavailable. */
  backend(): string | null;
  load(): Buffer | null;
  save(dek: Buffer): void;
  clear(): void;
}

export interface SessionOptions {
  dataDir: string;
  host: HostKind;
  log: Logger;
  vault?: KeyVault;
  migrationsDir?: string;
  /** Only tests lower this; the default is the documented production cost. */
  scrypt?: ScryptParams;
  onChange?: (status: SessionStatus) => void;
}

export interface Session {
  status(): SessionStatus;
  setup(passphrase: string): SessionStatus;
  unlock(passphrase: string): SessionStatus;
  /** Unlocks with the vault if one holds a key that opens the database. */
  tryAutoUnlock(): boolean;
  lock(): SessionStatus;
  changePassphrase(current: string, next: string): SessionStatus;
  /** The open database, or a `locked` error. */
  database(): OpenedDatabase;
  close(): void;
}

export function createSession(options: SessionOptions): Session {
  const { dataDir, host, log, vault } = options;
  const keyringPath = path.join(dataDir, KEYRING_FILE);
  const nextKeyringPath = path.join(dataDir, KEYRING_NEXT_FILE);
  const dbPath = path.join(dataDir, DATABASE_FILE);
  const scrypt = options.scrypt ?? DEFAULT_SCRYPT;
  let opened: OpenedDatabase | null = null;

  const status = (): SessionStatus => {
    const backend = vault?.backend() ?? null;
    const hasKeyring = fs.existsSync(keyringPath) || fs.existsSync(nextKeyringPath);
    return {
      state: opened ? 'unlocked' : hasKeyring ? 'locked' : 'needs-setup',
      keyProtection: backend && vault?.load() ? ['passphrase', 'safeStorage'] : ['passphrase'],
      safeStorageBackend: backend,
      host,
      dataDir,
    };
  };

  const changed = (): SessionStatus => {
    const s = status();
    options.onChange?.(s);
    return s;
  };

  const open = (dek: Buffer, create: boolean): void => {
    opened = openDatabase({
      file: dbPath,
      key: dek,
      create,
      ...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}),
    });
    log.info('database opened', { schemaVersion: opened.schemaVersion });
  };

  /**
   * Finds the data key for a passphrase. A keyring.next.json left by a passphrase change that was
   * interrupted between the rekey and the rename is tried too, and the change is completed.
   */
  const unlockWith = (passphrase: string): Buffer => {
    const current = readKeyring(keyringPath);
    const pending = readKeyring(nextKeyringPath);
    const candidates: { file: string; dek: Buffer }[] = [];
    let lastError: unknown = null;
    for (const [file, ring] of [
      [keyringPath, current],
      [nextKeyringPath, pending],
    ] as const) {
      if (!ring) continue;
      try {
        candidates.push({ file, dek: unwrapWithPassphrase(ring, passphrase) });
      } catch (err) {
        lastError = err;
      }
    }
    if (candidates.length === 0) {
      throw lastError ?? new AppError('locked', 'No passphrase has been set up yet.');
    }
    for (const candidate of candidates) {
      try {
        open(candidate.dek, !fs.existsSync(dbPath));
      } catch (err) {
        if (err instanceof AppError && err.code === 'not-a-database') {
          lastError = err;
          continue;
        }
        throw err;
      }
      if (candidate.file === nextKeyringPath) {
        fs.renameSync(nextKeyringPath, keyringPath);
        log.warn('completed an interrupted passphrase change');
      } else if (pending) {
        fs.rmSync(nextKeyringPath, { force: true });
      }
      return candidate.dek;
    }
    throw lastError;
  };

  return {
    status,

    setup(passphrase) {
      if (fs.existsSync(keyringPath) || fs.existsSync(nextKeyringPath)) {
        throw new AppError('already-set-up', 'A passphrase is already set for this data folder. Unlock it instead.');
      }
      if (fs.existsSync(dbPath)) {
        throw new AppError(
          'already-set-up',
          `There is a database in ${dataDir} but no key file for it. Restore keyring.json from a backup; nothing was changed.`,
        );
      }
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const dek = generateDataKey();
      open(dek, true);
      writeKeyring(keyringPath, wrapWithPassphrase(dek, passphrase, scrypt));
      if (vault?.backend()) vault.save(dek);
      log.info('data folder set up', { host });
      return changed();
    },

    unlock(passphrase) {
      if (opened) return status();
      if (!fs.existsSync(keyringPath) && !fs.existsSync(nextKeyringPath)) {
        throw new AppError('locked', 'This data folder has not been set up yet. Choose a passphrase first.');
      }
      const dek = unlockWith(passphrase);
      // The passphrase worked: refresh the keychain copy, which may be missing or stale.
      if (vault?.backend()) vault.save(dek);
      return changed();
    },

    tryAutoUnlock() {
      if (opened || !vault?.backend()) return Boolean(opened);
      const dek = vault.load();
      if (!dek || !fs.existsSync(dbPath)) return false;
      try {
        open(dek, false);
        changed();
        return true;
      } catch (err) {
        log.warn('keychain key did not open the database; asking for the passphrase', {
          code: err instanceof AppError ? err.code : 'error',
        });
        return false;
      }
    },

    lock() {
      if (opened) {
        opened.sqlite.close();
        opened = null;
        log.info('database locked');
      }
      return changed();
    },

    changePassphrase(current, next) {
      const db = opened;
      if (!db) throw new AppError('locked', 'Unlock the data before changing the passphrase.');
      const ring = readKeyring(keyringPath);
      if (!ring) throw new AppError('not-found', 'The key file is missing from the data folder.');
      unwrapWithPassphrase(ring, current); // throws wrong-passphrase
      // Rekey with a fresh data key. Order: new key file beside the old, rekey, then swap, so a crash
      // at any point leaves a key file that opens the database (unlockWith tries both).
      const newDek = generateDataKey();
      writeKeyring(nextKeyringPath, wrapWithPassphrase(newDek, next, scrypt));
      rekeyDatabase(db.sqlite, newDek);
      fs.renameSync(nextKeyringPath, keyringPath);
      if (vault?.backend()) vault.save(newDek);
      log.info('passphrase changed and database re-keyed');
      return changed();
    },

    database() {
      if (!opened) throw new AppError('locked', 'The data is locked. Enter your passphrase to unlock it.');
      return opened;
    },

    close() {
      if (opened) {
        opened.sqlite.close();
        opened = null;
      }
    },
  };
}
