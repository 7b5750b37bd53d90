import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors.ts';
import { repairPageOne } from './cipher-pages.ts';
import { isDamageError, isNotADatabaseError, openDatabase, openKeyed, type Sqlite } from './open.ts';

/**
 * Salvage: copies every row that still reads back from a damaged database into a fresh one (same key,
 * schema made by the migrations), table by table in rowid order. SQLCipher authenticates each page
 * with its HMAC, so a damaged page raises SQLITE_CORRUPT instead of returning wrong rows; around such
 * a page the copy bisects the rowid space to find the next key that reads, and counts the rowids it
 * had to skip as lost (an estimate: rowids are dense in this schema, deleted rows make it high).
 * Only derived data is not copied: the per-day totals (recomputed from the salvaged events by their
 * triggers) and the food search index (rebuilt). The damaged file is never written: the copy reads a
 * working copy beside the target, removed afterwards. Design notes: docs/decisions/damaged-database.md.
 */

export interface TableReport {
  table: string;
  recovered: number;
  /** Rowids skipped because the pages holding them (or their overflow pages) did not read back. */
  lostEstimate: number;
  /** True when the end of the table did not read back: rows after the last recovered one are unknown. */
  tailLost: boolean;
  /** The table's top page did not read back at all. */
  unreadable: boolean;
}

export interface SalvageReport {
  tables: TableReport[];
  recovered: number;
  lostEstimate: number;
  /** Whether page 1 (file header and the top of the table of contents) had to be repaired. */
  repairedPageOne: boolean;
  finishedAt: number;
}

export interface SalvageProgress {
  table: string;
  done: number;
  total: number;
}

export interface SalvageOptions {
  source: string;
  key: Buffer;
  target: string;
  migrationsDir?: string | undefined;
  onProgress?: (p: SalvageProgress) => void;
  now?: () => number;
}

/** Tables whose content is computed from others; rebuilt rather than copied. */
const DERIVED = new Set(['daily_totals', 'schema_migrations']);
const MIN = Number.MIN_SAFE_INTEGER;
const MAX = Number.MAX_SAFE_INTEGER;
const BATCH = 500;

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

interface TableInfo {
  name: string;
  columns: string[];
}

/** Ordinary rowid tables of the fresh target (virtual tables and their shadow tables excluded). */
function copyableTables(target: Sqlite): TableInfo[] {
  const rows = target
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string; sql: string }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql)).map((r) => r.name);
  return rows
    .filter((r) => !/^CREATE VIRTUAL TABLE/i.test(r.sql) && !/WITHOUT ROWID/i.test(r.sql))
    .filter((r) => !virtual.some((v) => r.name.startsWith(`${v}_`)) && !DERIVED.has(r.name))
    .map((r) => ({
      name: r.name,
      columns: (target.pragma(`table_info(${quote(r.name)})`) as { name: string }[]).map((c) => c.name),
    }));
}

function isUnreadable(err: unknown): boolean {
  return isDamageError(err) || isNotADatabaseError(err);
}

/**
 * Copies one table. Reads in rowid order from `cursor`; when a read fails, the next row is tried on
 * its own (a damaged overflow page loses only that row), and when even its key cannot be read, the
 * smallest c > cursor whose "rowid > c" seek reads is found by doubling then bisecting: the rowids in
 * between lived on the damaged pages.
 */
function copyTable(source: Sqlite, target: Sqlite, table: TableInfo, sourceColumns: Set<string>): TableReport {
  const cols = table.columns.filter((c) => sourceColumns.has(c));
  const list = cols.map(quote).join(', ');
  const t = quote(table.name);
  const batch = source.prepare(`SELECT rowid AS __rowid, ${list} FROM ${t} WHERE rowid >= ? ORDER BY rowid LIMIT ?`);
  const nextKey = source.prepare(`SELECT rowid AS r FROM ${t} WHERE rowid >= ? ORDER BY rowid LIMIT 1`).pluck();
  const one = source.prepare(`SELECT rowid AS __rowid, ${list} FROM ${t} WHERE rowid = ?`);
  const insert = target.prepare(
    `INSERT INTO ${t} (rowid, ${list}) VALUES (${['?', ...cols.map(() => '?')].join(', ')})`,
  );
  const report: TableReport = { table: table.name, recovered: 0, lostEstimate: 0, tailLost: false, unreadable: false };
  const put = (row: Record<string, unknown>): void => {
    insert.run(row.__rowid, ...cols.map((c) => row[c]));
    report.recovered++;
  };
  /** Whether a seek to the first rowid >= c reads (next: that rowid, undefined when there is none). */
  const seek = (c: number): { ok: boolean; next: number | undefined } => {
    try {
      return { ok: true, next: nextKey.get(c) as number | undefined };
    } catch (err) {
      if (isUnreadable(err)) return { ok: false, next: undefined };
      throw err;
    }
  };

  /** The next rowid to read. */
  let from = MIN;
  for (;;) {
    let got = 0;
    let failed = false;
    try {
      for (const row of batch.iterate(from, BATCH) as Iterable<Record<string, unknown>>) {
        put(row);
        from = (row.__rowid as number) + 1;
        got++;
      }
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      failed = true;
    }
    if (!failed) {
      if (got < BATCH) break;
      continue;
    }
    // The next key may still read (only the row's overflow pages are damaged).
    const probe = seek(from);
    if (probe.ok) {
      if (probe.next === undefined) break;
      try {
        const row = one.get(probe.next) as Record<string, unknown> | undefined;
        if (row) put(row);
      } catch (err) {
        if (!isUnreadable(err)) throw err;
        report.lostEstimate++;
      }
      from = probe.next + 1;
      continue;
    }
    // Leaf or interior pages from here on are damaged: find the smallest c whose seek reads, by
    // doubling the step and then bisecting (bad, good].
    // Rowids start at 1 in this schema: damage at the very start is searched from rowid 1 (a seek to
    // 1 lands on the same first leaf as one to MIN), so that the steps stay the size of the damage.
    // Steps across the whole negative range would put two damaged places in one bisected span, and
    // the readable rows between them would be skipped as lost.
    const base = from === MIN ? 1 : from;
    let step = 1;
    let bad = base;
    let good: number | null = null;
    for (;;) {
      const c = Math.min(base + step, MAX - 1);
      if (seek(c).ok) {
        good = c;
        break;
      }
      bad = c;
      if (c === MAX - 1) break;
      step *= 2;
    }
    if (good === null) {
      report.tailLost = true;
      if (report.recovered === 0 && from === MIN) report.unreadable = true;
      break;
    }
    let lo = bad;
    let hi = good;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (seek(mid).ok) hi = mid;
      else lo = mid;
    }
    // Rowids start at 1 in this schema, so a table damaged from its start lost rowids 1 … hi-1.
    const resume = seek(hi).next;
    if (resume === undefined) {
      // Nothing reads after the damage: the rows that were there (if any) are unknown.
      report.tailLost = true;
      break;
    }
    report.lostEstimate += Math.max(0, hi - (from === MIN ? 1 : from));
    from = hi;
  }
  return report;
}

/** Names of the triggers of `db` with their SQL (to drop them during the copy and create them again). */
function triggers(db: Sqlite, keep: (name: string) => boolean): { name: string; sql: string }[] {
  return (
    db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
      name: string;
      sql: string;
    }[]
  ).filter((t) => !keep(t.name));
}

const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs the salvage into `target` (a new database under the same key). Async only to let the host
 * deliver progress between tables; the work itself is synchronous SQLite. On failure the target is
 * removed; the source is never written.
 */
export async function salvageDatabase(options: SalvageOptions): Promise<SalvageReport> {
  const { key, target } = options;
  if (!fs.existsSync(options.source)) throw new AppError('not-found', 'There is no damaged database to salvage.');
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  // A working copy (still encrypted) so that the damaged original is only ever read.
  const work = `${target}.work`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(work + suffix, { force: true });
  fs.copyFileSync(options.source, work);
  fs.chmodSync(work, 0o600);
  if (fs.existsSync(`${options.source}-wal`)) fs.copyFileSync(`${options.source}-wal`, `${work}-wal`);
  let source: Sqlite | null = null;
  let out: ReturnType<typeof openDatabase> | null = null;
  try {
    const repairedPageOne = repairPageOne(work, key);
    try {
      source = openKeyed(work, key);
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      throw new AppError(
        'database-damaged',
        "The damaged part includes the database's table of contents, so no table can be located and nothing can be salvaged from it. Restore a backup (or start with an empty database); the damaged file is kept.",
      );
    }
    const sourceTables = new Map<string, Set<string>>();
    for (const name of source
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[]) {
      try {
        sourceTables.set(
          name,
          new Set((source.pragma(`table_info(${quote(name)})`) as { name: string }[]).map((c) => c.name)),
        );
      } catch (err) {
        if (!isUnreadable(err)) throw err;
      }
    }
    out = openDatabase({
      file: target,
      key,
      create: true,
      ...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}),
    });
    const db = out.sqlite;
    const tables = copyableTables(db).filter((t) => sourceTables.has(t.name));
    // Copies are verbatim: change-tracking and search-index triggers stay off (the index is rebuilt);
    // the per-day totals triggers stay on to recompute the totals from the salvaged events.
    const paused = triggers(db, (name) => name.startsWith('events_daily_'));
    db.pragma('foreign_keys = OFF');
    for (const t of paused) db.exec(`DROP TRIGGER ${quote(t.name)}`);
    // The fresh database's own seed rows (settings, sync metadata) give way to the salvaged ones.
    const reports: TableReport[] = [];
    db.exec('BEGIN');
    try {
      for (const t of tables) db.exec(`DELETE FROM ${quote(t.name)}`);
      for (const [i, t] of tables.entries()) {
        options.onProgress?.({ table: t.name, done: i, total: tables.length });
        await breathe();
        reports.push(copyTable(source as Sqlite, db, t, sourceTables.get(t.name) as Set<string>));
      }
      for (const t of paused) db.exec(t.sql);
      const fts = db.prepare("SELECT name FROM sqlite_master WHERE name = 'foods_fts'").pluck().get();
      if (fts) db.exec("INSERT INTO foods_fts(foods_fts) VALUES('rebuild')");
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
    db.pragma('foreign_keys = ON');
    db.pragma('wal_checkpoint(TRUNCATE)');
    options.onProgress?.({ table: '', done: tables.length, total: tables.length });
    return {
      tables: reports,
      recovered: reports.reduce((n, r) => n + r.recovered, 0),
      lostEstimate: reports.reduce((n, r) => n + r.lostEstimate, 0),
      repairedPageOne,
      finishedAt: (options.now ?? Date.now)(),
    };
  } catch (err) {
    out?.sqlite.close();
    out = null;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
    throw err;
  } finally {
    source?.close();
    out?.sqlite.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(work + suffix, { force: true });
  }
}

export interface MergeReport {
  table: string;
  added: number;
  updated: number;
  /** Rows that clash with a different row on another unique column; the restored row is kept. */
  skipped: number;
}

/**
 * Adds to `target` (a restored backup) the rows of `salvage` that are newer: a row whose primary key
 * the backup does not have is added; a row it has is replaced when the salvaged copy's updated_at is
 * later (tables without updated_at only gain missing rows). Tables without a primary key are left as
 * restored. Rows deleted after the backup come back only if their tombstone (deleted_at) was salvaged,
 * which the updated_at rule then applies. Change-tracking triggers stay off, as in the salvage.
 */
export function mergeNewerRows(target: Sqlite, salvage: Sqlite): MergeReport[] {
  const tables = copyableTables(target);
  const sourceNames = new Set(
    salvage.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
  );
  const paused = triggers(target, (name) => name.startsWith('events_daily_'));
  const reports: MergeReport[] = [];
  target.pragma('foreign_keys = OFF');
  try {
    target.transaction(() => {
      for (const t of paused) target.exec(`DROP TRIGGER ${quote(t.name)}`);
      for (const table of tables) {
        if (!sourceNames.has(table.name)) continue;
        const info = target.pragma(`table_info(${quote(table.name)})`) as { name: string; pk: number }[];
        const pk = info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name);
        if (pk.length === 0) continue;
        const sourceCols = new Set(
          (salvage.pragma(`table_info(${quote(table.name)})`) as { name: string }[]).map((c) => c.name),
        );
        const cols = table.columns.filter((c) => sourceCols.has(c));
        if (!pk.every((c) => sourceCols.has(c))) continue;
        const t = quote(table.name);
        const where = pk.map((c) => `${quote(c)} = ?`).join(' AND ');
        const hasUpdated = cols.includes('updated_at');
        const find = target.prepare(`SELECT ${hasUpdated ? 'updated_at' : '1'} AS u FROM ${t} WHERE ${where}`);
        const insert = target.prepare(
          `INSERT INTO ${t} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        );
        const update = target.prepare(
          `UPDATE ${t} SET ${cols.map((c) => `${quote(c)} = ?`).join(', ')} WHERE ${where}`,
        );
        const report: MergeReport = { table: table.name, added: 0, updated: 0, skipped: 0 };
        for (const row of salvage.prepare(`SELECT ${cols.map(quote).join(', ')} FROM ${t}`).iterate() as Iterable<
          Record<string, unknown>
        >) {
          const key = pk.map((c) => row[c]);
          const values = cols.map((c) => row[c]);
          const existing = find.get(...key) as { u: unknown } | undefined;
          try {
            if (!existing) {
              insert.run(...values);
              report.added++;
            } else if (hasUpdated && Number(row.updated_at) > Number(existing.u)) {
              update.run(...values, ...key);
              report.updated++;
            }
          } catch (err) {
            if (!String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) throw err;
            report.skipped++;
          }
        }
        reports.push(report);
      }
      for (const t of paused) target.exec(t.sql);
      const fts = target.prepare("SELECT name FROM sqlite_master WHERE name = 'foods_fts'").pluck().get();
      if (fts) target.exec("INSERT INTO foods_fts(foods_fts) VALUES('rebuild')");
    })();
  } finally {
    target.pragma('foreign_keys = ON');
  }
  return reports;
}
