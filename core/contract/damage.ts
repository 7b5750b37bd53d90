import { z } from 'zod';
import { BackupFileName, BackupInfo } from './backup.ts';
import { Empty, method } from './rpc.ts';
import { RecoveryCode, SessionStatus } from './session.ts';

/** Schemas for a damaged database: salvage, and the practitioner's choice of what replaces it. */

const Secret = z.string().min(1, { message: 'Enter your passphrase.' }).max(1024);

/** The passphrase, or the recovery code: either proves the key (both key files are authenticated). */
export const DamageSecret = z.union(
  [z.object({ passphrase: Secret }).strict(), z.object({ recoveryCode: RecoveryCode }).strict()],
  { message: 'Enter your passphrase or your recovery code.' },
);

export const SalvageTableReport = z.object({
  table: z.string(),
  recovered: z.number(),
  lostEstimate: z.number(),
  tailLost: z.boolean(),
  unreadable: z.boolean(),
});

export const SalvageReport = z.object({
  tables: z.array(SalvageTableReport),
  recovered: z.number(),
  lostEstimate: z.number(),
  repairedPageOne: z.boolean(),
  finishedAt: z.number(),
});
export type SalvageReport = z.infer<typeof SalvageReport>;

export const DamageState = z.object({
  damage: SessionStatus.shape.damage,
  /** The last salvage made, waiting to be used (null when none). */
  salvage: SalvageReport.nullable(),
  /** Backups that can replace the data (newest first). */
  backups: z.array(BackupInfo),
});

export const DAMAGE_CHOICES = ['salvage', 'backup', 'backup-and-salvage', 'empty'] as const;

export const ResolveDamageInput = z
  .object({
    /**
     * salvage: use the salvaged data; backup: restore a backup instead; backup-and-salvage: restore
     * a backup, then add the salvaged rows that are newer; empty: start with an empty database.
     */
    choice: z.enum(DAMAGE_CHOICES, { message: 'Choose salvage, backup, backup and salvage, or empty.' }),
    secret: DamageSecret,
    /** Which backup ('latest' is the newest manual or scheduled one). */
    backup: z.union([z.literal('latest'), BackupFileName]).default('latest'),
    /** The passphrase that was current when the backup was made, if not the one in `secret`. */
    backupPassphrase: Secret.optional(),
  })
  .strict();

export const MergeTableReport = z.object({
  table: z.string(),
  added: z.number(),
  updated: z.number(),
  skipped: z.number(),
});

export const ResolveDamageResult = z.object({
  status: SessionStatus,
  /** The file name the damaged database was kept under (null when it was already set aside). */
  keptAs: z.string().nullable(),
  restored: BackupInfo.nullable(),
  merged: z.array(MergeTableReport),
});

export const damageMethods = {
  /** A damaged database: what was found, the salvage waiting to be used, the backups that can replace it. */
  'damage.status': method(Empty, DamageState),
  /** Copies every readable row into a new database (the damaged file is only read); per-table report. */
  'damage.salvage': method(DamageSecret, SalvageReport),
  /** The practitioner's choice: the salvage, a backup, a backup plus newer salvaged rows, or empty. */
  'damage.resolve': method(ResolveDamageInput, ResolveDamageResult),
} as const;
