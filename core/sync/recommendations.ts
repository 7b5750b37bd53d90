import type { Sqlite } from '../db/open.ts';
import { prepared as prep } from '../db/statements.ts';

/**
 * Two computers evaluating rules offline can each open a recommendation for the same client and
 * rule. After a pull, the duplicates are resolved the same way on every computer: the row with the
 * smallest id stays (carrying over a decision made on the other), the others become tombstones.
 */
export function reconcileRecommendations(sqlite: Sqlite, clientIds: Iterable<string>, now: number): number {
  let closed = 0;
  const open = prep(
    sqlite,
    `SELECT id, rule_id, status, dismiss_reason FROM recommendations
     WHERE client_id = ? AND deleted_at IS NULL AND status IN ('new', 'accepted') ORDER BY rule_id, id`,
  );
  const tomb = prep(
    sqlite,
    'UPDATE recommendations SET deleted_at = ?, updated_at = max(updated_at + 1, ?) WHERE id = ?',
  );
  const carry = prep(sqlite, 'UPDATE recommendations SET status = ?, updated_at = max(updated_at + 1, ?) WHERE id = ?');
  for (const clientId of clientIds) {
    const rows = open.all(clientId) as { id: string; rule_id: string; status: string }[];
    for (let i = 1; i < rows.length; i++) {
      const keep = rows.find((r) => r.rule_id === rows[i]?.rule_id);
      const dup = rows[i];
      if (!keep || !dup || keep.id === dup.id) continue;
      if (keep.status === 'new' && dup.status === 'accepted') carry.run('accepted', now, keep.id);
      tomb.run(now, now, dup.id);
      closed++;
    }
  }
  return closed;
}
