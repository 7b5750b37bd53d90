import Database from 'better-sqlite3-multiple-ciphers';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../api/errors.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;
export interface OpenedDatabase {
  sqlite: Sqlite;
  db: Db;
  /** The schema version after migrations (the number of migrations applied). */
  schemaVersion: number;
}

export const DATABASE_FILE = 'bioai.db';

/** The migrations folder beside this file; bundled hosts (Electron) pass their own copy. */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations', import.meta.url));
}

interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}

interface Migration {
  tag: string;
  when: number;
  hash: string;
  statements: string[];
}

/** Reads drizzle-kit's journal and SQL files. The order is the journal's; files are never edited. */
export function readMigrations(dir: string): Migration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries
    .slice()
    .sort((a, b) => a.idx - b.idx)
    .map((entry) => {
      const sql = fs.readFileSync(path.join(dir, `${entry.tag}.sql`), 'utf8');
      return {
        tag: entry.tag,
        when: entry.when,
        hash: createHash('sha256').update(sql).digest('hex'),
        statements: sql
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      };
    });
}

function keyDatabase(sqlite: Sqlite, key: Buffer): void {
  if (key.length !== 32) throw new AppError('internal', 'The database key has the wrong length.');
  // SQLCipher 4 format (the cipher of SQLite3 Multiple Ciphers with legacy=4); a raw 256-bit key in
  // x'…' form skips SQLCipher's own PBKDF2, since the key is already random.
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
}

function sqliteCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/** Moves a damaged database (and its WAL/SHM) aside so nothing overwrites it; returns the new name. */
export function quarantine(file: string, now = Date.now()): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const target = `${file}.damaged-${stamp}`;
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

/** The page cache of a connection, in KiB (SQLite's negative cache_size); see applyConnectionPragmas. */
export const PAGE_CACHE_KIB = 65_536;

/**
 * The per-connection settings, the same for the encrypted database and for any plain SQLite file
 * compared with it (the storage benchmark). With encryption every page read from disk is decrypted
 * and its HMAC checked, and mmap cannot be used; a 64 MiB page cache keeps decrypted pages of the
 * working set (a practice's recent events and daily totals) in memory instead of the default 2 MiB.
 * Sorts and temporary indexes (GROUP BY, window functions) stay in memory, so no temporary file is
 * written, encrypted or not.
 */
export function applyConnectionPragmas(sqlite: Sqlite): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  sqlite.pragma('temp_store = MEMORY');
}

export interface OpenOptions {
  file: string;
  key: Buffer;
  migrationsDir?: string;
  /** Create the file when it does not exist (first run). Otherwise a missing file is an error. */
  create?: boolean;
}

/**
 * Opens the encrypted database: key first, then a probe query (a wrong key only shows on the first
 * read), a quick integrity check, the version gate, pragmas and migrations. A damaged file is moved
 * aside and reported; a database written by a newer app version is refused untouched.
 */
export function openDatabase(options: OpenOptions): OpenedDatabase {
  const { file, key } = options;
  const exists = fs.existsSync(file);
  if (!exists && !options.create) {
    throw new AppError('not-found', `No database at ${file}.`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Create the file owner-only before SQLite does (it would use 0644); WAL and SHM copy its mode.
  if (!exists) fs.closeSync(fs.openSync(file, 'a', 0o600));
  const sqlite = new Database(file);
  try {
    keyDatabase(sqlite, key);
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      if (sqliteCode(err) === 'SQLITE_NOTADB') {
        throw new AppError('not-a-database', 'Wrong passphrase, or not a BioAI Nutrition database.');
      }
      throw err;
    }
    const check = sqlite.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') {
      sqlite.close();
      const moved = quarantine(file);
      throw new AppError(
        'database-corrupt',
        `The database was damaged and has been moved aside to ${path.basename(moved)}. Restore a backup, or unlock again to start an empty database.`,
      );
    }
    const migrations = readMigrations(options.migrationsDir ?? defaultMigrationsDir());
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) {
      throw new AppError(
        'database-too-new',
        `This data was written by a newer version of BioAI Nutrition (schema ${version}; this version knows ${migrations.length}). Update the app to open it; nothing was changed.`,
      );
    }
    applyConnectionPragmas(sqlite);
    migrate(sqlite, migrations, version);
    return { sqlite, db: drizzle(sqlite, { schema }), schemaVersion: migrations.length };
  } catch (err) {
    if (sqlite.open) sqlite.close();
    if (err instanceof AppError) throw err;
    if (sqliteCode(err) === 'SQLITE_CORRUPT') {
      const moved = quarantine(file);
      throw new AppError(
        'database-corrupt',
        `The database was damaged and has been moved aside to ${path.basename(moved)}. Restore a backup, or unlock again to start an empty database.`,
      );
    }
    throw err;
  }
}

/**
 * Applies pending migrations, each in its own transaction together with the bump of user_version,
 * so a crash leaves the database at a whole version. A record of each applied migration (tag and
 * hash) is kept for support.
 */
function migrate(sqlite: Sqlite, migrations: Migration[], from: number): void {
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, tag TEXT NOT NULL, hash TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  for (let v = from; v < migrations.length; v++) {
    const m = migrations[v];
    if (!m) break;
    sqlite.transaction(() => {
      for (const statement of m.statements) sqlite.exec(statement);
      sqlite
        .prepare('INSERT INTO schema_migrations (version, tag, hash, applied_at) VALUES (?, ?, ?, ?)')
        .run(v + 1, m.tag, m.hash, Date.now());
      sqlite.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** Re-encrypts the whole database under a new key (SQLCipher rekey; works in WAL mode). */
export function rekeyDatabase(sqlite: Sqlite, newKey: Buffer): void {
  if (newKey.length !== 32) throw new AppError('internal', 'The database key has the wrong length.');
  sqlite.pragma(`rekey="x'${newKey.toString('hex')}'"`);
}
