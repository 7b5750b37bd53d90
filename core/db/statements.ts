import type Database from 'better-sqlite3-multiple-ciphers';
import type { Sqlite } from './open.ts';

type Statement = Database.Statement<unknown[]>;

const cache = new WeakMap<Sqlite, Map<string, Statement>>();

/**
 * A prepared statement for this SQL on this database, prepared once and kept for the database's
 * life. For code that builds its SQL at run time (sync's per-table column lists) and runs it per row.
 */
export function prepared(sqlite: Sqlite, sql: string): Statement {
  let m = cache.get(sqlite);
  if (!m) cache.set(sqlite, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = sqlite.prepare(sql)));
  return st;
}
