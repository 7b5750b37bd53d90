import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors.ts';
import type { SessionStatus } from '../contract/session.ts';
import { DATABASE_FILE, damagedError, openDatabase, rekeyDatabase, type OpenedDatabase } from '../db/open.ts';
import { keyMatchesFile } from '../db/cipher-pages.ts';
import { clearDamageMarker, readDamageMarker, writeDamageMarker, type DamageMarker } from '../db/damage-marker.ts';
import { checkIntegrityInBackground } from '../db/integrity.ts';
import {
  DEFAULT_SCRYPT,
  generateDataKey,
  KEYRING_FILE,
  KEYRING_NEXT_FILE,
  readKeyring,
  sameKey,
  unwrapWithPassphrase,
  unwrapWithPassphraseAsync,
  wrapWithPassphrase,
  writeKeyring,
  type ScryptParams,
} from '../keys/keyring.ts';
import {
  createRecovery,
  generateRecoveryCode,
  openRecovery,
  readRecovery,
  RECOVERY_FILE,
  RECOVERY_NEXT_FILE,
  recoverySeals,
  resealRecovery,
  writeRecovery,
} from '../keys/recovery.ts';
import { applyPendingRestore } from '../backup/swap.ts';
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
  /**
   * The background integrity check after unlock: the worker entry where the sources are not shipped
   * (Electron bundles it), or false to skip it (the CLI's commands are too short to wait for it).
   */
  integrityCheck?: { workerPath?: string } | false;
  /** The clock for damage records (tests pass a fake one). */
  now?: () => number;
}

/** A status answer that also carries a new recovery code: shown once, never stored or logged. */
export type WithRecoveryCode = SessionStatus & { recoveryCode: string };

export interface Session {
  status(): SessionStatus;
  setup(passphrase: string): WithRecoveryCode;
  unlock(passphrase: string): SessionStatus;
  /** unlock with the passphrase's scrypt run off the event loop (hosts that keep serving meanwhile). */
  unlockAsync(passphrase: string): Promise<SessionStatus>;
  /** Unlocks with the vault if one holds a key that opens the database. */
  tryAutoUnlock(): boolean;
  lock(): SessionStatus;
  changePassphrase(current: string, next: string): SessionStatus;
  /** Opens the data with the recovery code and sets a new passphrase; issues a new code (the old one stops). */
  recover(recoveryCode: string, next: string): WithRecoveryCode;
  /** Replaces the recovery code (the old one stops working); needs the passphrase. */
  newRecoveryCode(passphrase: string): { recoveryCode: string };
  /**
   * Closes the database, runs `swap` (which replaces the files in the data folder) and opens the
   * result with `dek`. Used by backup restore; on failure to open, the session stays locked.
   */
  replaceData(swap: () => void, dek: Buffer): SessionStatus;
  /**
   * The data key of the open database (a `locked` error when none is open). Backup restore re-keys
   * the restored database to it, so the passphrase and recovery code in force keep opening the data.
   */
  dataKey(): Buffer;
  /** The open database, or a `locked` error. */
  database(): OpenedDatabase;
  /** Records that the database was seen damaged (kept across launches until resolved); updates the status. */
  markDamaged(source: DamageMarker['source'], detail: string): void;
  /**
   * The data key that opens this folder's database, checked with the passphrase or recovery code (the
   * key files' wraps are authenticated), without opening the database. For salvage and restore of a
   * damaged database; a wrong secret gets the same errors as unlock and recover.
   */
  verifiedKey(secret: { passphrase: string } | { recoveryCode: string }): Buffer;
  /**
   * Like replaceData, for resolving damage: `swap` puts a good database in place (the damaged one is
   * kept aside), the damage record is cleared once it opens.
   */
  resolveDamage(swap: () => void, dek: Buffer): SessionStatus;
  /** Resolves when the background integrity check started at the last unlock ends (tests wait on it). */
  integrityChecked(): Promise<void>;
  close(): void;
}

export function createSession(options: SessionOptions): Session {
  const { dataDir, host, log, vault } = options;
  const keyringPath = path.join(dataDir, KEYRING_FILE);
  const nextKeyringPath = path.join(dataDir, KEYRING_NEXT_FILE);
  const dbPath = path.join(dataDir, DATABASE_FILE);
  const recoveryPath = path.join(dataDir, RECOVERY_FILE);
  const nextRecoveryPath = path.join(dataDir, RECOVERY_NEXT_FILE);
  // A restore that was interrupted after its files were staged and checked is finished first.
  if (applyPendingRestore(dataDir)) log.warn('completed an interrupted backup restore');
  const scrypt = options.scrypt ?? DEFAULT_SCRYPT;
  let opened: OpenedDatabase | null = null;
  /** The key `opened` is under. */
  let openedKey: Buffer | null = null;
  const now = options.now ?? Date.now;
  let integrity: SessionStatus['integrityCheck'] = null;
  let integrityRun: Promise<void> = Promise.resolve();
  /** Bumped at every open and close, so a check that ends after a lock or a swap reports nothing. */
  let generation = 0;

  const status = (): SessionStatus => {
    const backend = vault?.backend() ?? null;
    const hasRecovery = fs.existsSync(recoveryPath) || fs.existsSync(nextRecoveryPath);
    // With the key file lost, the recovery file still makes this a locked (recoverable) folder.
    const hasKeyring =
      fs.existsSync(keyringPath) || fs.existsSync(nextKeyringPath) || (hasRecovery && fs.existsSync(dbPath));
    const damage = readDamageMarker(dataDir);
    return {
      state: opened ? 'unlocked' : damage && hasKeyring ? 'damaged' : hasKeyring ? 'locked' : 'needs-setup',
      keyProtection: backend && vault?.load() ? ['passphrase', 'safeStorage'] : ['passphrase'],
      safeStorageBackend: backend,
      host,
      dataDir,
      hasRecoveryCode: hasRecovery,
      damage,
      integrityCheck: opened ? integrity : null,
    };
  };

  const changed = (): SessionStatus => {
    const s = status();
    options.onChange?.(s);
    return s;
  };

  const open = (dek: Buffer, create: boolean): void => {
    // A folder (or database file) that cannot be written is opened for reading: the data stays
    // readable, and every write is refused with a `read-only` error naming the folder.
    const readOnly = !create && !writable();
    opened = openDatabase({
      file: dbPath,
      key: dek,
      create,
      readOnly,
      ...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}),
    });
    openedKey = Buffer.from(dek);
    generation++;
    log.info('database opened', { schemaVersion: opened.schemaVersion, readOnly });
    startIntegrityCheck(dek);
  };

  /** Whether the data folder and the database file in it can be written (a read-only disk, modes). */
  const writable = (): boolean => {
    try {
      fs.accessSync(dataDir, fs.constants.W_OK);
      if (fs.existsSync(dbPath)) fs.accessSync(dbPath, fs.constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };

  /** The integrity check runs after the open, in a worker; a problem found is recorded as damage. */
  const startIntegrityCheck = (dek: Buffer): void => {
    if (options.integrityCheck === false || !fs.existsSync(dbPath)) return;
    const mine = generation;
    integrity = 'running';
    const workerPath = options.integrityCheck?.workerPath;
    integrityRun = checkIntegrityInBackground(dbPath, dek, workerPath).then((r) => {
      if (mine !== generation) return;
      integrity = r.result;
      if (r.result === 'damaged') {
        log.error('background integrity check found damage');
        markDamaged('integrity-check', r.detail);
      } else {
        if (r.result === 'failed') log.warn('background integrity check could not run', { detail: r.detail });
        changed();
      }
    });
  };

  const markDamaged = (source: DamageMarker['source'], detail: string): void => {
    try {
      writeDamageMarker(dataDir, { detectedAt: now(), source, detail: detail.slice(0, 500) });
    } catch (err) {
      log.error('could not record the damage marker', { code: (err as NodeJS.ErrnoException).code ?? 'error' });
    }
    changed();
  };

  /** Throws the damaged error when the folder is marked damaged (after the secret was checked). */
  const refuseIfDamaged = (): void => {
    const marker = readDamageMarker(dataDir);
    if (marker) throw damagedError(marker.detail);
  };

  /**
   * After keys that were unwrapped with the right secret (authenticated wraps) all got NOTADB from
   * the database: if one of them authenticates the file's other pages, page 1 is damaged; otherwise
   * the key files belong to other data. Returns the error to throw (and records the damage).
   */
  const judgeNotADatabase = (keys: Buffer[], wrongKeyError: AppError): AppError => {
    const extra = vault?.backend() ? vault.load() : null;
    const all = extra ? [...keys, extra] : keys;
    if (all.some((k) => keyMatchesFile(dbPath, k) === 'match')) {
      const detail = 'its first page (the table of contents) does not read back, although the key is right.';
      markDamaged('open', detail);
      return damagedError(detail);
    }
    return wrongKeyError;
  };

  /** An open that failed with database-damaged is recorded, so it persists until resolved. */
  const recordIfDamaged = (err: unknown): void => {
    if (err instanceof AppError && err.code === 'database-damaged')
      markDamaged('open', 'a part of it does not read back.');
  };

  const closeDb = (): void => {
    generation++;
    if (opened) {
      opened.sqlite.close();
      opened = null;
    }
    openedKey = null;
  };

  /**
   * After the database opened with `dek`: keeps the recovery file that seals this key. A
   * recovery.next.json left by an interrupted re-key is moved into place if it seals `dek`, or
   * removed if it does not.
   */
  const settleRecovery = (dek: Buffer): void => {
    let pending = null;
    try {
      pending = readRecovery(nextRecoveryPath);
    } catch {
      // A damaged leftover is just discarded below.
    }
    if (pending && recoverySeals(pending, dek)) {
      fs.renameSync(nextRecoveryPath, recoveryPath);
      log.warn('completed an interrupted recovery-file update');
    } else if (fs.existsSync(nextRecoveryPath)) {
      fs.rmSync(nextRecoveryPath, { force: true });
    }
  };

  /**
   * Re-keys the open database with a fresh data key under `passphrase`. Order: new key file (and
   * recovery file) beside the old, rekey, then swap, so a crash at any point leaves files that open
   * the database (unlockWith tries both, settleRecovery picks the matching recovery file).
   * The recovery key pair is kept (the same code keeps working), but only when recovery.json seals
   * the key the database is under now: a recovery file for other data (or a planted one) is not
   * carried over to the new key; it is removed after the rekey and the status then says there is no
   * recovery code, so the practitioner issues a new one. A new code is never issued here (see
   * issueRecoveryCode), so a crash can never leave a code nobody was shown.
   *
   * Callers settle interrupted changes first (unlockWith, settleKeyring, settleRecovery), so the
   * .next files overwritten here never hold the only wrap of the current key.
   */
  const rekeyWith = (db: OpenedDatabase, oldDek: Buffer, passphrase: string): Buffer => {
    const newDek = generateDataKey();
    writeKeyring(nextKeyringPath, wrapWithPassphrase(newDek, passphrase, scrypt));
    let current = null;
    try {
      current = readRecovery(recoveryPath);
    } catch {
      // A damaged recovery file is not carried over (removed below).
    }
    const keepRecovery = current !== null && recoverySeals(current, oldDek);
    if (current && keepRecovery) writeRecovery(nextRecoveryPath, resealRecovery(current, newDek));
    else fs.rmSync(nextRecoveryPath, { force: true });
    rekeyDatabase(db.sqlite, newDek);
    openedKey = Buffer.from(newDek);
    // A background check started at the open reads the file with the old key: after the rekey it
    // cannot open it (or reads a file half rewritten), so its answer says nothing about this file.
    // It is disowned and the check runs again under the new key.
    generation++;
    startIntegrityCheck(newDek);
    fs.renameSync(nextKeyringPath, keyringPath);
    if (keepRecovery) {
      fs.renameSync(nextRecoveryPath, recoveryPath);
    } else if (fs.existsSync(recoveryPath)) {
      fs.rmSync(recoveryPath, { force: true });
      log.warn('the recovery file did not seal this data key; it was removed (issue a new recovery code)');
    }
    if (vault?.backend()) vault.save(newDek);
    return newDek;
  };

  /** A new recovery code (new key pair) sealing `dek`, written in one atomic step; the old code stops. */
  const issueRecoveryCode = (dek: Buffer): string => {
    const recoveryCode = generateRecoveryCode();
    writeRecovery(recoveryPath, createRecovery(dek, recoveryCode, scrypt));
    fs.rmSync(nextRecoveryPath, { force: true });
    return recoveryCode;
  };

  /**
   * Checks `passphrase` against the key files for the open database's key, and completes a
   * passphrase change interrupted before keyring.next.json was renamed (after a keychain unlock,
   * which does not know the passphrase). Throws `wrong-passphrase` when neither file wraps that key
   * under this passphrase.
   */
  const settleKeyring = (passphrase: string, dek: Buffer): void => {
    const current = readKeyring(keyringPath);
    let pending = null;
    try {
      pending = readKeyring(nextKeyringPath);
    } catch {
      // A damaged leftover cannot be the only wrap: the current file is checked below.
    }
    const wraps = (ring: typeof current): boolean => {
      if (!ring) return false;
      try {
        return sameKey(unwrapWithPassphrase(ring, passphrase), dek);
      } catch {
        return false;
      }
    };
    if (pending && wraps(pending)) {
      fs.renameSync(nextKeyringPath, keyringPath);
      log.warn('completed an interrupted passphrase change');
      return;
    }
    if (!current && !pending) throw new AppError('not-found', 'The key file is missing from the data folder.');
    if (!wraps(current)) {
      throw new AppError('wrong-passphrase', 'Wrong passphrase, or not a BioAI Nutrition database.');
    }
  };

  type Unwrapped = { file: string; dek: Buffer } | { file: string; error: unknown };
  const keyrings = () =>
    [
      [keyringPath, readKeyring(keyringPath)],
      [nextKeyringPath, readKeyring(nextKeyringPath)],
    ] as const;
  const unwrapAll = (passphrase: string): Unwrapped[] =>
    keyrings().flatMap(([file, ring]): Unwrapped[] => {
      if (!ring) return [];
      try {
        return [{ file, dek: unwrapWithPassphrase(ring, passphrase) }];
      } catch (error) {
        return [{ file, error }];
      }
    });
  const unwrapAllAsync = async (passphrase: string): Promise<Unwrapped[]> =>
    Promise.all(
      keyrings().flatMap(([file, ring]) =>
        ring
          ? [
              unwrapWithPassphraseAsync(ring, passphrase).then(
                (dek): Unwrapped => ({ file, dek }),
                (error: unknown): Unwrapped => ({ file, error }),
              ),
            ]
          : [],
      ),
    );
  const refuseWithoutKeyring = (): void => {
    if (fs.existsSync(keyringPath) || fs.existsSync(nextKeyringPath)) return;
    if (fs.existsSync(dbPath) && (fs.existsSync(recoveryPath) || fs.existsSync(nextRecoveryPath))) {
      throw new AppError(
        'not-found',
        `The key file (keyring.json) is missing from the data folder. Use your recovery code to open the data and choose a new passphrase${host === 'cli' ? ' (run "bioai recover")' : ''}.`,
      );
    }
    throw new AppError('locked', 'This data folder has not been set up yet. Choose a passphrase first.');
  };
  /**
   * Opens the database with the first key a passphrase unwrapped. A keyring.next.json left by a passphrase change that was
   * interrupted between the rekey and the rename is tried too, and the change is completed.
   */
  const unlockWith = (unwrapped: Unwrapped[]): Buffer => {
    const pending = unwrapped.some((u) => u.file === nextKeyringPath);
    const candidates: { file: string; dek: Buffer }[] = [];
    let lastError: unknown = null;
    for (const u of unwrapped) {
      if ('dek' in u) candidates.push(u);
      else lastError = u.error;
    }
    if (candidates.length === 0) {
      throw lastError ?? new AppError('locked', 'No passphrase has been set up yet.');
    }
    // The passphrase is right (the wraps are authenticated); a folder marked damaged stays so.
    refuseIfDamaged();
    for (const candidate of candidates) {
      try {
        open(candidate.dek, !fs.existsSync(dbPath));
      } catch (err) {
        if (err instanceof AppError && err.code === 'not-a-database') continue;
        recordIfDamaged(err);
        throw err;
      }
      if (candidate.file === nextKeyringPath) {
        fs.renameSync(nextKeyringPath, keyringPath);
        log.warn('completed an interrupted passphrase change');
      } else if (pending) {
        fs.rmSync(nextKeyringPath, { force: true });
      }
      settleRecovery(candidate.dek);
      return candidate.dek;
    }
    throw judgeNotADatabase(
      candidates.map((c) => c.dek),
      new AppError(
        'not-a-database',
        'Your passphrase is right, but the key file (keyring.json) does not open this database: they belong to different data. Put back the key file that belongs with this database, or use your recovery code.',
      ),
    );
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
      // Key files first, database last: a crash in between leaves a key file without a database,
      // which unlock completes (it creates the database), never a database no key opens. A failure
      // here undoes the partial set-up so that setup can simply be run again.
      try {
        writeKeyring(keyringPath, wrapWithPassphrase(dek, passphrase, scrypt));
        const recoveryCode = generateRecoveryCode();
        writeRecovery(recoveryPath, createRecovery(dek, recoveryCode, scrypt));
        open(dek, true);
        if (vault?.backend()) vault.save(dek);
        log.info('data folder set up', { host });
        return { ...changed(), recoveryCode };
      } catch (err) {
        closeDb();
        for (const file of [keyringPath, recoveryPath, dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
          fs.rmSync(file, { force: true });
        }
        throw err;
      }
    },

    unlock(passphrase) {
      if (opened) return status();
      refuseWithoutKeyring();
      const dek = unlockWith(unwrapAll(passphrase));
      // The passphrase worked: refresh the keychain copy, which may be missing or stale.
      if (vault?.backend()) vault.save(dek);
      return changed();
    },

    async unlockAsync(passphrase) {
      if (opened) return status();
      refuseWithoutKeyring();
      const unwrapped = await unwrapAllAsync(passphrase);
      // Another call may have opened the data while scrypt ran.
      if (opened) return status();
      const dek = unlockWith(unwrapped);
      if (vault?.backend()) vault.save(dek);
      return changed();
    },

    tryAutoUnlock() {
      if (opened || !vault?.backend()) return Boolean(opened);
      const dek = vault.load();
      if (!dek || !fs.existsSync(dbPath) || readDamageMarker(dataDir)) return false;
      try {
        open(dek, false);
        settleRecovery(dek);
        changed();
        return true;
      } catch (err) {
        recordIfDamaged(err);
        if (err instanceof AppError && err.code === 'not-a-database' && keyMatchesFile(dbPath, dek) === 'match') {
          markDamaged('open', 'its first page (the table of contents) does not read back, although the key is right.');
        }
        log.warn('keychain key did not open the database; asking for the passphrase', {
          code: err instanceof AppError ? err.code : 'error',
        });
        return false;
      }
    },

    lock() {
      if (opened) {
        closeDb();
        log.info('database locked');
      }
      return changed();
    },

    changePassphrase(current, next) {
      const db = opened;
      if (!db || !openedKey) throw new AppError('locked', 'Unlock the data before changing the passphrase.');
      settleKeyring(current, openedKey); // throws wrong-passphrase
      settleRecovery(openedKey);
      // Rekey with a fresh data key; the recovery code stays the same (its key pair seals the new key).
      rekeyWith(db, openedKey, next);
      log.info('passphrase changed and database re-keyed');
      return changed();
    },

    recover(recoveryCode, next) {
      const candidates = [recoveryPath, nextRecoveryPath]
        .map((file) => {
          try {
            return readRecovery(file);
          } catch {
            return null;
          }
        })
        .filter((r) => r !== null);
      if (candidates.length === 0) {
        throw new AppError(
          'bad-recovery-code',
          'This data folder has no recovery code (it was set up before recovery codes existed, or the recovery file is missing).',
        );
      }
      if (!fs.existsSync(dbPath)) throw new AppError('not-found', `No database in ${dataDir}.`);
      let lastError: unknown = null;
      const keys: Buffer[] = [];
      for (const ring of candidates) {
        try {
          keys.push(openRecovery(ring, recoveryCode));
        } catch (err) {
          lastError = err;
        }
      }
      if (keys.length === 0) throw lastError;
      // The code is right (the seal is authenticated); a folder marked damaged stays so.
      refuseIfDamaged();
      closeDb();
      let dek: Buffer | null = null;
      for (const key of keys) {
        try {
          open(key, false);
          dek = key;
          break;
        } catch (err) {
          if (err instanceof AppError && err.code === 'not-a-database') {
            lastError = new AppError(
              'bad-recovery-code',
              'This recovery code belongs to other data; it does not open this database.',
            );
            continue;
          }
          recordIfDamaged(err);
          throw err;
        }
      }
      const db = opened as OpenedDatabase | null;
      if (!dek || !db) throw judgeNotADatabase(keys, lastError as AppError);
      let newDek: Buffer;
      try {
        // Settle an interrupted key change first: the recovery file that sealed `dek` becomes
        // recovery.json, so a durable wrap of the key the database is under exists before any .next
        // file is overwritten. (keyring.next.json cannot be checked without its passphrase; it is
        // only overwritten by the new key file below, and recovery.json covers the data meanwhile.)
        settleRecovery(dek);
        // Re-key under the new passphrase, keeping the recovery key pair: a crash up to here leaves
        // the old code working (and the new passphrase, once the rekey happened).
        newDek = rekeyWith(db, dek, next);
      } catch (err) {
        closeDb();
        changed();
        throw err;
      }
      let code: string;
      try {
        // Then the new code, as its own atomic step: until it is written the old one keeps working.
        code = issueRecoveryCode(newDek);
      } catch (err) {
        log.warn('new passphrase set after recovery, but the new recovery code could not be saved', {
          code: err instanceof AppError ? err.code : ((err as NodeJS.ErrnoException).code ?? 'error'),
        });
        closeDb();
        changed();
        throw new AppError(
          'internal',
          'Your new passphrase is set, but a new recovery code could not be saved (is the disk full?). Your old recovery code still works. Unlock with the new passphrase and issue a new code in Settings → Backups.',
        );
      }
      log.info('data opened with the recovery code; new passphrase and recovery code set');
      return { ...changed(), recoveryCode: code };
    },

    newRecoveryCode(passphrase) {
      if (!opened || !openedKey) throw new AppError('locked', 'Unlock the data before issuing a new recovery code.');
      settleKeyring(passphrase, openedKey); // throws wrong-passphrase
      const recoveryCode = issueRecoveryCode(openedKey);
      log.info('new recovery code issued');
      changed();
      return { recoveryCode };
    },

    replaceData(swap, dek) {
      closeDb();
      try {
        swap();
        open(dek, false);
      } catch (err) {
        changed();
        throw err;
      }
      if (vault?.backend()) vault.save(dek);
      return changed();
    },

    dataKey() {
      if (!openedKey) throw new AppError('locked', 'The data is locked. Enter your passphrase to unlock it.');
      return Buffer.from(openedKey);
    },

    database() {
      if (!opened) throw new AppError('locked', 'The data is locked. Enter your passphrase to unlock it.');
      return opened;
    },

    markDamaged,

    verifiedKey(secret) {
      const keys: Buffer[] = [];
      let lastError: unknown = null;
      if ('passphrase' in secret) {
        for (const file of [keyringPath, nextKeyringPath]) {
          const ring = readKeyring(file);
          if (!ring) continue;
          try {
            keys.push(unwrapWithPassphrase(ring, secret.passphrase));
          } catch (err) {
            lastError = err;
          }
        }
      } else {
        for (const file of [recoveryPath, nextRecoveryPath]) {
          let ring;
          try {
            ring = readRecovery(file);
          } catch {
            continue;
          }
          if (!ring) continue;
          try {
            keys.push(openRecovery(ring, secret.recoveryCode));
          } catch (err) {
            lastError = err;
          }
        }
      }
      if (keys.length === 0) {
        throw lastError ?? new AppError('not-found', 'The key files are missing from the data folder.');
      }
      // With a key change interrupted, the key the database is under is the one its pages accept.
      return keys.find((k) => keyMatchesFile(dbPath, k) === 'match') ?? (keys[0] as Buffer);
    },

    resolveDamage(swap, dek) {
      closeDb();
      try {
        swap();
        open(dek, false);
      } catch (err) {
        changed();
        throw err;
      }
      clearDamageMarker(dataDir);
      settleRecovery(dek);
      if (vault?.backend()) vault.save(dek);
      log.info('damaged database resolved');
      return changed();
    },

    integrityChecked() {
      return integrityRun;
    },

    close() {
      closeDb();
    },
  };
}
