import { z } from 'zod';
import { Empty, method } from './rpc.ts';
import { SessionStatus } from './session.ts';

/** Schemas for backups and the recovery code. */

export const BACKUP_KINDS = ['manual', 'scheduled', 'pre-restore'] as const;
export const BACKUP_SCHEDULES = [0, 24, 168] as const;

export const BackupFileName = z
  .string()
  .regex(/^(backup|scheduled|pre-restore)-[0-9TZ-]+\.bioaibak$/, { message: 'Not a backup file name.' });

export const BackupInfo = z.object({
  fileName: z.string(),
  bytes: z.number(),
  createdAt: z.number(),
  kind: z.enum(BACKUP_KINDS),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupConfig = z.object({
  /** Hours between scheduled backups while the app is unlocked; 0 is off. */
  scheduleHours: z.union([z.literal(0), z.literal(24), z.literal(168)], {
    message: 'Choose off, daily or weekly.',
  }),
  /** How many manual and scheduled backups to keep (older ones are removed). */
  keep: z
    .number({ message: 'Enter a number.' })
    .int({ message: 'Enter a whole number.' })
    .min(1, { message: 'Keep at least 1 backup.' })
    .max(60, { message: 'Keep at most 60 backups.' }),
});
export type BackupConfig = z.infer<typeof BackupConfig>;

/** The last backup that failed (removed by the next one that succeeds). */
export const BackupLastError = z.object({
  at: z.number(),
  kind: z.enum(BACKUP_KINDS),
  message: z.string(),
});

export const BackupState = BackupConfig.extend({
  /** Newest first. */
  backups: z.array(BackupInfo),
  folder: z.string(),
  lastBackupAt: z.number().nullable(),
  /** When the next scheduled backup is due (null when scheduling is off). */
  nextBackupAt: z.number().nullable(),
  /** The last failed backup, shown in Settings → Backups until a backup succeeds. */
  lastError: BackupLastError.nullable(),
  /** Set when the settings file cannot be used: shown, and no backup is removed until they are chosen again. */
  settingsProblem: z.string().nullable().default(null),
});
export type BackupState = z.infer<typeof BackupState>;

export const BackupRestoreInput = z.object({
  fileName: BackupFileName,
  passphrase: z
    .string()
    .min(1, { message: 'Enter the passphrase that was current when the backup was made.' })
    .max(1024),
});

export const BackupRestoreResult = z.object({
  restored: BackupInfo,
  /** The data that was replaced, kept as a backup so the restore can be undone. */
  preRestore: BackupInfo,
  status: SessionStatus,
});

export const backupMethods = {
  /** An encrypted backup of the whole data folder into its backups/ folder. */
  'backup.create': method(Empty, BackupInfo),
  /** The backups (newest first) with the schedule. */
  'backup.list': method(Empty, BackupState),
  /** Checks the backup opens with the passphrase and is intact, keeps the current data as a backup, then swaps. */
  'backup.restore': method(BackupRestoreInput.strict(), BackupRestoreResult),
  'backup.configure': method(BackupConfig.strict(), BackupState),
} as const;
