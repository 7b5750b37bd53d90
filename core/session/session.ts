import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors.ts';
import type { SessionStatus } from '../contract/session.ts';
import { DATABASE_FILE, openDatabase, type OpenedDatabase } from '../db/open.ts';
import { keyMatchesFile } from '../db/cipher-pages.ts';
import { clearDamageMarker, readDamageMarker } from '../db/damage-marker.ts';
import { checkIntegrityInBackground } from '../db/integrity.ts';
import { DEFAULT_SCRYPT, generateDataKey } from '../keys/keyring.ts';
import { openRecovery } from '../keys/recovery.ts';
import { applyPendingRestore } from '../backup/swap.ts';
import { createDamageRecords } from './damage-records.ts';
import { createKeyFiles, type Unwrapped } from './key-files.ts';
import type { Session, SessionOptions } from './session-types.ts';

export type { HostKind, KeyVault, Session, SessionOptions, WithRecoveryCode } from './session-types.ts';

export function createSession(options: SessionOptions): Session {
  const { dataDir, host, log, vault } = options;
  const dbPath = path.join(dataDir, DATABASE_FILE);
  // A restore that was interrupted after its files were staged and checked is finished first.
  if (applyPendingRestore(dataDir)) log.warn('completed an interrupted backup restore');
  const keys = createKeyFiles({ dataDir, host, log, scrypt: options.scrypt ?? DEFAULT_SCRYPT, vault });
  let opened: OpenedDatabase | null = null;
  /** The key `opened` is under. */
  let openedKey: Buffer | null = null;
  let integrity: SessionStatus['integrityCheck'] = null;
  let integrityRun: Promise<void> = Promise.resolve();
  let stopIntegrityCheck: (() => void) | null = null;
  /** Bumped at every open and close, so a check that ends after a lock or a swap reports nothing. */
  let generation = 0;

  const status = (): SessionStatus => {
    const backend = vault?.backend() ?? null;
    const hasRecovery = keys.hasRecovery();
    // With the key file lost, the recovery file still makes this a locked (recoverable) folder.
    const hasKeyring = keys.hasKeyring() || (hasRecovery && fs.existsSync(dbPath));
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
    stopIntegrityCheck?.();
    const mine = generation;
    integrity = 'running';
    const workerPath = options.integrityCheck?.workerPath;
    const run = checkIntegrityInBackground(dbPath, dek, workerPath);
    stopIntegrityCheck = run.stop;
    integrityRun = run.done.then((r) => {
      if (mine !== generation) return;
      stopIntegrityCheck = null;
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

  const { markDamaged, refuseIfDamaged, judgeNotADatabase, recordIfDamaged } = createDamageRecords({
    dataDir,
    dbPath,
    log,
    now: options.now ?? Date.now,
    vault,
    changed,
  });

  /** The open database was re-keyed: `opened` is under `dek` from now on. */
  const rekeyed = (dek: Buffer): void => {
    openedKey = Buffer.from(dek);
    // A background check started at the open reads the file with the old key, so its answer says
    // nothing about the re-keyed file: it is disowned and the check runs again under the new key.
    generation++;
    startIntegrityCheck(dek);
  };

  const closeDb = (): void => {
    generation++;
    // A check still running holds the key and its own connection: it ends with the session.
    stopIntegrityCheck?.();
    stopIntegrityCheck = null;
    if (opened) {
      opened.sqlite.close();
      opened = null;
    }
    openedKey = null;
  };

  /** Closes the database, lets `swap` replace its files, and opens the result with `dek` (locked if that fails). */
  const reopenAfter = (swap: () => void, dek: Buffer): void => {
    closeDb();
    try {
      swap();
      open(dek, false);
    } catch (err) {
      changed();
      throw err;
    }
  };

  /**
   * Opens the database with the first key a passphrase unwrapped. A keyring.next.json left by a passphrase change that was
   * interrupted between the rekey and the rename is tried too, and the change is completed.
   */
  const unlockWith = (unwrapped: Unwrapped[]): Buffer => {
    const pending = unwrapped.some((u) => u.file === keys.nextKeyringPath);
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
      if (candidate.file === keys.nextKeyringPath) {
        keys.adoptPendingKeyring();
      } else if (pending) {
        fs.rmSync(keys.nextKeyringPath, { force: true });
      }
      keys.settleRecovery(candidate.dek);
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
      if (keys.hasKeyring()) {
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
        const recoveryCode = keys.createInitial(dek, passphrase);
        open(dek, true);
        if (vault?.backend()) vault.save(dek);
        log.info('data folder set up', { host });
        return { ...changed(), recoveryCode };
      } catch (err) {
        closeDb();
        for (const file of [keys.keyringPath, keys.recoveryPath, dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
          fs.rmSync(file, { force: true });
        }
        throw err;
      }
    },

    unlock(passphrase) {
      if (opened) return status();
      keys.refuseWithoutKeyring();
      const dek = unlockWith(keys.unwrapAll(passphrase));
      // The passphrase worked: refresh the keychain copy, which may be missing or stale.
      if (vault?.backend()) vault.save(dek);
      return changed();
    },

    async unlockAsync(passphrase) {
      if (opened) return status();
      keys.refuseWithoutKeyring();
      const unwrapped = await keys.unwrapAllAsync(passphrase);
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
        keys.settleRecovery(dek);
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
      keys.settleKeyring(current, openedKey); // throws wrong-passphrase
      keys.settleRecovery(openedKey);
      // Rekey with a fresh data key; the recovery code stays the same (its key pair seals the new key).
      keys.rekey(db, openedKey, next, rekeyed);
      log.info('passphrase changed and database re-keyed');
      return changed();
    },

    recover(recoveryCode, next) {
      const candidates = keys.readRecoveryFiles();
      if (candidates.length === 0) {
        throw new AppError(
          'bad-recovery-code',
          'This data folder has no recovery code (it was set up before recovery codes existed, or the recovery file is missing).',
        );
      }
      if (!fs.existsSync(dbPath)) throw new AppError('not-found', `No database in ${dataDir}.`);
      let lastError: unknown = null;
      const unsealed: Buffer[] = [];
      for (const ring of candidates) {
        try {
          unsealed.push(openRecovery(ring, recoveryCode));
        } catch (err) {
          lastError = err;
        }
      }
      if (unsealed.length === 0) throw lastError;
      // The code is right (the seal is authenticated); a folder marked damaged stays so.
      refuseIfDamaged();
      closeDb();
      let dek: Buffer | null = null;
      for (const key of unsealed) {
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
      if (!dek || !db) throw judgeNotADatabase(unsealed, lastError as AppError);
      let newDek: Buffer;
      try {
        // Settle an interrupted key change first: the recovery file that sealed `dek` becomes
        // recovery.json, so a durable wrap of the key the database is under exists before any .next
        // file is overwritten. (keyring.next.json cannot be checked without its passphrase; it is
        // only overwritten by the new key file below, and recovery.json covers the data meanwhile.)
        keys.settleRecovery(dek);
        // Re-key under the new passphrase, keeping the recovery key pair: a crash up to here leaves
        // the old code working (and the new passphrase, once the rekey happened).
        newDek = keys.rekey(db, dek, next, rekeyed);
      } catch (err) {
        closeDb();
        changed();
        throw err;
      }
      let code: string;
      try {
        // Then the new code, as its own atomic step: until it is written the old one keeps working.
        code = keys.issueRecoveryCode(newDek);
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
      keys.settleKeyring(passphrase, openedKey); // throws wrong-passphrase
      const recoveryCode = keys.issueRecoveryCode(openedKey);
      log.info('new recovery code issued');
      changed();
      return { recoveryCode };
    },

    replaceData(swap, dek) {
      reopenAfter(swap, dek);
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

    verifiedKey: keys.verifiedKey,

    resolveDamage(swap, dek) {
      reopenAfter(swap, dek);
      clearDamageMarker(dataDir);
      keys.settleRecovery(dek);
      if (vault?.backend()) vault.save(dek);
      log.info('damaged database resolved');
      return changed();
    },

    integrityChecked() {
      return integrityRun;
    },

    close: closeDb,
  };
}
