import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors.ts';
import { readOnlyFolder, storageError } from '../db/storage-errors.ts';
import type { BackupConfig, BackupInfo, BackupState } from '../contract/backup.ts';
import { BackupLastError } from '../contract/backup.ts';
import type { SessionStatus } from '../contract/session.ts';
import { DATABASE_FILE } from '../db/open.ts';
import { KEYRING_FILE } from '../keys/keyring.ts';
import { RECOVERY_FILE } from '../keys/recovery.ts';
import type { Logger } from '../logging/log.ts';
import type { Session } from '../session/session.ts';
import { writeFileAtomic } from '../util/atomic-file.ts';
import type { Clock } from '../util/clock.ts';
import { packBackup, unpackBackup } from './backup-file.ts';
import { codeOf, CONFIG_FILE, createBackupFolder, EXTENSION, HOUR, LAST_ERROR_FILE, PREFIX } from './backup-folder.ts';
import { restoreBackup } from './backup-restore.ts';

export { BACKUPS_DIR, DEFAULT_BACKUP_CONFIG } from './backup-folder.ts';

/**
 * Encrypted backups of the data folder, kept in `<data folder>/backups/`.
 *
 * A backup is a consistent snapshot of the live database taken with `VACUUM INTO` (SQLite3 Multiple
 * Ciphers writes it encrypted with the same cipher and key as the source; the online backup API,
 * better-sqlite3's `db.backup()`, refuses an encrypted source because it opens the target without a
 * key), packed with keyring.json and recovery.json (backup-file.ts). So a backup file opens with the
 * passphrase that was current when it was made. Each backup is read back and checked after it is
 * written; older backups are pruned only after that.
 *
 * Restore asks for that passphrase (to open and check the backup), then re-keys the restored database
 * to the CURRENT data key before it is swapped in, and keeps the current keyring.json and
 * recovery.json. So after a restore the passphrase and recovery code in force before it open the data,
 * and a passphrase or code replaced since the backup (say because it leaked) stays dead; the backup's
 * own key files are never installed.
 */

/** How often the scheduler looks whether a backup is due. */
export const CHECK_INTERVAL_MS = 60_000;

/** A repeating timer; returns its cancel function. Tests pass a fake one. */
export type Every = (fn: () => void, ms: number) => () => void;
const realEvery: Every = (fn, ms) => {
  const handle = setInterval(fn, ms);
  handle.unref();
  return () => clearInterval(handle);
};

export interface BackupServiceOptions {
  dataDir: string;
  session: Session;
  clock: Clock;
  log: Logger;
  migrationsDir?: string | undefined;
  every?: Every;
  /**
   * Whether the timer runs while unlocked (the desktop app, the browser host). One-shot CLI
   * commands have no running process: they call `tick()` after a command that wrote data.
   */
  timer?: boolean;
}

export interface BackupService {
  create(kind?: 'manual' | 'scheduled'): BackupInfo;
  state(): BackupState;
  configure(config: BackupConfig): BackupState;
  restore(
    fileName: string,
    passphrase: string,
  ): { restored: BackupInfo; preRestore: BackupInfo; status: SessionStatus };
  /** Runs a scheduled backup if one is due; returns it, or null (also when it failed: see state().lastError). */
  tick(): BackupInfo | null;
  /** Like tick, but says why a due backup failed (the CLI prints it after the command's own output). */
  catchUp(): { made: BackupInfo | null; error: string | null };
  /** Follows the session: the schedule runs while unlocked (with a check at unlock). */
  onSession(status: SessionStatus): void;
  stop(): void;
}
export function createBackupService(options: BackupServiceOptions): BackupService {
  const { dataDir, session, clock, log } = options;
  const every = options.every ?? realEvery;
  const { dir, ensureDir, readConfig, infoOf, list, regular } = createBackupFolder(dataDir);
  let cancel: (() => void) | null = null;
  /** Removes the backups past `keep`, unless the settings could not be read (then it removes nothing). */
  const pruneAsConfigured = (): void => {
    const { config, problem } = readConfig();
    if (problem) {
      log.warn('backup settings unreadable: no backup removed', {});
      return;
    }
    prune(config.keep);
  };

  // Kept in memory too: when the disk is full, recording it in the file fails as well.
  let lastError: BackupState['lastError'] = null;

  const readLastError = (): BackupState['lastError'] => {
    if (lastError) return lastError;
    try {
      const parsed = BackupLastError.safeParse(JSON.parse(fs.readFileSync(path.join(dir, LAST_ERROR_FILE), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };

  const recordError = (kind: BackupInfo['kind'], err: unknown): void => {
    const storage = storageError(err, dataDir);
    const message =
      err instanceof AppError
        ? err.message
        : storage
          ? storage.message
          : `The backup could not be written (${(err as NodeJS.ErrnoException).code ?? 'error'}).`;
    lastError = { at: clock.now(), kind, message };
    try {
      ensureDir();
      writeFileAtomic(path.join(dir, LAST_ERROR_FILE), `${JSON.stringify(lastError)}\n`);
    } catch {
      // Recording is best effort (the disk may be the problem); the log line below still says it.
    }
  };

  const prune = (keep: number): void => {
    for (const old of regular().slice(keep)) {
      fs.rmSync(path.join(dir, old.fileName), { force: true });
      log.info('old backup removed', { kind: old.kind });
    }
  };

  const write = (kind: BackupInfo['kind']): BackupInfo => {
    const opened = session.database();
    if (opened.sqlite.readonly) throw readOnlyFolder(dataDir);
    ensureDir();
    const now = clock.now();
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    let fileName = `${PREFIX[kind]}-${stamp}${EXTENSION}`;
    for (let n = 1; fs.existsSync(path.join(dir, fileName)); n++)
      fileName = `${PREFIX[kind]}-${stamp}-${n}${EXTENSION}`;
    const snapshot = path.join(dir, `.snapshot-${process.pid}-${now}.tmp`);
    fs.rmSync(snapshot, { force: true });
    try {
      // A consistent copy, encrypted like the source (see the comment at the top).
      opened.sqlite.prepare('VACUUM INTO ?').run(snapshot);
      const files = [{ name: DATABASE_FILE, data: fs.readFileSync(snapshot) }];
      files.push({ name: KEYRING_FILE, data: fs.readFileSync(path.join(dataDir, KEYRING_FILE)) });
      const recovery = path.join(dataDir, RECOVERY_FILE);
      if (fs.existsSync(recovery)) files.push({ name: RECOVERY_FILE, data: fs.readFileSync(recovery) });
      const packed = packBackup({ createdAt: now, kind, schemaVersion: opened.schemaVersion }, files);
      const target = path.join(dir, fileName);
      writeFileAtomic(target, packed, 0o600);
      verify(target, packed, fileName);
      log.info('backup written', { kind, bytes: packed.length });
      lastError = null;
      fs.rmSync(path.join(dir, LAST_ERROR_FILE), { force: true });
      return { fileName, bytes: packed.length, createdAt: now, kind };
    } catch (err) {
      recordError(kind, err);
      throw err;
    } finally {
      fs.rmSync(snapshot, { force: true });
    }
  };

  /** Reads a backup just written back from disk: same size, same bytes, every checksum right. */
  const verify = (target: string, packed: Buffer, fileName: string): void => {
    let ok: boolean;
    try {
      const back = fs.readFileSync(target);
      ok = back.length === packed.length && back.equals(packed);
      if (ok) unpackBackup(back, fileName);
    } catch {
      ok = false;
    }
    if (!ok) {
      fs.rmSync(target, { force: true });
      throw new AppError(
        'backup-corrupt',
        'The backup just written did not read back correctly (is the disk full or failing?). It was removed; older backups were kept.',
      );
    }
  };

  const state = (): BackupState => {
    const { config, problem } = readConfig();
    const backups = list();
    const last = backups.find((b) => b.kind !== 'pre-restore')?.createdAt ?? null;
    const next = config.scheduleHours === 0 ? null : last === null ? clock.now() : last + config.scheduleHours * HOUR;
    return {
      ...config,
      backups,
      folder: dir,
      lastBackupAt: last,
      nextBackupAt: next,
      lastError: readLastError(),
      settingsProblem: problem,
    };
  };

  const catchUp = (): { made: BackupInfo | null; error: string | null } => {
    if (session.status().state !== 'unlocked') return { made: null, error: null };
    const { config } = readConfig();
    if (config.scheduleHours === 0) return { made: null, error: null };
    const last = regular()[0]?.createdAt ?? null;
    if (last !== null && clock.now() - last < config.scheduleHours * HOUR) return { made: null, error: null };
    const failed = (err: unknown): { made: null; error: string } => {
      log.warn('scheduled backup failed', { code: codeOf(err) });
      return { made: null, error: readLastError()?.message ?? 'The backup could not be written.' };
    };
    let made: BackupInfo;
    try {
      made = write('scheduled');
    } catch (err) {
      return failed(err);
    }
    // Only a written and verified backup lets older ones go.
    try {
      pruneAsConfigured();
      return { made, error: null };
    } catch (err) {
      recordError('scheduled', err);
      return failed(err);
    }
  };

  const tick = (): BackupInfo | null => catchUp().made;

  const stop = (): void => {
    cancel?.();
    cancel = null;
  };

  return {
    create(kind = 'manual') {
      const made = write(kind);
      pruneAsConfigured();
      return made;
    },

    state,

    configure(config) {
      ensureDir();
      writeFileAtomic(path.join(dir, CONFIG_FILE), `${JSON.stringify(config)}\n`, 0o600);
      prune(config.keep);
      return state();
    },
    restore(fileName, passphrase) {
      return restoreBackup(
        { dataDir, dir, session, log, migrationsDir: options.migrationsDir, write, infoOf },
        fileName,
        passphrase,
      );
    },

    tick,

    catchUp,

    onSession(status) {
      if (options.timer === false) return;
      if (status.state === 'unlocked') {
        if (cancel) return;
        cancel = every(tick, CHECK_INTERVAL_MS);
        tick();
      } else {
        stop();
      }
    },

    stop,
  };
}
