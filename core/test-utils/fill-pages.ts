import type { Sqlite } from '../db/open.ts';

/**
 * Adds `rows` plain audit rows (ids `<prefix>-0`, `<prefix>-1`, …) and checkpoints the WAL into the
 * file: the database then spans many pages on disk, so a test can damage one page of a table and leave
 * the rest readable.
 */
export function fillAuditLog(sqlite: Sqlite, prefix: string, rows = 3000): void {
  const insert = sqlite.prepare(
    "INSERT INTO audit_log (id, at, actor, host, entity, entity_id, action, fields) VALUES (?, 1, 'a', 'cli', 'client', 'x', 'create', '[]')",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`${prefix}-${i}`);
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
