import type { Core } from '../app.ts';

/**
 * The CLI has no running process to keep a backup schedule (except `serve`, which runs the app's
 * timer), so after a command that changed the database it catches up: when the schedule says a backup
 * is due (by default the last one is over a day old), it writes one, encrypted like the app's, and
 * prunes to the number kept. A failed backup does not fail the command that already succeeded: it is
 * said on stderr and recorded for `bioai backup list` and Settings → Backups.
 */
export function autoBackup(core: Core): void {
  if (core.session.status().state !== 'unlocked') return;
  const opened = core.session.database();
  // Rows this connection inserted, changed or deleted (reads and a read-only folder leave it at 0).
  const changes = opened.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number };
  if (changes.n === 0) return;
  const { error } = core.backups.catchUp();
  if (error) process.stderr.write(`bioai: note: ${error}\n`);
}
