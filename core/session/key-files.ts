import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors.ts';
import { DATABASE_FILE, rekeyDatabase, type OpenedDatabase } from '../db/open.ts';
import { keyMatchesFile } from '../db/cipher-pages.ts';
import {
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
import type { Logger } from '../logging/log.ts';
import type { HostKind, KeyVault } from './session-types.ts';

/**
 * The key files of a data folder: keyring.json (the data key wrapped under the passphrase),
 * recovery.json (sealed for the recovery code) and the .next copies a key change writes beside them
 * first, so that a crash at any point leaves files that open the database. Everything here reads or
 * writes those files; opening the database is the session's part.
 */

/** What unwrapping one key file with a passphrase gave: its data key, or the error. */
export type Unwrapped = { file: string; dek: Buffer } | { file: string; error: unknown };

export interface KeyFilesOptions {
  dataDir: string;
  host: HostKind;
  log: Logger;
  scrypt: ScryptParams;
  vault: KeyVault | undefined;
}

export type KeyFiles = ReturnType<typeof createKeyFiles>;

export function createKeyFiles({ dataDir, host, log, scrypt, vault }: KeyFilesOptions) {
  const keyringPath = path.join(dataDir, KEYRING_FILE);
  const nextKeyringPath = path.join(dataDir, KEYRING_NEXT_FILE);
  const dbPath = path.join(dataDir, DATABASE_FILE);
  const recoveryPath = path.join(dataDir, RECOVERY_FILE);
  const nextRecoveryPath = path.join(dataDir, RECOVERY_NEXT_FILE);

  const hasKeyring = (): boolean => fs.existsSync(keyringPath) || fs.existsSync(nextKeyringPath);
  const hasRecovery = (): boolean => fs.existsSync(recoveryPath) || fs.existsSync(nextRecoveryPath);

  /** keyring.next.json wraps the key the database is under: a passphrase change is completed. */
  const adoptPendingKeyring = (): void => {
    fs.renameSync(nextKeyringPath, keyringPath);
    log.warn('completed an interrupted passphrase change');
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
   * the database (unlock tries both key files, settleRecovery picks the matching recovery file).
   * The recovery key pair is kept (the same code keeps working), but only when recovery.json seals
   * the key the database is under now: a recovery file for other data (or a planted one) is not
   * carried over to the new key; it is removed after the rekey and the status then says there is no
   * recovery code, so the practitioner issues a new one. A new code is never issued here (see
   * issueRecoveryCode), so a crash can never leave a code nobody was shown. `rekeyed` is told the
   * new key as soon as the database is under it.
   *
   * Callers settle interrupted changes first (unlock, settleKeyring, settleRecovery), so the .next
   * files overwritten here never hold the only wrap of the current key.
   */
  const rekey = (db: OpenedDatabase, oldDek: Buffer, passphrase: string, rekeyed: (newDek: Buffer) => void): Buffer => {
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
    rekeyed(newDek);
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

  /** Set-up: the first key file and recovery file for `dek`; returns the recovery code to show once. */
  const createInitial = (dek: Buffer, passphrase: string): string => {
    writeKeyring(keyringPath, wrapWithPassphrase(dek, passphrase, scrypt));
    const recoveryCode = generateRecoveryCode();
    writeRecovery(recoveryPath, createRecovery(dek, recoveryCode, scrypt));
    return recoveryCode;
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
      adoptPendingKeyring();
      return;
    }
    if (!current && !pending) throw new AppError('not-found', 'The key file is missing from the data folder.');
    if (!wraps(current)) {
      throw new AppError('wrong-passphrase', 'Wrong passphrase, or not a BioAI Nutrition database.');
    }
  };

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
    if (hasKeyring()) return;
    if (fs.existsSync(dbPath) && hasRecovery()) {
      throw new AppError(
        'not-found',
        `The key file (keyring.json) is missing from the data folder. Use your recovery code to open the data and choose a new passphrase${host === 'cli' ? ' (run "bioai recover")' : ''}.`,
      );
    }
    throw new AppError('locked', 'This data folder has not been set up yet. Choose a passphrase first.');
  };

  /** The recovery files that read back (recovery.json and a leftover recovery.next.json). */
  const readRecoveryFiles = () =>
    [recoveryPath, nextRecoveryPath]
      .map((file) => {
        try {
          return readRecovery(file);
        } catch {
          return null;
        }
      })
      .filter((r) => r !== null);

  /** See Session.verifiedKey. */
  const verifiedKey = (secret: { passphrase: string } | { recoveryCode: string }): Buffer => {
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
  };

  return {
    keyringPath,
    nextKeyringPath,
    recoveryPath,
    hasKeyring,
    hasRecovery,
    adoptPendingKeyring,
    settleRecovery,
    rekey,
    createInitial,
    issueRecoveryCode,
    settleKeyring,
    unwrapAll,
    unwrapAllAsync,
    refuseWithoutKeyring,
    readRecoveryFiles,
    verifiedKey,
  };
}
