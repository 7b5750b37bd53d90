import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { Visit } from '../contract/visits.ts';
import { ok } from '../test-utils/core-harness.ts';
import { practice, sync, useSyncServer } from '../test-utils/sync-harness.ts';
import { sqliteOf } from '../test-utils/sync-inspect.ts';
import { TABLE_SPECS, tablesAtLevel } from './protocol/tables.ts';
import { ENCRYPTED_PREFIX } from './protocol/wire.ts';

/**
 * A client's visits between two real computers (each a core over its own SQLCipher database) through
 * the real server over a real PostgreSQL: they travel whole (note, goals with their ids, follow-up),
 * the server holds only ciphertext of them (the client link and the delete aside), and a deleted
 * client's visits are erased there and gone from every computer.
 */

const server = useSyncServer();
const ASSESSMENT = 'Skips breakfast on shift days; snacks from the vending machine.';
const GOAL = 'Bring a packed breakfast on shift days';

async function serverRows(clientId: string) {
  const r = await server.current.pool.query<{ id: string; fields: Record<string, unknown> }>(
    `SELECT id::text AS id, fields FROM client_visits WHERE fields->>'client_id' = $1 ORDER BY id`,
    [clientId],
  );
  return r.rows;
}

const list = (core: Parameters<typeof ok>[0], clientId: string) => ok<Visit[]>(core, 'visits.list', { clientId });

const input = (clientId: string, extra: object = {}) => ({
  clientId,
  date: '2026-03-01',
  type: 'first',
  durationMin: 50,
  note: { format: 'adime', assessment: ASSESSMENT },
  goals: [
    { text: GOAL, reviewOn: '2026-04-01' },
    { text: 'Waist 80 cm', measureKind: 'waist', targetValue: 80 },
  ],
  nextFollowUp: '2026-03-29',
  ...extra,
});

describe('visits sync', () => {
  it('reach the other computer, edits and deletes come back, and the server holds ciphertext only', async () => {
    expect(TABLE_SPECS.client_visits.encrypted).toEqual(
      TABLE_SPECS.client_visits.fields.filter((f) => f !== 'client_id' && f !== 'deleted_at'),
    );
    const { a, join } = await practice(server.current.url);
    const ada = await ok<Client>(a.core, 'clients.create', { name: 'Ada Example' });
    const first = await ok<Visit>(a.core, 'visits.add', input(ada.id));
    const second = await ok<Visit>(
      a.core,
      'visits.add',
      input(ada.id, { date: '2026-03-10', type: 'phone', goals: [] }),
    );
    await sync(a.core);

    const b = await join('Laptop');
    await sync(b.core);
    expect(await list(b.core, ada.id)).toEqual(await list(a.core, ada.id));

    const rows = await serverRows(ada.id);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      // Every field of the row travelled (a new row sends its non-empty fields: no deleted_at yet).
      expect(Object.keys(r.fields).sort()).toEqual(
        TABLE_SPECS.client_visits.fields.filter((f) => f !== 'deleted_at').sort(),
      );
      for (const [field, value] of Object.entries(r.fields)) {
        if (field === 'client_id' || field === 'deleted_at') continue;
        expect(String(value), field).toMatch(new RegExp(`^${ENCRYPTED_PREFIX}`));
      }
    }
    // Each field is ciphertext (above); only strings random base64 cannot spell by chance are searched for.
    const stored = JSON.stringify(rows);
    for (const plain of [ASSESSMENT, GOAL, '2026-03-29', 'follow-up', 'assessment', first.goals[0]!.id])
      expect(stored).not.toContain(plain);

    // B edits the first visit (the goal keeps its id) and deletes the second; A gets both.
    b.clock.advance(60_000);
    const goal = first.goals[0]!;
    await ok(b.core, 'visits.update', {
      id: first.id,
      visit: input(ada.id, { goals: [{ id: goal.id, text: GOAL, status: 'met' }], nextFollowUp: '2026-04-05' }),
    });
    await ok(b.core, 'visits.delete', { id: second.id });
    await sync(b.core);
    await sync(a.core);
    const onA = await list(a.core, ada.id);
    expect(onA.map((v) => [v.id, v.nextFollowUp, v.goals.map((g) => [g.id, g.status])])).toEqual([
      [first.id, '2026-04-05', [[goal.id, 'met']]],
    ]);
    // updated_at is each computer's own edit time (it does not travel); everything else agrees.
    const content = (vs: Visit[]) => vs.map(({ updatedAt: _, ...rest }) => rest);
    expect(content(onA)).toEqual(content(await list(b.core, ada.id)));
  });

  it("an erased client's visits are erased on the server and gone from every computer", async () => {
    const { a, join } = await practice(server.current.url);
    const cleo = await ok<Client>(a.core, 'clients.create', { name: 'Cleo Example' });
    const v = await ok<Visit>(a.core, 'visits.add', input(cleo.id));
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    expect(await list(b.core, cleo.id)).toHaveLength(1);

    // B deletes the client; A, offline, edits the visit later still.
    b.clock.advance(10_000);
    await ok(b.core, 'clients.delete', { id: cleo.id });
    const count = (d: typeof a) =>
      sqliteOf(d).prepare('SELECT count(*) AS n FROM client_visits WHERE client_id = ?').get(cleo.id);
    expect(count(b)).toEqual({ n: 0 });
    a.clock.advance(60_000);
    await ok(a.core, 'visits.update', { id: v.id, visit: input(cleo.id, { durationMin: 55 }) });
    await sync(b.core);
    await sync(a.core);
    await sync(b.core);

    const rows = await serverRows(cleo.id);
    expect(rows).toHaveLength(1);
    const kept = Object.entries(rows[0]!.fields).filter(([, value]) => value !== null);
    expect(kept.map(([f]) => f).sort()).toEqual(['client_id', 'deleted_at']);
    for (const d of [a, b]) {
      expect(count(d)).toEqual({ n: 0 });
      expect(sqliteOf(d).prepare('SELECT count(*) AS n FROM sync_parked').get()).toEqual({ n: 0 });
      expect(sqliteOf(d).prepare("SELECT count(*) AS n FROM sync_dirty WHERE tbl = 'client_visits'").get()).toEqual({
        n: 0,
      });
    }
  });

  it('an earlier version is never sent them; a computer that synced before it knew them pulls again once', async () => {
    expect(tablesAtLevel(5)).not.toContain('client_visits');
    expect(tablesAtLevel(6)).toContain('client_visits');
    const { a, join } = await practice(server.current.url);
    const ada = await ok<Client>(a.core, 'clients.create', { name: 'Ada Example' });
    const v = await ok<Visit>(a.core, 'visits.add', input(ada.id));
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    // B as an earlier version left it: its cursor past the visit, which it was never sent.
    const db = sqliteOf(b);
    db.prepare('DELETE FROM client_visits').run();
    db.prepare("DELETE FROM sync_stamps WHERE tbl = 'client_visits'").run();
    db.prepare("UPDATE sync_state SET value = '5' WHERE key = 'table_level'").run();
    expect(await list(b.core, ada.id)).toEqual([]);
    await sync(b.core);
    expect((await list(b.core, ada.id)).map((x) => [x.id, x.goals.length])).toEqual([[v.id, 2]]);
  });
});
