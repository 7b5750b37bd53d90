import Database from 'better-sqlite3-multiple-ciphers';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../contract/errors.ts';
import { immediateTransactions, openForReading } from './connection-modes.ts';
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

/** Whether `err` is SQLite reporting a damaged page (not a wrong key: that is SQLITE_NOTADB on page 1). */
export function isDamageError(err: unknown): boolean {
  // SQLITE_CORRUPT and its extended codes: a page that does not read back (SQLCipher: its HMAC fails).
  return sqliteCode(err)?.startsWith('SQLITE_CORRUPT') ?? false;
}

export function isNotADatabaseError(err: unknown): boolean {
  return sqliteCode(err) === 'SQLITE_NOTADB';
}

/** The sentence every refusal of a damaged database carries: what to do, since nothing is done for you. */
export const DAMAGED_CHOICES =
  'Nothing was changed. Salvage the readable records into a new database, restore a backup, or explicitly start with an empty database (the damaged file is kept aside in every case).';

export function damagedError(detail: string): AppError {
  return new AppError('database-damaged', `The database file is damaged: ${detail} ${DAMAGED_CHOICES}`);
}

/**
 * Moves a database (and its WAL/SHM) aside under a dated name so nothing overwrites it; returns the
 * new name. Only the practitioner's choice after damage does this (salvage, restore, start empty);
 * opening never does.
 */
export function setAside(file: string, now = Date.now()): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = `${file}.damaged-${stamp}`;
  for (let n = 1; fs.existsSync(target); n++) target = `${file}.damaged-${stamp}-${n}`;
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
  /**
   * Open for reading only (the folder or file cannot be written): nothing is written, not even the
   * journal mode, and pending migrations are refused with a `read-only` error instead of applied.
   */
  readOnly?: boolean;
}

/** Opens `file` with `key` and checks the key on page 1 (the probe query); no integrity check. */
export function openKeyed(file: string, key: Buffer, readonly = false): Sqlite {
  const sqlite = new Database(file, readonly ? { readonly: true, fileMustExist: true } : {});
  try {
    keyDatabase(sqlite, key);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/**
 * Opens the encrypted database: key first, then a probe query (a wrong key only shows on the first
 * read), the version gate, pragmas and migrations. The cost does not grow with the file: no integrity
 * check runs here (the app checks in the background after unlock, core/db/integrity.ts). A page that
 * fails to read is reported as `database-damaged` and the file is left exactly where and as it is; a
 * database written by a newer app version is refused untouched. SQLITE_NOTADB (page 1 unreadable with
 * this key) is `not-a-database`: the caller, which knows whether the key is right, tells a wrong
 * passphrase from a damaged page 1.
 */
export function openDatabase(options: OpenOptions): OpenedDatabase {
  const { file, key } = options;
  const exists = fs.existsSync(file);
  if (!exists && !options.create) {
    throw new AppError('not-found', `No database at ${file}.`);
  }
  if (options.readOnly && !exists) throw new AppError('not-found', `No database at ${file}.`);
  if (!options.readOnly) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Create the file owner-only before SQLite does (it would use 0644); WAL and SHM copy its mode.
    if (!exists) fs.closeSync(fs.openSync(file, 'a', 0o600));
  }
  const sqlite = options.readOnly ? openForReading(file, key, keyDatabase) : new Database(file);
  try {
    if (!options.readOnly) keyDatabase(sqlite, key);
    // Before the first read: another process's write lock is waited for, not an instant error.
    sqlite.pragma('busy_timeout = 5000');
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      if (isNotADatabaseError(err)) {
        throw new AppError('not-a-database', 'Wrong passphrase, or not a BioAI Nutrition database.');
      }
      throw err;
    }
    const migrations = readMigrations(options.migrationsDir ?? defaultMigrationsDir());
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) {
      throw new AppError(
        'database-too-new',
        `This data was written by a newer version of BioAI Nutrition (schema ${version}; this version knows ${migrations.length}). Update the app to open it; nothing was changed.`,
      );
    }
    if (options.readOnly) {
      if (version < migrations.length) {
        throw new AppError(
          'read-only',
          `The data folder ${path.dirname(file)} is read-only, and this version of BioAI Nutrition must first upgrade the data in it (schema ${version} to ${migrations.length}). Make the folder writable and open it again; nothing was changed.`,
        );
      }
      sqlite.pragma('foreign_keys = ON');
      return { sqlite, db: drizzle(sqlite, { schema }), schemaVersion: migrations.length };
    }
    applyConnectionPragmas(sqlite);
    immediateTransactions(sqlite);
    migrate(sqlite, migrations, version);
    return { sqlite, db: drizzle(sqlite, { schema }), schemaVersion: migrations.length };
  } catch (err) {
    if (sqlite.open) sqlite.close();
    if (err instanceof AppError) throw err;
    if (isDamageError(err)) throw damagedError('a part of it does not read back.');
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
