import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pruneExpired } from '../app/db.ts';
import { startTestServer } from '../test-utils/server.ts';
import { PASSWORD, call, hlcAt, register, wire, wired, type Session } from './helpers.ts';

const T0 = Date.now();

describe('bounded sizes', () => {
  it('bounds a pull page by bytes as well as rows, always giving at least one row', async () => {
    const srv = await startTestServer({ now: () => T0, limits: { pullPageBytes: 3000 } });
    try {
      const o = await register(srv.url);
      const changes = Array.from({ length: 6 }, (_, i) => ({
        table: 'custom_foods',
        id: randomUUID(),
        field: 'name',
        value: `${i}`.padEnd(i === 3 ? 3700 : 480, 'x'), // ~0.9 KB rows once encrypted, one of ~5 KB
        hlc: hlcAt(T0, o.deviceId),
      }));
      expect(
        (
          await call(srv.url, 'POST', '/v1/sync/push', {
            token: o.accessToken,
            body: { idempotencyKey: randomUUID(), changes: wired(changes) },
          })
        ).status,
      ).toBe(200);
      const sizes: number[] = [];
      const seqs: string[] = [];
      let cursor = '0';
      for (;;) {
        const p = await call(srv.url, 'GET', `/v1/sync/pull?cursor=${cursor}&limit=1000`, { token: o.accessToken });
        expect(p.status).toBe(200);
        sizes.push(p.body.rows.length);
        seqs.push(...p.body.rows.map((r: { seq: string }) => r.seq));
        if (p.body.rows.length > 1) expect(JSON.stringify(p.body.rows).length).toBeLessThanOrEqual(3000);
        cursor = p.body.cursor;
        if (!p.body.more) break;
      }
      // Rows of ~0.9 KB: three fit in 3000 bytes; the 5 KB row comes alone.
      expect(sizes).toEqual([3, 1, 2]);
      expect(seqs).toEqual(['1', '2', '3', '4', '5', '6']);
    } finally {
      await srv.close();
    }
  });

  it('prunes idempotency records older than 30 days on push, and expired records and tokens periodically', async () => {
    let clock = T0;
    const srv = await startTestServer({ now: () => clock });
    try {
      const o = await register(srv.url);
      const other = await register(srv.url);
      const change = (s: Session) => ({
        table: 'custom_foods',
        id: randomUUID(),
        field: 'name',
        value: wire('name', 'x'),
        hlc: hlcAt(clock, s.deviceId),
      });
      const oldKey = randomUUID();
      const push = (s: Session, key = randomUUID()) =>
        call(srv.url, 'POST', '/v1/sync/push', {
          token: s.accessToken,
          body: { idempotencyKey: key, changes: [change(s)] },
        });
      expect((await push(o, oldKey)).status).toBe(200);
      expect((await push(other)).status).toBe(200);
      const keys = async (s: Session) =>
        (await srv.pool.query('SELECT key FROM idempotency WHERE device_id = $1', [s.deviceId])).rows.map((r) => r.key);
      clock += 29 * 86_400_000;
      const fresh = await call(srv.url, 'POST', '/v1/auth/login', {
        body: { email: o.email, password: PASSWORD, deviceName: 'Laptop', deviceId: o.deviceId },
      });
      const o2 = fresh.body as Session;
      expect((await push(o2)).status).toBe(200);
      expect(await keys(o)).toHaveLength(2);
      clock += 2 * 86_400_000; // the first push is now 31 days old
      const fresher = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: o2.refreshToken } });
      const o3 = fresher.body as Session;
      expect((await push(o3)).status).toBe(200);
      expect(await keys(o)).toHaveLength(2);
      expect(await keys(o)).not.toContain(oldKey);
      expect(await keys(other)).toHaveLength(1); // another device's records wait for the periodic prune
      const n = await pruneExpired(srv.pool, clock);
      expect(n.idempotency).toBe(1);
      expect(n.refreshTokens).toBe(2); // the two registrations' tokens expired after 30 days
      expect(await keys(other)).toHaveLength(0);
    } finally {
      await srv.close();
    }
  });
});
