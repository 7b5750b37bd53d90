import { describe, expect, it } from 'vitest';
import type { Client } from '../api/schemas.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { reconcileRecommendations } from './apply.ts';

describe('reconcileRecommendations', () => {
  it('closes duplicates opened on two computers the same way everywhere, keeping a decision', async () => {
    const clock = fixedClock();
    const core = await unlockedCore({ clock });
    const c = await ok<Client>(core, 'clients.create', { name: 'Hana Example' });
    const { sqlite } = core.session.database();
    const insert = sqlite.prepare(
      `INSERT INTO recommendations (id, client_id, rule_id, rule_version, title, message, rationale, severity, category,
         confidence, suggestions, guardrails, "references", condition, "values", status, created_at, updated_at)
       VALUES (?, ?, ?, 1, 't', 'm', 'r', 'low', 'c', 0.5, '[]', '[]', '[]', 'true', '{}', ?, 1, 1)`,
    );
    insert.run('0190aaaa-0000-7000-8000-000000000002', c.id, 'fibre-low', 'new');
    insert.run('0190aaaa-0000-7000-8000-000000000001', c.id, 'fibre-low', 'new'); // made on the other computer
    insert.run('0190aaaa-0000-7000-8000-000000000003', c.id, 'fibre-low', 'accepted');
    insert.run('0190aaaa-0000-7000-8000-000000000009', c.id, 'sodium-high', 'new');
    expect(reconcileRecommendations(sqlite, [c.id], clock.now())).toBe(2);
    const open = sqlite
      .prepare('SELECT id, rule_id, status FROM recommendations WHERE deleted_at IS NULL ORDER BY id')
      .all();
    expect(open).toEqual([
      { id: '0190aaaa-0000-7000-8000-000000000001', rule_id: 'fibre-low', status: 'accepted' },
      { id: '0190aaaa-0000-7000-8000-000000000009', rule_id: 'sodium-high', status: 'new' },
    ]);
    expect(reconcileRecommendations(sqlite, [c.id], clock.now())).toBe(0);
  });
});
