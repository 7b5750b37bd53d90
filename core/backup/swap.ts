import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../db/open.ts';
import { KEYRING_FILE, KEYRING_NEXT_FILE } from '../keys/keyring.ts';
import { RECOVERY_FILE, RECOVERY_NEXT_FILE } from '../keys/recovery.ts';
import { writeFileAtomic } from '../util/atomic-file.ts';

/**
 * Swapping a restored backup into the data folder, crash-safely.
 *
 * The restored database (re-keyed to the current data key, so the live key files stay; restores staged
 * by older versions also hold a key file and a recovery file) is first written and checked in a staging
 * folder beside the live files; a READY marker written last says the set is complete. Applying it
 * renames each staged file over its live counterpart (each rename is atomic) and then removes the
 * folder. A crash before READY leaves the live data as it was (the half-staged folder is discarded on
 * the next start); a crash after READY is finished on the next start, since applying is idempotent.
 */

export const RESTORE_STAGING_DIR = 'restore.pending';
const READY = 'READY';
const STAGED_FILES = [DATABASE_FILE, KEYRING_FILE, RECOVERY_FILE] as const;

export function stagingDir(dataDir: string): string {
  return path.join(dataDir, RESTORE_STAGING_DIR);
}

/** An empty staging folder (a leftover one is discarded). */
export function beginStaging(dataDir: string): string {
  const dir = stagingDir(dataDir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Marks the staged set complete; from here on the swap will be finished even after a crash. */
export function markStagingReady(dataDir: string): void {
  writeFileAtomic(path.join(stagingDir(dataDir), READY), 'ready\n');
}

export function discardStaging(dataDir: string): void {
  fs.rmSync(stagingDir(dataDir), { recursive: true, force: true });
}

/**
 * Finishes a staged restore (or discards an incomplete one). Call with the database closed.
 * Returns true when a restore was applied.
 */
export function applyPendingRestore(dataDir: string): boolean {
  const dir = stagingDir(dataDir);
  if (!fs.existsSync(dir)) return false;
  if (!fs.existsSync(path.join(dir, READY))) {
    discardStaging(dataDir);
    return false;
  }
  const live = (name: string): string => path.join(dataDir, name);
  // Half-finished key changes belong to the replaced data; they would not open the restored one.
  for (const name of [KEYRING_NEXT_FILE, RECOVERY_NEXT_FILE]) fs.rmSync(live(name), { force: true });
  // An older-style staged set (database with its own key file) but without a recovery file must not
  // keep the live one: it seals the replaced data's key. A database staged alone is under the live key.
  if (fs.existsSync(path.join(dir, KEYRING_FILE)) && !fs.existsSync(path.join(dir, RECOVERY_FILE))) {
    fs.rmSync(live(RECOVERY_FILE), { force: true });
  }
  for (const name of STAGED_FILES) {
    const staged = path.join(dir, name);
    if (!fs.existsSync(staged)) continue;
    if (name === DATABASE_FILE) {
      // The replaced database's WAL and SHM must not be applied to the restored file.
      for (const suffix of ['-wal', '-shm']) fs.rmSync(live(name) + suffix, { force: true });
    }
    fs.renameSync(staged, live(name));
  }
  discardStaging(dataDir);
  return true;
}
