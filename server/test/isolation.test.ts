import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test-utils/server.ts';
import { call, enc, hlcAt, register } from './helpers.ts';

describe('practice isolation', () => {
  const T0 = Date.now();
  const srv = useTestServer({ now: () => T0 });
  const push = (token: string, idempotencyKey: string, change: object) =>
    call(srv.url, 'POST', '/v1/sync/push', { token, body: { idempotencyKey, changes: [change] } });

  it("A cannot read B's rows, and pushing B's row id creates A's own row without touching B's", async () => {
    const a = await register(srv.url, { practiceName: 'A', keyEnvelope: 'env-a' });
    const b = await register(srv.url, { practiceName: 'B', keyEnvelope: 'env-b' });
    const id = randomUUID();
    const pb = await push(b.accessToken, randomUUID(), {
      table: 'clients',
      id,
      field: 'name',
      value: enc('Bob of B'),
      hlc: hlcAt(T0 - 1000, b.deviceId),
    });
    expect(pb.body.applied).toBe(1);
    const aPull = await call(srv.url, 'GET', '/v1/sync/pull', { token: a.accessToken });
    expect(aPull.body).toEqual({ rows: [], cursor: '0', more: false });
    // A pushes the same id with a NEWER stamp: a separate row in practice A.
    const idem = randomUUID();
    const pa = await push(a.accessToken, idem, {
      table: 'clients',
      id,
      field: 'name',
      value: enc('Eve of A'),
      hlc: hlcAt(T0, a.deviceId),
    });
    expect(pa.body).toEqual({ applied: 1, ignored: 0, replayed: false });
    const bRows = (await call(srv.url, 'GET', '/v1/sync/pull', { token: b.accessToken })).body.rows;
    expect(bRows).toHaveLength(1);
    expect(bRows[0].fields.name).toBe(enc('Bob of B'));
    expect(bRows[0].originDevice).toBe(b.deviceId);
    const aRows = (await call(srv.url, 'GET', '/v1/sync/pull', { token: a.accessToken })).body.rows;
    expect(aRows).toHaveLength(1);
    expect(aRows[0].fields.name).toBe(enc('Eve of A'));
    const db = await srv.pool.query('SELECT practice_id FROM clients WHERE id = $1 ORDER BY practice_id', [id]);
    expect(db.rows.map((r) => r.practice_id).sort()).toEqual([a.practiceId, b.practiceId].sort());
    // B's idempotency keys are its own: B using A's key is a fresh push.
    const pb2 = await push(b.accessToken, idem, {
      table: 'clients',
      id,
      field: 'notes',
      value: enc('n'),
      hlc: hlcAt(T0, b.deviceId),
    });
    expect(pb2.body).toEqual({ applied: 1, ignored: 0, replayed: false });
    // Each practice sees only its own envelope.
    expect((await call(srv.url, 'GET', '/v1/practice', { token: a.accessToken })).body.keyEnvelope).toBe('env-a');
    expect((await call(srv.url, 'GET', '/v1/practice', { token: b.accessToken })).body.keyEnvelope).toBe('env-b');
  });
});
