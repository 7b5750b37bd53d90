import { z } from 'zod';
import { Passphrase } from './common.ts';
import { Empty, method } from './rpc.ts';
/** 'damaged': the database was found damaged and waits for the practitioner's choice (salvage, restore, start empty). */
export const SESSION_STATES = ['needs-setup', 'locked', 'unlocked', 'damaged'] as const;
export const SessionStatus = z.object({
  state: z.enum(SESSION_STATES),
  /** How the database key is protected on this machine. */
  keyProtection: z.array(z.enum(['passphrase', 'safeStorage'])),
  /** The OS keychain backend safeStorage used, when it is in use (e.g. gnome_libsecret, keychain, dpapi). */
  safeStorageBackend: z.string().nullable(),
  /** Whether a recovery code can open this data folder (data set up before recovery codes has none). */
  hasRecoveryCode: z.boolean(),
  host: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  /** Set when the database was seen damaged (kept until resolved); with 'unlocked' it is a warning. */
  damage: z
    .object({ detectedAt: z.number(), source: z.enum(['open', 'use', 'integrity-check']), detail: z.string() })
    .nullable(),
  /** The background integrity check of the open database (null when none ran since unlock). */
  integrityCheck: z.enum(['running', 'ok', 'damaged', 'failed']).nullable(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const RecoveryCode = z
  .string({ message: 'Enter your recovery code.' })
  .trim()
  .min(1, { message: 'Enter your recovery code.' })
  .max(100, { message: 'That is longer than a recovery code.' });

/** The setup and recover answers: the status plus the recovery code, shown once. */
export const StatusWithRecoveryCode = SessionStatus.extend({ recoveryCode: z.string() });

export const RecoverInput = z.object({ recoveryCode: RecoveryCode, next: Passphrase });

export const sessionMethods = {
  'app.info': method(
    Empty,
    z.object({ name: z.string(), version: z.string(), host: z.enum(['electron', 'browser', 'cli']) }),
  ),

  'session.status': method(Empty, SessionStatus),
  /** The answer carries the recovery code: shown once, never stored. */
  'session.setup': method(z.object({ passphrase: Passphrase }).strict(), StatusWithRecoveryCode),
  'session.unlock': method(
    z.object({ passphrase: z.string().min(1, { message: 'Enter your passphrase.' }).max(1024) }).strict(),
    SessionStatus,
  ),
  'session.lock': method(Empty, SessionStatus),
  'session.changePassphrase': method(
    z
      .object({ current: z.string().min(1, { message: 'Enter your current passphrase.' }).max(1024), next: Passphrase })
      .strict(),
    SessionStatus,
  ),
  /** Opens the data with the recovery code and sets a new passphrase; a new recovery code replaces the old. */
  'session.recover': method(RecoverInput.strict(), StatusWithRecoveryCode),
  /** Replaces the recovery code (the old one stops working). */
  'session.newRecoveryCode': method(
    z.object({ passphrase: z.string().min(1, { message: 'Enter your passphrase.' }).max(1024) }).strict(),
    z.object({ recoveryCode: z.string() }),
  ),
} as const;
