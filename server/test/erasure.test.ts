import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PullResponse, type SyncRow } from '../../core/sync/protocol/wire.ts';
import { useTestServer } from '../test-utils/server.ts';
import { call, enc, hlcAt, register } from './helpers.ts';

const T0 = Date.now();

/** Deleting a client erases the client's rows on the server, whatever arrives before or after. */
describe('client erasure on the server', () => {
  const srv = useTestServer({ now: () => T0 });

  const push = (token: string, changes: unknown[]) =>
    call(srv.url, 'POST', '/v1/sync/push', { token, body: { idempotencyKey: randomUUID(), changes } });
  const pullAll = async (token: string): Promise<SyncRow[]> =>
    PullResponse.parse((await call(srv.url, 'GET', '/v1/sync/pull', { token })).body).rows;

  const client = (id: string, wall: number, node: string) => [
    { table: 'clients', id, field: 'name', value: enc('Quinn Secret'), hlc: hlcAt(wall, node) },
    { table: 'clients', id, field: 'notes', value: enc('secret note'), hlc: hlcAt(wall, node) },
    { table: 'clients', id, field: 'created_at', value: enc('1'), hlc: hlcAt(wall, node) },
  ];
  const event = (id: string, clientId: string, wall: number, node: string, note: string) => [
    { table: 'events', id, field: 'client_id', value: clientId, hlc: hlcAt(wall, node) },
    { table: 'events', id, field: 'energy_kcal', value: enc('412'), hlc: hlcAt(wall, node) },
    { table: 'events', id, field: 'detail', value: enc(note), hlc: hlcAt(wall, node) },
  ];
  const del = (id: string, wall: number, node: string) => [
    { table: 'clients', id, field: 'deleted_at', value: wall, hlc: hlcAt(wall, node) },
  ];

  it('erases the children it holds when the tombstone arrives, and sends them again', async () => {
    const o = await register(srv.url);
    const c = randomUUID();
    const e = randomUUID();
    await push(o.accessToken, [...client(c, T0 - 9000, o.deviceId), ...event(e, c, T0 - 9000, o.deviceId, 'meal')]);
    const before = await pullAll(o.accessToken);
    const r = await push(o.accessToken, del(c, T0 - 5000, o.deviceId));
    expect(r.status).toBe(200);
    const rows = await pullAll(o.accessToken);
    const ev = rows.find((x) => x.id === e)!;
    expect(Number(ev.seq)).toBeGreaterThan(Math.max(...before.map((x) => Number(x.seq))));
    expect(ev.fields).toMatchObject({ client_id: c, deleted_at: T0 - 5000, energy_kcal: null, detail: null });
    const stored = await srv.pool.query('SELECT fields::text AS t FROM events WHERE id = $1', [e]);
    expect(stored.rows[0].t).not.toContain(enc('meal'));
  });

  it('drops a later change for a child of a deleted client, and a new child arriving after the delete', async () => {
    const o = await register(srv.url);
    const c = randomUUID();
    const e = randomUUID();
    const late = randomUUID();
    await push(o.accessToken, [...client(c, T0 - 9000, o.deviceId), ...event(e, c, T0 - 9000, o.deviceId, 'meal')]);
    await push(o.accessToken, del(c, T0 - 5000, o.deviceId));
    const r = await push(o.accessToken, [
      { table: 'events', id: e, field: 'detail', value: enc('edited later'), hlc: hlcAt(T0 - 1000, o.deviceId) },
      ...event(late, c, T0 - 1000, o.deviceId, 'logged later'),
    ]);
    expect(r.body).toMatchObject({ ignored: 4 });
    const text = (await srv.pool.query('SELECT fields::text AS t FROM events')).rows.map((x) => x.t).join('\n');
    expect(text).not.toContain(enc('edited later'));
    expect(text).not.toContain(enc('logged later'));
    const stored = await srv.pool.query('SELECT fields FROM events WHERE id = $1', [late]);
    expect(stored.rows[0].fields).toMatchObject({
      client_id: c,
      detail: null,
      energy_kcal: null,
      deleted_at: T0 - 5000,
    });
  });

  it('a later change synced before the delete is erased when the delete arrives; an undo is refused', async () => {
    const o = await register(srv.url);
    const c = randomUUID();
    await push(o.accessToken, client(c, T0 - 9000, o.deviceId));
    await push(o.accessToken, [
      { table: 'clients', id: c, field: 'phone', value: enc('+1 555 0199'), hlc: hlcAt(T0 - 1000, o.deviceId) },
    ]);
    await push(o.accessToken, del(c, T0 - 5000, o.deviceId)); // made earlier, arriving later
    const undo = await push(o.accessToken, [
      { table: 'clients', id: c, field: 'deleted_at', value: null, hlc: hlcAt(T0 - 500, o.deviceId) },
      { table: 'clients', id: c, field: 'name', value: enc('Back'), hlc: hlcAt(T0 - 500, o.deviceId) },
    ]);
    expect(undo.body).toMatchObject({ applied: 0, ignored: 2 });
    const row = (await srv.pool.query('SELECT fields FROM clients WHERE id = $1', [c])).rows[0].fields as Record<
      string,
      unknown
    >;
    expect(Object.entries(row).filter(([, v]) => v !== null)).toEqual([['deleted_at', T0 - 5000]]);
  });
});
