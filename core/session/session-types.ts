import type { SessionStatus } from '../contract/session.ts';
import type { OpenedDatabase } from '../db/open.ts';
import type { DamageMarker } from '../db/damage-marker.ts';
import type { ScryptParams } from '../keys/keyring.ts';
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
  /** Resolves when the background integrity check started at the last unlock has ended, also when a lock or close stopped it (tests wait on it). */
  integrityChecked(): Promise<void>;
  close(): void;
}
