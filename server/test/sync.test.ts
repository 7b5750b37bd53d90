import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNC_LEVEL, SYNC_LEVEL_HEADER, TABLE_SPECS } from '../../core/sync/protocol/tables.ts';
import { MAX_PUSH_CHANGES, PullResponse, PushResponse } from '../../core/sync/protocol/wire.ts';
import { useTestServer } from '../test-utils/server.ts';
import { call, enc, hlcAt, register, wire, wired, type Session } from './helpers.ts';

const T0 = Date.now();

function clientRow(id: string, wall: number, node: string, name = 'Alice') {
  return [
    { table: 'clients', id, field: 'name', value: enc(name), hlc: hlcAt(wall, node) },
    { table: 'clients', id, field: 'activity_level', value: 'moderate', hlc: hlcAt(wall, node) },
    { table: 'clients', id, field: 'created_at', value: '2025-01-01T00:00:00Z', hlc: hlcAt(wall, node) },
  ];
}

describe('push and pull', () => {
  const srv = useTestServer({ now: () => T0 });
  let s: Session;

  const push = (token: string, changes: unknown[], idempotencyKey = randomUUID()) =>
    pushRaw(token, wired(changes), idempotencyKey);
  /** As sent, without the stand-in encryption: for the payloads the server must refuse. */
  const pushRaw = (token: string, changes: unknown[], idempotencyKey = randomUUID()) =>
    call(srv.url, 'POST', '/v1/sync/push', { token, body: { idempotencyKey, changes } });
  const pull = (token: string, q = '') => call(srv.url, 'GET', `/v1/sync/pull${q}`, { token });

  it('stores pushed rows and pulls them back with origin device and seq', async () => {
    s = await register(srv.url);
    const id = randomUUID();
    const r = await push(s.accessToken, clientRow(id, T0, s.deviceId));
    expect(r.status).toBe(200);
    expect(PushResponse.parse(r.body)).toEqual({ applied: 3, ignored: 0, replayed: false });
    const p = await pull(s.accessToken);
    expect(p.status).toBe(200);
    const body = PullResponse.parse(p.body);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toEqual({
      table: 'clients',
      id,
      fields: {
        name: enc('Alice'),
        activity_level: wire('activity_level', 'moderate'),
        created_at: wire('created_at', '2025-01-01T00:00:00Z'),
      },
      stamps: { name: hlcAt(T0, s.deviceId), activity_level: hlcAt(T0, s.deviceId), created_at: hlcAt(T0, s.deviceId) },
      originDevice: s.deviceId,
      seq: '1',
    });
    expect(body.cursor).toBe('1');
    expect(body.more).toBe(false);
    const empty = await pull(s.accessToken, '?cursor=1');
    expect(empty.body).toEqual({ rows: [], cursor: '1', more: false });
  });

  it('merges per field by HLC: concurrent edits of different fields both survive, older stamps lose', async () => {
    const owner = await register(srv.url);
    const other = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: 'correct horse battery staple', deviceName: 'Tablet' },
    });
    const d2 = other.body as Session;
    const id = randomUUID();
    await push(owner.accessToken, clientRow(id, T0 - 10_000, owner.deviceId));
    // Device 1 edits weight at t+1, device 2 edits height at t+2 and weight at an OLDER stamp.
    const a = await push(owner.accessToken, [
      { table: 'clients', id, field: 'weight_kg', value: 70, hlc: hlcAt(T0 - 9000, owner.deviceId) },
    ]);
    expect(a.body).toEqual({ applied: 1, ignored: 0, replayed: false });
    const b = await push(d2.accessToken, [
      { table: 'clients', id, field: 'height_cm', value: 170, hlc: hlcAt(T0 - 8000, d2.deviceId) },
      { table: 'clients', id, field: 'weight_kg', value: 99, hlc: hlcAt(T0 - 9500, d2.deviceId) },
    ]);
    expect(b.body).toEqual({ applied: 1, ignored: 1, replayed: false });
    const rows = (await pull(owner.accessToken)).body.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].fields.weight_kg).toBe(wire('weight_kg', 70));
    expect(rows[0].fields.height_cm).toBe(wire('height_cm', 170));
    expect(rows[0].originDevice).toBe(d2.deviceId);
    expect(rows[0].seq).toBe('3');
    // A push that changes nothing does not move the row's seq.
    const c = await push(owner.accessToken, [
      { table: 'clients', id, field: 'weight_kg', value: 1, hlc: hlcAt(T0 - 9999, owner.deviceId) },
    ]);
    expect(c.body).toEqual({ applied: 0, ignored: 1, replayed: false });
    const p = await srv.pool.query('SELECT seq::text FROM practices WHERE id = $1', [owner.practiceId]);
    expect(p.rows[0].seq).toBe('3');
  });

  it('replays an idempotent push without applying it twice', async () => {
    const o = await register(srv.url);
    const id = randomUUID();
    const key = randomUUID();
    const first = await push(o.accessToken, clientRow(id, T0, o.deviceId), key);
    expect(first.body).toEqual({ applied: 3, ignored: 0, replayed: false });
    // Same key, even with different content: the stored answer, nothing applied.
    const again = await push(o.accessToken, clientRow(id, T0 + 5, o.deviceId, 'Changed'), key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ applied: 3, ignored: 0, replayed: true });
    const rows = (await pull(o.accessToken)).body.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].fields.name).toBe(enc('Alice'));
    expect(rows[0].seq).toBe('1');
  });

  it('keeps a client tombstone sticky: the delete erases the row, edits after it are dropped', async () => {
    const o = await register(srv.url);
    const id = randomUUID();
    await push(o.accessToken, clientRow(id, T0 - 5000, o.deviceId));
    const del = await push(o.accessToken, [
      { table: 'clients', id, field: 'deleted_at', value: 1738368000000, hlc: hlcAt(T0 - 4000, o.deviceId) },
      { table: 'clients', id, field: 'name', value: null, hlc: hlcAt(T0 - 4000, o.deviceId) },
    ]);
    // Every field of the erased row is written (the client's row holds nothing but the delete).
    expect(del.body).toEqual({ applied: TABLE_SPECS.clients.fields.length, ignored: 0, replayed: false });
    const late = await push(o.accessToken, [
      { table: 'clients', id, field: 'name', value: enc('Back'), hlc: hlcAt(T0 - 1000, o.deviceId) },
      { table: 'clients', id, field: 'notes', value: enc('x'), hlc: hlcAt(T0 - 1000, o.deviceId) },
      // Erasure stamped at the delete's own time (it goes with the delete): not a dropped change.
      { table: 'clients', id, field: 'phone', value: null, hlc: hlcAt(T0 - 4000, o.deviceId, 1) },
    ]);
    expect(late.body).toEqual({ applied: 0, ignored: 2, replayed: false });
    const row = (await pull(o.accessToken)).body.rows[0];
    expect(row.fields.deleted_at).toBe(1738368000000);
    expect(row.fields.name).toBeNull();
    expect(row.fields.notes).toBeNull();
    expect(Object.entries(row.fields).filter(([, v]) => v !== null)).toEqual([['deleted_at', 1738368000000]]);
  });

  it('pages with the cursor and orders parents before children', async () => {
    const o = await register(srv.url);
    const client = randomUUID();
    const changes: unknown[] = [];
    // Children first in the request: the server still gives the client the lowest seq.
    for (let i = 0; i < 4; i++)
      changes.push({
        table: 'events',
        id: randomUUID(),
        field: 'client_id',
        value: client,
        hlc: hlcAt(T0, o.deviceId, i),
      });
    changes.push({
      table: 'recommendations',
      id: randomUUID(),
      field: 'client_id',
      value: client,
      hlc: hlcAt(T0, o.deviceId),
    });
    changes.push({
      table: 'client_targets',
      id: randomUUID(),
      field: 'client_id',
      value: client,
      hlc: hlcAt(T0, o.deviceId),
    });
    changes.push({
      table: 'custom_foods',
      id: randomUUID(),
      field: 'name',
      value: 'Porridge',
      hlc: hlcAt(T0, o.deviceId),
    });
    changes.push(...clientRow(client, T0, o.deviceId));
    const r = await push(o.accessToken, changes);
    expect(r.body.applied).toBe(10);
    const seen: { table: string; seq: string }[] = [];
    let cursor = '0';
    const pages: boolean[] = [];
    for (;;) {
      const p = await pull(o.accessToken, `?cursor=${cursor}&limit=3`);
      expect(p.status).toBe(200);
      seen.push(...p.body.rows.map((x: { table: string; seq: string }) => ({ table: x.table, seq: x.seq })));
      pages.push(p.body.more);
      cursor = p.body.cursor;
      if (!p.body.more) break;
    }
    expect(pages).toEqual([true, true, false]);
    expect(seen.map((x) => x.seq)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(seen.map((x) => x.table)).toEqual([
      'clients',
      'custom_foods',
      'client_targets',
      'events',
      'events',
      'events',
      'events',
      'recommendations',
    ]);
    expect(cursor).toBe('8');
  });

  it('serialises concurrent pushes: distinct contiguous seqs, and one apply per idempotency key', async () => {
    const o = await register(srv.url);
    const key = randomUUID();
    const same = await Promise.all(
      Array.from({ length: 4 }, () =>
        push(
          o.accessToken,
          [{ table: 'custom_foods', id: randomUUID(), field: 'name', value: 'x', hlc: hlcAt(T0, o.deviceId) }],
          key,
        ),
      ),
    );
    expect(same.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(same.filter((r) => r.body.replayed === false)).toHaveLength(1);
    const distinct = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        push(o.accessToken, [
          { table: 'custom_foods', id: randomUUID(), field: 'name', value: `f${i}`, hlc: hlcAt(T0, o.deviceId) },
          { table: 'custom_foods', id: randomUUID(), field: 'name', value: `g${i}`, hlc: hlcAt(T0, o.deviceId) },
        ]),
      ),
    );
    expect(distinct.every((r) => r.body.applied === 2)).toBe(true);
    const rows = (await pull(o.accessToken, '?limit=100')).body.rows as { seq: string }[];
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 13 }, (_, i) => String(i + 1)));
    const p = await srv.pool.query('SELECT seq::text FROM practices WHERE id = $1', [o.practiceId]);
    expect(p.rows[0].seq).toBe('13');
  });

  describe('malformed payloads', () => {
    let o: Session;
    beforeAll(async () => {
      o = await register(srv.url);
    });

    it('refuses malformed JSON', async () => {
      const r = await call(srv.url, 'POST', '/v1/sync/push', { token: o.accessToken, raw: '{"idempotencyKey": ' });
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('invalid-request');
      expect(r.body.issues).toEqual([{ path: '(body)', message: 'malformed JSON' }]);
    });

    it('refuses an unknown top-level field and an unknown synced field', async () => {
      const r = await call(srv.url, 'POST', '/v1/sync/push', {
        token: o.accessToken,
        body: { idempotencyKey: randomUUID(), changes: wired(clientRow(randomUUID(), T0, o.deviceId)), extra: 1 },
      });
      expect(r.status).toBe(400);
      expect(r.body.issues[0].message).toMatch(/extra/);
      const f = await pushRaw(o.accessToken, [
        { table: 'clients', id: randomUUID(), field: 'password', value: enc('x'), hlc: hlcAt(T0, o.deviceId) },
      ]);
      expect(f.status).toBe(400);
      expect(f.body.issues).toEqual([{ path: 'changes.0.field', message: 'clients has no synced field "password"' }]);
    });

    it('refuses a plaintext value in an encrypted field, an empty one included', async () => {
      const r = await pushRaw(o.accessToken, [
        { table: 'clients', id: randomUUID(), field: 'name', value: 'Alice Plain', hlc: hlcAt(T0, o.deviceId) },
        { table: 'clients', id: randomUUID(), field: 'life_stage', value: 'pregnant', hlc: hlcAt(T0, o.deviceId) },
        { table: 'events', id: randomUUID(), field: 'energy_kcal', value: 640, hlc: hlcAt(T0, o.deviceId) },
        { table: 'clients', id: randomUUID(), field: 'phone', value: null, hlc: hlcAt(T0, o.deviceId) },
      ]);
      expect(r.status).toBe(400);
      expect(r.body.issues).toEqual([
        { path: 'changes.0.value', message: 'clients.name must be encrypted with the practice key' },
        { path: 'changes.1.value', message: 'clients.life_stage must be encrypted with the practice key' },
        { path: 'changes.2.value', message: 'events.energy_kcal must be encrypted with the practice key' },
        { path: 'changes.3.value', message: 'clients.phone must be encrypted with the practice key' },
      ]);
      const rows = await srv.pool.query('SELECT count(*)::int AS n FROM clients WHERE practice_id = $1', [
        o.practiceId,
      ]);
      expect(rows.rows[0].n).toBe(0);
    });

    it('refuses too many changes', async () => {
      const id = randomUUID();
      const many = Array.from({ length: MAX_PUSH_CHANGES + 1 }, (_, i) => ({
        table: 'custom_foods',
        id,
        field: 'brand',
        value: 'b',
        hlc: hlcAt(T0, o.deviceId, i),
      }));
      const r = await push(o.accessToken, many);
      expect(r.status).toBe(400);
      expect(r.body.issues[0].path).toBe('changes');
    });

    it('refuses a stamp more than 24 h in the future as a wrong clock (409 clock-ahead with its own time), applying nothing', async () => {
      const kept = randomUUID();
      const r = await push(o.accessToken, [
        { table: 'custom_foods', id: kept, field: 'brand', value: 'b', hlc: hlcAt(T0, o.deviceId) },
        {
          table: 'custom_foods',
          id: randomUUID(),
          field: 'brand',
          value: 'b',
          hlc: hlcAt(T0 + 25 * 3600_000, o.deviceId),
        },
      ]);
      expect(r.status).toBe(409);
      expect(r.body.error).toBe('clock-ahead');
      expect(r.body.serverTime).toBe(T0);
      expect(r.body.issues).toHaveLength(1);
      expect(r.body.issues[0].path).toBe('changes.1.hlc');
      expect(r.body.issues[0].message).toMatch(/24 hours ahead/);
      const stored = await srv.pool.query('SELECT 1 FROM custom_foods WHERE id = $1', [kept]);
      expect(stored.rowCount).toBe(0);
    });

    it('answers a value PostgreSQL jsonb cannot store (\\u0000) with 400 naming the change, not a 500 the device retries forever', async () => {
      const id = randomUUID();
      // Only the plain fields can carry text the server stores as it is (ciphertext is base64).
      const r = await pushRaw(o.accessToken, [
        { table: 'events', id, field: 'kind', value: enc('"diet"'), hlc: hlcAt(T0, o.deviceId) },
        { table: 'events', id, field: 'client_id', value: 'Acme\u0000', hlc: hlcAt(T0, o.deviceId) },
        { table: 'events', id, field: 'deleted_at', value: { note: ['x\u0000'] }, hlc: hlcAt(T0, o.deviceId) },
      ]);
      expect(r.status).toBe(400);
      expect(r.body.issues).toEqual(
        expect.arrayContaining([
          { path: 'changes.1.value', message: 'value contains a NUL character' },
          { path: 'changes.2.value', message: 'value contains a NUL character' },
        ]),
      );
    });

    it('refuses a bad pull query', async () => {
      const r = await pull(o.accessToken, '?cursor=abc&limit=5000&x=1');
      expect(r.status).toBe(400);
      expect(r.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['(query)', 'cursor', 'limit']);
    });
  });
});

describe('table levels', () => {
  const srv = useTestServer({ now: () => T0 });

  it('sends meal plan rows only to computers that declare the level that knows them', async () => {
    const s = await register(srv.url);
    const clientId = randomUUID();
    const planId = randomUUID();
    const at = hlcAt(T0, s.deviceId);
    const changes = wired([
      ...clientRow(clientId, T0, s.deviceId),
      { table: 'meal_plans', id: planId, field: 'client_id', value: clientId, hlc: at },
      { table: 'meal_plans', id: planId, field: 'name', value: 'Week one', hlc: at },
    ]);
    const pushed = await call(srv.url, 'POST', '/v1/sync/push', {
      token: s.accessToken,
      body: { idempotencyKey: randomUUID(), changes },
    });
    expect(pushed.body).toEqual({ applied: 5, ignored: 0, replayed: false });
    const tablesPulled = async (headers: Record<string, string>) =>
      PullResponse.parse(
        (await call(srv.url, 'GET', '/v1/sync/pull', { token: s.accessToken, headers })).body,
      ).rows.map((r) => r.table);
    // An earlier version sends no level: it would refuse a page with a table it does not know.
    expect(await tablesPulled({})).toEqual(['clients']);
    expect(await tablesPulled({ [SYNC_LEVEL_HEADER]: '1' })).toEqual(['clients']);
    expect(await tablesPulled({ [SYNC_LEVEL_HEADER]: String(SYNC_LEVEL) })).toEqual(['clients', 'meal_plans']);
  });
});
