import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { Measurement } from '../contract/measures.ts';
import { ok } from '../test-utils/core-harness.ts';
import { practice, sync, useSyncServer } from '../test-utils/sync-harness.ts';
import { sqliteOf } from '../test-utils/sync-inspect.ts';
import { tablesAtLevel } from './protocol/tables.ts';
import { ENCRYPTED_PREFIX } from './protocol/wire.ts';

/**
 * A client's measurements between two real computers (each a core over its own SQLCipher database)
 * through the real server over a real PostgreSQL: they travel, the server holds only ciphertext of
 * them (the client link and the delete aside), and a deleted client's are erased there and gone from
 * every computer.
 */

const server = useSyncServer();
const NOTE = 'fasting, morning sample';
const METHOD = 'BIA (Tanita BC-545)';

async function serverRows(clientId: string) {
  const r = await server.current.pool.query<{ id: string; fields: Record<string, unknown> }>(
    `SELECT id::text AS id, fields FROM client_measurements WHERE fields->>'client_id' = $1 ORDER BY id`,
    [clientId],
  );
  return r.rows;
}

const list = (core: Parameters<typeof ok>[0], clientId: string) =>
  ok<Measurement[]>(core, 'measures.list', { clientId });

describe('measurements sync', () => {
  it('reach the other computer, edits and deletes come back, and the server holds ciphertext only', async () => {
    const { a, join } = await practice(server.current.url);
    const ada = await ok<Client>(a.core, 'clients.create', { name: 'Ada Example' });
    const add = (input: object) => ok<Measurement>(a.core, 'measures.add', { clientId: ada.id, ...input });
    const weight = await add({ kind: 'weight', value: 163.2, unit: 'lb', date: '2026-03-01' });
    const ldl = await add({ kind: 'ldl-cholesterol', value: 131, unit: 'mg/dL', date: '2026-03-02', note: NOTE });
    await add({ kind: 'body-fat', value: 31.4, method: METHOD, date: '2026-03-03' });
    await sync(a.core);

    const b = await join('Laptop');
    await sync(b.core);
    expect(await list(b.core, ada.id)).toEqual(await list(a.core, ada.id));

    const rows = await serverRows(ada.id);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      for (const [field, value] of Object.entries(r.fields)) {
        if (field === 'client_id' || field === 'deleted_at') continue;
        expect(String(value), field).toMatch(new RegExp(`^${ENCRYPTED_PREFIX}`));
      }
    }
    // Each field is ciphertext (above); the values typed must not show through. Only strings that random
    // base64 cannot spell by chance are searched for: "lb" or "131" turn up in a few hundred characters
    // of any ciphertext (about one run in four for "lb"), so short units and numbers rest on the check above.
    const stored = JSON.stringify(rows);
    for (const plain of [NOTE, METHOD, 'ldl-cholesterol', 'mg/dL', '163.2', '2026-03-02'])
      expect(stored).not.toContain(plain);

    // B corrects the LDL and deletes the weight; A gets both.
    b.clock.advance(60_000);
    await ok(b.core, 'measures.update', {
      id: ldl.id,
      measurement: { clientId: ada.id, kind: 'ldl-cholesterol', value: 3.1, unit: 'mmol/L', date: '2026-03-02' },
    });
    await ok(b.core, 'measures.delete', { id: weight.id });
    await sync(b.core);
    await sync(a.core);
    const onA = await list(a.core, ada.id);
    expect(onA.map((m) => [m.kind, m.enteredValue, m.unit, m.note])).toEqual([
      ['body-fat', 31.4, '%', null],
      ['ldl-cholesterol', 3.1, 'mmol/L', null],
    ]);
    // updated_at is each computer's own edit time (it does not travel); everything else agrees.
    const content = (ms: Measurement[]) => ms.map(({ updatedAt: _, ...rest }) => rest);
    expect(content(onA)).toEqual(content(await list(b.core, ada.id)));
  });

  it("an erased client's measurements are erased on the server and gone from every computer", async () => {
    const { a, join } = await practice(server.current.url);
    const cleo = await ok<Client>(a.core, 'clients.create', { name: 'Cleo Example' });
    const m = await ok<Measurement>(a.core, 'measures.add', {
      clientId: cleo.id,
      kind: 'hba1c',
      value: 6.1,
      unit: '%',
      date: '2026-03-01',
      note: NOTE,
    });
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    expect(await list(b.core, cleo.id)).toHaveLength(1);

    // B deletes the client; A, offline, edits the reading later still.
    b.clock.advance(10_000);
    await ok(b.core, 'clients.delete', { id: cleo.id });
    const count = (d: typeof a) =>
      sqliteOf(d).prepare('SELECT count(*) AS n FROM client_measurements WHERE client_id = ?').get(cleo.id);
    expect(count(b)).toEqual({ n: 0 });
    a.clock.advance(60_000);
    await ok(a.core, 'measures.update', {
      id: m.id,
      measurement: { clientId: cleo.id, kind: 'hba1c', value: 6.2, unit: '%', date: '2026-03-01' },
    });
    await sync(b.core);
    await sync(a.core);
    await sync(b.core);

    const rows = await serverRows(cleo.id);
    expect(rows).toHaveLength(1);
    const kept = Object.entries(rows[0]!.fields).filter(([, v]) => v !== null);
    expect(kept.map(([f]) => f).sort()).toEqual(['client_id', 'deleted_at']);
    for (const d of [a, b]) {
      expect(count(d)).toEqual({ n: 0 });
      expect(sqliteOf(d).prepare('SELECT count(*) AS n FROM sync_parked').get()).toEqual({ n: 0 });
      expect(
        sqliteOf(d).prepare("SELECT count(*) AS n FROM sync_dirty WHERE tbl = 'client_measurements'").get(),
      ).toEqual({ n: 0 });
    }
  });

  it('an earlier version is never sent them; a computer that synced before it knew them pulls again once', async () => {
    expect(tablesAtLevel(4)).not.toContain('client_measurements');
    expect(tablesAtLevel(5)).toContain('client_measurements');
    const { a, join } = await practice(server.current.url);
    const ada = await ok<Client>(a.core, 'clients.create', { name: 'Ada Example' });
    await ok(a.core, 'measures.add', { clientId: ada.id, kind: 'waist', value: 82, date: '2026-03-01' });
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    // B as an earlier version left it: its cursor past the measurement, which it was never sent.
    const db = sqliteOf(b);
    db.prepare('DELETE FROM client_measurements').run();
    db.prepare("DELETE FROM sync_stamps WHERE tbl = 'client_measurements'").run();
    db.prepare("UPDATE sync_state SET value = '4' WHERE key = 'table_level'").run();
    expect(await list(b.core, ada.id)).toEqual([]);
    await sync(b.core);
    expect((await list(b.core, ada.id)).map((m) => [m.kind, m.value])).toEqual([['waist', 82]]);
  });
});
