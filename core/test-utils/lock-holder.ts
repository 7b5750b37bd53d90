import fs from 'node:fs';
import { openDatabase } from '../db/open.ts';

/**
 * Child process for core/host/storage-conditions.test.ts (run with `node`, type stripping): another
 * program writing the same data folder. It opens the encrypted database through the app's own
 * openDatabase, takes the write lock (BEGIN IMMEDIATE, as a long import's transaction holds it), says
 * `locked`, and commits when a line arrives on stdin (or when stdin closes), or after LOCK_HOLD_MS.
 *
 * env: LOCK_DB (file), LOCK_KEY (64 hex digits), LOCK_HOLD_MS (optional).
 */

const file = process.env['LOCK_DB'];
const key = process.env['LOCK_KEY'];
if (!file || !key) throw new Error('LOCK_DB and LOCK_KEY are required');

const { sqlite } = openDatabase({ file, key: Buffer.from(key, 'hex') });
sqlite.exec('BEGIN IMMEDIATE');
sqlite
  .prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
  .run('lock-holder', '1', Date.now());
fs.writeSync(1, 'locked\n');

let done = false;
const release = (): void => {
  if (done) return;
  done = true;
  sqlite.exec('COMMIT');
  sqlite.close();
  fs.writeSync(1, 'released\n');
  process.exit(0);
};
const hold = Number(process.env['LOCK_HOLD_MS'] ?? 0);
if (hold > 0) setTimeout(release, hold);
process.stdin.on('data', release);
process.stdin.on('end', release);
