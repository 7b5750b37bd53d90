import { AppError } from '../contract/errors.ts';
import { DATABASE_FILE } from '../db/open.ts';
import { KEYRING_FILE, parseKeyring, unwrapWithPassphrase, type KeyringFile } from '../keys/keyring.ts';

/**
 * The database and its wrapped key inside an unpacked backup: read here once for both uses of a
 * backup's key file, restoring a backup and resolving a damaged database with one.
 */

/** The backup's database bytes and key file; `backup-corrupt` when either is missing or unreadable. */
export function backupDatabaseAndKeyring(
  files: Map<string, Buffer>,
  fileName: string,
): { dbBytes: Buffer; ring: KeyringFile } {
  const dbBytes = files.get(DATABASE_FILE);
  const ring = parseKeyring(files.get(KEYRING_FILE)?.toString('utf8') ?? '');
  if (!dbBytes || !ring) {
    throw new AppError(
      'backup-corrupt',
      `The backup ${fileName} is missing its database or key file. Nothing was changed.`,
    );
  }
  return { dbBytes, ring };
}

/**
 * The backup's data key, unwrapped with the passphrase that was current when it was made;
 * `wrong-passphrase` otherwise. `which` names the backup in the message ("from <date>", or its file name).
 */
export function unwrapBackupKey(ring: KeyringFile, passphrase: string, which: string): Buffer {
  try {
    return unwrapWithPassphrase(ring, passphrase);
  } catch {
    throw new AppError(
      'wrong-passphrase',
      `This passphrase does not open the backup ${which}. Use the passphrase that was current when it was made. Nothing was changed.`,
    );
  }
}
