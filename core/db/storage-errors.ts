import path from 'node:path';
import { AppError } from '../contract/errors.ts';

/**
 * One place that turns what the disk and SQLite say about storage into sentences: the database held
 * by another writer, a full disk, a folder that cannot be written. The dispatcher (desktop app,
 * browser host, CLI through the contract) and the CLI's own file writes both pass errors through
 * here, so every host shows the same message and never a stack trace.
 */

const BUSY = /^SQLITE_(BUSY|LOCKED)(_|$)/;
const FULL = /^SQLITE_FULL$/;
const READ_ONLY = /^SQLITE_READONLY(_|$)/;

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/** System calls that only fail with EACCES or EPERM because the place cannot be written. */
const WRITE_CALLS = new Set(['mkdir', 'rename', 'unlink', 'rmdir', 'write', 'copyfile', 'symlink', 'link', 'utime']);

function syscallOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'syscall' in err
    ? String((err as { syscall: unknown }).syscall)
    : '';
}

/** The folder a file error names (its own path's folder), else the data folder. */
function folderOf(err: unknown, fallback: string): string {
  const p = typeof err === 'object' && err !== null && 'path' in err ? (err as { path: unknown }).path : undefined;
  if (typeof p !== 'string' || p === '') return fallback;
  return path.dirname(path.resolve(p));
}

export function databaseBusy(): AppError {
  return new AppError(
    'database-busy',
    'The data is being changed by another program or command (an import, a sync, another window) and did not become free in time. Nothing was saved; try again in a moment.',
  );
}

export function diskFull(folder: string): AppError {
  return new AppError(
    'disk-full',
    `The disk holding ${folder} is full. Nothing was saved; free some space and try again. Everything already stored can still be read.`,
  );
}

export function readOnlyFolder(folder: string): AppError {
  return new AppError(
    'read-only',
    `The data folder ${folder} cannot be written (it is read-only or you lack permission). The data can be read but not changed; make the folder writable to save changes.`,
  );
}

/**
 * The storage condition behind `err` as an AppError, or null when it is not one. `dataDir` is named
 * for database errors (which carry no path); file errors name their own folder.
 */
export function storageError(err: unknown, dataDir: string): AppError | null {
  if (err instanceof AppError) return null;
  const code = codeOf(err);
  if (!code) return null;
  if (BUSY.test(code)) return databaseBusy();
  if (FULL.test(code)) return diskFull(dataDir);
  if (code === 'ENOSPC' || code === 'EDQUOT') return diskFull(folderOf(err, dataDir));
  if (READ_ONLY.test(code)) return readOnlyFolder(dataDir);
  if (code === 'EROFS') return readOnlyFolder(folderOf(err, dataDir));
  if ((code === 'EACCES' || code === 'EPERM') && WRITE_CALLS.has(syscallOf(err))) {
    return readOnlyFolder(folderOf(err, dataDir));
  }
  return null;
}
