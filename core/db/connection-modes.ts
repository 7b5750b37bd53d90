import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * How connections are opened beyond the defaults (used by open.ts): read-only for a data folder that
 * cannot be written, and write transactions that take the lock at BEGIN.
 */

type Sqlite = Database.Database;
type KeyDatabase = (sqlite: Sqlite, key: Buffer) => void;

function readOnlyConnection(file: string, key: Buffer, keyDatabase: KeyDatabase): Sqlite {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    keyDatabase(sqlite, key);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/**
 * A read-only connection. A WAL database needs its shared-memory file beside it, which a read-only
 * folder cannot hold; then the still-encrypted file (and its WAL) is copied to a private temporary
 * folder and opened there read-only. The copy is unlinked once open (the connection keeps it).
 */
export function openForReading(file: string, key: Buffer, keyDatabase: KeyDatabase): Sqlite {
  try {
    return readOnlyConnection(file, key, keyDatabase);
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    if (!/^SQLITE_(CANTOPEN|IOERR)/.test(code)) throw err;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-readonly-'));
  try {
    const copy = path.join(dir, path.basename(file));
    for (const suffix of ['', '-wal']) {
      if (suffix && !fs.existsSync(file + suffix)) continue;
      fs.copyFileSync(file + suffix, copy + suffix);
      fs.chmodSync(copy + suffix, 0o600);
    }
    return readOnlyConnection(copy, key, keyDatabase);
  } finally {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Where open files cannot be removed (Windows) the encrypted copy stays in the temp folder.
    }
  }
}

/**
 * Makes every transaction on this connection BEGIN IMMEDIATE, drizzle's included (it asks for the
 * "deferred" variant). A deferred transaction that reads and then writes while another process holds
 * the write lock waits for the lock, then fails at once (SQLITE_BUSY_SNAPSHOT) because that writer's
 * commit made its read stale; an immediate one waits for the lock first (busy_timeout) and then reads.
 */
export function immediateTransactions(sqlite: Sqlite): void {
  const plain = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: never[]) => unknown) => {
    const tx = plain(fn);
    const run = (...args: never[]): unknown => tx.immediate(...args);
    Object.defineProperties(run, {
      default: { value: tx.immediate },
      deferred: { value: tx.immediate },
      immediate: { value: tx.immediate },
      exclusive: { value: tx.exclusive },
      database: { value: sqlite },
    });
    return run;
  }) as Sqlite['transaction'];
}
