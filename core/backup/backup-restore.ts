import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors.ts';
import type { BackupInfo } from '../contract/backup.ts';
import type { SessionStatus } from '../contract/session.ts';
import { DATABASE_FILE, openDatabase, rekeyDatabase } from '../db/open.ts';
import { sameKey } from '../keys/keyring.ts';
import { parseRecovery, RECOVERY_FILE } from '../keys/recovery.ts';
import type { Logger } from '../logging/log.ts';
import type { Session } from '../session/session.ts';
import { writeFileAtomic } from '../util/atomic-file.ts';
import { unpackBackup } from './backup-file.ts';
import { backupDatabaseAndKeyring, unwrapBackupKey } from './backup-keys.ts';
import { NAME } from './backup-folder.ts';
import { applyPendingRestore, beginStaging, discardStaging, markStagingReady } from './swap.ts';

const dateLabel = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export interface RestoreContext {
  dataDir: string;
  /** The backups folder. */
  dir: string;
  session: Session;
  log: Logger;
  migrationsDir?: string | undefined;
  /** Writes a backup of the current data (the pre-restore backup). */
  write: (kind: 'pre-restore') => BackupInfo;
  infoOf: (fileName: string) => BackupInfo | null;
}

/**
 * Restores a backup: opens it with the passphrase that was current when it was made, checks it,
 * re-keys its database to the current data key, keeps the current data as a pre-restore backup and
 * swaps the database in. Nothing live is changed until the staged database has passed every check.
 */
export function restoreBackup(
  ctx: RestoreContext,
  fileName: string,
  passphrase: string,
): { restored: BackupInfo; preRestore: BackupInfo; status: SessionStatus } {
  const { dataDir, dir, session, log, write, infoOf } = ctx;
  if (!NAME.test(fileName)) throw new AppError('invalid-input', 'Not a backup file name.');
  session.database(); // restoring needs the current data open (it is kept as a backup first)
  const file = path.join(dir, fileName);
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    throw new AppError('not-found', `There is no backup called ${fileName}.`);
  }
  const { header, files } = unpackBackup(data, fileName);
  const when = dateLabel(header.createdAt);
  const { dbBytes, ring } = backupDatabaseAndKeyring(files, fileName);
  const recoveryBytes = files.get(RECOVERY_FILE);
  if (recoveryBytes && !parseRecovery(recoveryBytes.toString('utf8'))) {
    throw new AppError('backup-corrupt', `The backup ${fileName} has a damaged recovery file. Nothing was changed.`);
  }
  // The key the current data is under: the restored database is re-keyed to it, so the passphrase
  // and recovery code in force keep opening the data.
  const liveKey = session.dataKey();
  const dek = unwrapBackupKey(ring, passphrase, `from ${when}`);

  // Stage and check everything before touching the live data.
  const staging = beginStaging(dataDir);
  try {
    const stagedDb = path.join(staging, DATABASE_FILE);
    writeFileAtomic(stagedDb, dbBytes, 0o600);
    let check: unknown;
    try {
      const opened = openDatabase({
        file: stagedDb,
        key: dek,
        ...(ctx.migrationsDir ? { migrationsDir: ctx.migrationsDir } : {}),
      });
      try {
        check = opened.sqlite.pragma('integrity_check', { simple: true });
        if (check === 'ok' && !sameKey(dek, liveKey)) rekeyDatabase(opened.sqlite, liveKey);
      } finally {
        opened.sqlite.close();
      }
    } catch (err) {
      if (err instanceof AppError && err.code === 'database-too-new') throw err;
      throw new AppError(
        'backup-corrupt',
        `The database in the backup ${fileName} does not open (${err instanceof AppError ? err.code : 'unreadable'}). Nothing was changed.`,
      );
    }
    if (check !== 'ok') {
      throw new AppError(
        'backup-corrupt',
        `The database in the backup ${fileName} fails its integrity check. Nothing was changed.`,
      );
    }
    // Only the database is staged: the current keyring.json and recovery.json (which wrap and seal
    // liveKey) stay, so the backup's passphrase and recovery code are not brought back.
  } catch (err) {
    discardStaging(dataDir);
    throw err;
  }
  let preRestore: BackupInfo;
  try {
    preRestore = write('pre-restore');
  } catch (err) {
    discardStaging(dataDir);
    throw err;
  }
  markStagingReady(dataDir);
  const status = session.replaceData(() => applyPendingRestore(dataDir), liveKey);
  log.info('backup restored', { kind: header.kind });
  const restored = infoOf(fileName) ?? {
    fileName,
    bytes: data.length,
    createdAt: header.createdAt,
    kind: header.kind,
  };
  return { restored, preRestore, status };
}
