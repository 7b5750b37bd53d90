import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { AppError } from '../contract/errors.ts';
import type { BackupInfo } from '../contract/backup.ts';
import type { DamageState, ResolveDamageInput, ResolveDamageResult, SalvageReport } from '../contract/damage.ts';
import { SalvageReport as SalvageReportSchema } from '../contract/damage.ts';
import type { BackupService } from '../backup/backup-service.ts';
import { unpackBackup } from '../backup/backup-file.ts';
import { backupDatabaseAndKeyring, unwrapBackupKey } from '../backup/backup-keys.ts';
import { applyPendingRestore, beginStaging, discardStaging, markStagingReady } from '../backup/swap.ts';
import { readDamageMarker } from '../db/damage-marker.ts';
import { DATABASE_FILE, openDatabase, openKeyed, rekeyDatabase, setAside } from '../db/open.ts';
import { mergeNewerRows, salvageDatabase, type SalvageProgress } from '../db/salvage.ts';
import { sameKey } from '../keys/keyring.ts';
import type { Logger } from '../logging/log.ts';
import { writeFileAtomic } from '../util/atomic-file.ts';
import type { Clock } from '../util/clock.ts';
import type { Session } from './session.ts';

/**
 * What the practitioner can do with a damaged database, and nothing without their choice: salvage
 * the readable rows into a new database (kept in `salvage/` until used), then replace the damaged
 * database with the salvage, a backup, a backup plus the salvaged rows that are newer, or an empty
 * database. The damaged file is always kept aside under a dated name, never deleted. Every new
 * database is under the same data key, so the key files, the keychain copy and the recovery code
 * in force keep opening the data.
 */

export const SALVAGE_DIR = 'salvage';
const REPORT_FILE = 'report.json';

type Secret = z.infer<typeof ResolveDamageInput>['secret'];
type ResolveInput = z.infer<typeof ResolveDamageInput>;

export interface DamageServiceOptions {
  dataDir: string;
  session: Session;
  backups: BackupService;
  clock: Clock;
  log: Logger;
  migrationsDir?: string | undefined;
  onProgress?: (p: SalvageProgress) => void;
}

export interface DamageService {
  state(): z.infer<typeof DamageState>;
  salvage(secret: Secret): Promise<SalvageReport>;
  resolve(input: ResolveInput): Promise<z.infer<typeof ResolveDamageResult>>;
}

export function createDamageService(options: DamageServiceOptions): DamageService {
  const { dataDir, session, backups, clock, log } = options;
  const dbPath = path.join(dataDir, DATABASE_FILE);
  const salvageDir = path.join(dataDir, SALVAGE_DIR);
  const salvageDb = path.join(salvageDir, DATABASE_FILE);
  const migrations = options.migrationsDir ? { migrationsDir: options.migrationsDir } : {};

  const readReport = (): SalvageReport | null => {
    if (!fs.existsSync(salvageDb)) return null;
    try {
      const parsed = SalvageReportSchema.safeParse(
        JSON.parse(fs.readFileSync(path.join(salvageDir, REPORT_FILE), 'utf8')),
      );
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };

  /** The damaged database: the live file, or (when an earlier resolve stopped after setting it aside) the newest kept one. */
  const damagedSource = (): string | null => {
    if (fs.existsSync(dbPath)) return dbPath;
    const kept = fs
      .readdirSync(dataDir)
      .filter((f) => /^bioai\.db\.damaged-[0-9TZ-]+$/.test(f))
      .sort();
    const newest = kept.at(-1);
    return newest ? path.join(dataDir, newest) : null;
  };

  const requireDamaged = (): void => {
    if (!readDamageMarker(dataDir)) {
      throw new AppError('conflict', 'The database is not marked as damaged; there is nothing to salvage or replace.');
    }
  };

  const salvage = async (secret: Secret): Promise<SalvageReport> => {
    requireDamaged();
    const key = session.verifiedKey(secret);
    // The damaged database is read from its file: the session lets go of it first.
    if (session.status().state === 'unlocked') session.lock();
    const source = damagedSource();
    if (!source) throw new AppError('not-found', 'The damaged database file is missing; restore a backup instead.');
    fs.mkdirSync(salvageDir, { recursive: true, mode: 0o700 });
    fs.rmSync(path.join(salvageDir, REPORT_FILE), { force: true });
    const report = await salvageDatabase({
      source,
      key,
      target: salvageDb,
      ...migrations,
      now: clock.now,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    // Counts and table names only: no client data.
    writeFileAtomic(path.join(salvageDir, REPORT_FILE), `${JSON.stringify(report)}\n`, 0o600);
    log.info('salvage finished', { recovered: report.recovered, lostEstimate: report.lostEstimate });
    return report;
  };

  const pickBackup = (which: ResolveInput['backup']): BackupInfo => {
    const all = backups.state().backups;
    const found =
      which === 'latest'
        ? (all.find((b) => b.kind !== 'pre-restore') ?? all[0])
        : all.find((b) => b.fileName === which);
    if (!found) {
      throw new AppError(
        'not-found',
        which === 'latest'
          ? 'There is no backup in this data folder to restore.'
          : `There is no backup called ${which}.`,
      );
    }
    return found;
  };

  /** Writes the backup's database into `file`, checked and re-keyed to `liveKey`. */
  const stageBackup = (info: BackupInfo, passphrase: string, liveKey: Buffer, file: string): void => {
    const data = fs.readFileSync(path.join(dataDir, 'backups', info.fileName));
    const { files } = unpackBackup(data, info.fileName);
    const { dbBytes, ring } = backupDatabaseAndKeyring(files, info.fileName);
    const dek = unwrapBackupKey(ring, passphrase, info.fileName);
    writeFileAtomic(file, dbBytes, 0o600);
    const opened = openDatabase({ file, key: dek, ...migrations });
    try {
      if (opened.sqlite.pragma('integrity_check', { simple: true }) !== 'ok') {
        throw new AppError(
          'backup-corrupt',
          `The database in the backup ${info.fileName} fails its integrity check. Nothing was changed.`,
        );
      }
      if (!sameKey(dek, liveKey)) rekeyDatabase(opened.sqlite, liveKey);
    } finally {
      opened.sqlite.close();
    }
  };

  return {
    state() {
      return { damage: readDamageMarker(dataDir), salvage: readReport(), backups: backups.state().backups };
    },

    salvage,

    async resolve(input) {
      requireDamaged();
      const key = session.verifiedKey(input.secret);
      if (session.status().state === 'unlocked') session.lock();
      let restored: BackupInfo | null = null;
      let merged: z.infer<typeof ResolveDamageResult>['merged'] = [];
      if ((input.choice === 'salvage' || input.choice === 'backup-and-salvage') && !readReport()) {
        await salvage(input.secret);
      }
      // Everything is made and checked in the staging folder before the damaged file is moved.
      const staging = beginStaging(dataDir);
      const staged = path.join(staging, DATABASE_FILE);
      try {
        if (input.choice === 'salvage') {
          fs.renameSync(salvageDb, staged);
        } else if (input.choice === 'empty') {
          openDatabase({ file: staged, key, create: true, ...migrations }).sqlite.close();
        } else {
          restored = pickBackup(input.backup);
          const backupPassphrase =
            input.backupPassphrase ?? ('passphrase' in input.secret ? input.secret.passphrase : undefined);
          if (!backupPassphrase) {
            throw new AppError('invalid-input', 'Enter the passphrase that was current when the backup was made.', {
              backupPassphrase: 'Enter the passphrase that was current when the backup was made.',
            });
          }
          stageBackup(restored, backupPassphrase, key, staged);
          if (input.choice === 'backup-and-salvage') {
            const target = openKeyed(staged, key);
            const from = openKeyed(salvageDb, key, true);
            try {
              merged = mergeNewerRows(target, from);
              target.pragma('wal_checkpoint(TRUNCATE)');
            } finally {
              from.close();
              target.close();
            }
          }
        }
        for (const suffix of ['-wal', '-shm']) fs.rmSync(staged + suffix, { force: true });
      } catch (err) {
        discardStaging(dataDir);
        throw err;
      }
      let keptAs: string | null = null;
      const status = session.resolveDamage(() => {
        if (fs.existsSync(dbPath)) keptAs = path.basename(setAside(dbPath, clock.now()));
        markStagingReady(dataDir);
        applyPendingRestore(dataDir);
      }, key);
      fs.rmSync(salvageDir, { recursive: true, force: true });
      log.info('damaged database replaced', { choice: input.choice });
      return { status, keptAs, restored, merged };
    },
  };
}
