import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import { ok, unlockedCore } from '../test-utils/core-harness.ts';
import { DAILY_TOTALS_COLUMNS, DAILY_TOTALS_SELECT } from './daily-totals-sql.ts';

describe('daily_totals', () => {
  it('the triggers keep exactly what a full rebuild from events would compute', async () => {
    const core = await unlockedCore();
    const c = await ok<Client>(core, 'clients.create', { name: 'Trigger Check', weightKg: 70 });
    const ids: string[] = [];
    for (let d = 1; d <= 5; d++) {
      const date = `2026-02-0${d}`;
      const r = await ok<{ entry: { id: string } }>(core, 'log.add', {
        kind: 'diet',
        clientId: c.id,
        date,
        foodId: 'usda:09040',
        grams: 50 * d,
      });
      ids.push(r.entry.id);
      await ok(core, 'log.add', { kind: 'diet', clientId: c.id, date, foodId: 'usda:01077', amount: '1 cup' });
      await ok(core, 'log.add', { kind: 'activity', clientId: c.id, date, activity: 'walking-brisk', minutes: 20 + d });
      await ok(core, 'log.add', { kind: 'sleep', clientId: c.id, date, hours: 6 + d / 2, quality: (d % 5) + 1 });
    }
    await ok(core, 'log.delete', { id: ids[1] });
    await ok(core, 'log.update', {
      id: ids[2],
      entry: { kind: 'diet', clientId: c.id, date: '2026-02-05', foodId: 'usda:09040', grams: 10 },
    });
    const { sqlite } = core.session.database();
    const kept = sqlite.prepare(`SELECT ${DAILY_TOTALS_COLUMNS} FROM daily_totals ORDER BY local_date`).all();
    const rebuilt = sqlite
      .prepare(
        `SELECT ${DAILY_TOTALS_SELECT} FROM events WHERE deleted_at IS NULL GROUP BY client_id, local_date ORDER BY local_date`,
      )
      .raw()
      .all();
    expect(kept.map((r) => Object.values(r as object))).toEqual(rebuilt);
    expect(kept).toHaveLength(5);
  });
});
