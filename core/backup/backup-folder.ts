import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors.ts';
import type { BackupConfig, BackupInfo } from '../contract/backup.ts';
import { BackupConfig as BackupConfigSchema } from '../contract/backup.ts';
import { readBackupHeader } from './backup-file.ts';

/**
 * The backups folder (`<data folder>/backups/`): the backup files' names and kinds, what each holds
 * according to its header, and the practitioner's settings (schedule.json).
 */

export const BACKUPS_DIR = 'backups';
export const CONFIG_FILE = 'schedule.json';
/** The last failed backup ({ at, kind, message }); removed by the next successful one. */
export const LAST_ERROR_FILE = 'last-error.json';
export const EXTENSION = '.bioaibak';
export const PREFIX = { manual: 'backup', scheduled: 'scheduled', 'pre-restore': 'pre-restore' } as const;
export const NAME = /^(backup|scheduled|pre-restore)-[0-9TZ-]+\.bioaibak$/;
const KIND_OF = { backup: 'manual', scheduled: 'scheduled', 'pre-restore': 'pre-restore' } as const;
export const HOUR = 3_600_000;
/**
 * Until the practitioner chooses otherwise (schedule.json, written only by `configure`), backups run
 * daily and the newest 14 are kept, so there is always something to restore. An explicit "off" stays.
 */
export const DEFAULT_BACKUP_CONFIG: BackupConfig = { scheduleHours: 24, keep: 14 };
const DEFAULT_CONFIG = DEFAULT_BACKUP_CONFIG;

/** An error's code for log lines (an AppError's code, a Node error's, or 'error'). */
export const codeOf = (err: unknown): string =>
  err instanceof AppError ? err.code : String((err as NodeJS.ErrnoException | null)?.code ?? 'error');

const configProblem = (file: string, why: string): string =>
  `The backup settings file ${file} could not be used: ${why}. No backup is removed until the settings are chosen again in Settings → Backups; backups go on being made daily meanwhile.`;

export function createBackupFolder(dataDir: string) {
  const dir = path.join(dataDir, BACKUPS_DIR);

  const ensureDir = (): void => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  };

  /**
   * The practitioner's backup settings. No file: the defaults (nothing was chosen). A file that cannot
   * be read or does not hold valid settings is a problem to show, never read as the defaults: with
   * "keep 14" taken for a practitioner's "keep 60", the next backup would delete 46 of theirs. While
   * the problem lasts, backups are still made (on the default schedule) and none is removed.
   */
  const readConfig = (): { config: BackupConfig; problem: string | null } => {
    const file = path.join(dir, CONFIG_FILE);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { config: DEFAULT_CONFIG, problem: null };
      return { config: DEFAULT_CONFIG, problem: configProblem(file, `it cannot be read (${codeOf(err)})`) };
    }
    let parsed: ReturnType<typeof BackupConfigSchema.safeParse>;
    try {
      parsed = BackupConfigSchema.safeParse(JSON.parse(text));
    } catch {
      return { config: DEFAULT_CONFIG, problem: configProblem(file, 'it is not valid JSON') };
    }
    if (!parsed.success)
      return {
        config: DEFAULT_CONFIG,
        problem: configProblem(
          file,
          `it does not hold valid settings (${parsed.error.issues[0]?.message ?? 'invalid'})`,
        ),
      };
    return { config: parsed.data, problem: null };
  };

  const infoOf = (fileName: string): BackupInfo | null => {
    const match = NAME.exec(fileName);
    if (!match) return null;
    const file = path.join(dir, fileName);
    let head: Buffer;
    let bytes: number;
    try {
      bytes = fs.statSync(file).size;
      const fd = fs.openSync(file, 'r');
      try {
        head = Buffer.alloc(Math.min(bytes, 64 * 1024 + 12));
        fs.readSync(fd, head, 0, head.length, 0);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return null;
    }
    const header = readBackupHeader(head);
    const kind = KIND_OF[match[1] as keyof typeof KIND_OF];
    return { fileName, bytes, createdAt: header?.createdAt ?? fs.statSync(file).mtimeMs, kind };
  };

  const list = (): BackupInfo[] => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return [];
    }
    return names
      .map(infoOf)
      .filter((b) => b !== null)
      .sort((a, b) => b.createdAt - a.createdAt || b.fileName.localeCompare(a.fileName));
  };

  const regular = (): BackupInfo[] => list().filter((b) => b.kind !== 'pre-restore');

  return { dir, ensureDir, readConfig, infoOf, list, regular };
}
