import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logging/log.ts';
import { TokenBuckets } from '../app/limits.ts';
import { startTestServer, useTestServer } from '../test-utils/server.ts';
import { PASSWORD, call, enc, hlcAt, newEmail, register } from './helpers.ts';

describe('body size and rate limits', () => {
  const srv = useTestServer({ limits: { authPerMinute: 5, syncPerMinute: 3 } });

  it('answers 413 too-large for an auth body over 16 KB and a push over 8 MB', async () => {
    const big = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: 'a@b.example', password: 'x'.repeat(17 * 1024), deviceName: 'd' },
    });
    expect(big.status).toBe(413);
    expect(big.body.error).toBe('too-large');
    const s = await register(srv.url);
    const huge = await call(srv.url, 'POST', '/v1/sync/push', {
      token: s.accessToken,
      raw: 'x'.repeat(8 * 1024 * 1024 + 10),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('too-large');
  });

  it('answers 429 rate-limited with Retry-After past the per-IP sign-in limit', async () => {
    // 2 auth requests were spent above; 3 more are allowed.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await call(srv.url, 'POST', '/v1/auth/login', {
            body: { email: newEmail(), password: PASSWORD, deviceName: 'd' },
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await call(srv.url, 'POST', '/v1/auth/logout', { body: {} });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('session renewal has its own rate limit', () => {
  it('refreshes while sign-ins from the same address are limited, and is limited on its own', async () => {
    const srv = await startTestServer({ limits: { authPerMinute: 3, refreshPerMinute: 2 } });
    try {
      const s = await register(srv.url);
      const logins: number[] = [];
      for (let i = 0; i < 3; i++)
        logins.push(
          (
            await call(srv.url, 'POST', '/v1/auth/login', {
              body: { email: s.email, password: 'not the password', deviceName: 'd' },
            })
          ).status,
        );
      expect(logins).toEqual([401, 401, 429]);
      // Same address, sign-ins used up: the computer's session is still renewed.
      const renewed = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
      expect(renewed.status).toBe(200);
      expect(typeof renewed.body.accessToken).toBe('string');
      const bogus = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: 'not-a-token' } });
      expect(bogus.status).toBe(401);
      const limited = await call(srv.url, 'POST', '/v1/auth/refresh', {
        body: { refreshToken: renewed.body.refreshToken as string },
      });
      expect(limited.status).toBe(429);
      expect(limited.body.error).toBe('rate-limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await srv.close();
    }
  });
});

describe('rate limit behind a trusted proxy', () => {
  it('rate-limits logins by the proxy-seen address (last X-Forwarded-For entry), not client-chosen leading entries', async () => {
    const srv = await startTestServer({ limits: { trustProxy: true, authPerMinute: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        // The proxy appends the real peer; the client put anything it likes in front.
        const r = await call(srv.url, 'POST', '/v1/auth/login', {
          body: { email: 'nobody@clinic.example', password: 'wrong password', deviceName: 'x' },
          headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` },
        });
        statuses.push(r.status);
      }
      expect(statuses).toEqual([401, 401, 429, 429]);
      // Another peer behind the same proxy has its own bucket.
      const other = await call(srv.url, 'POST', '/v1/auth/login', {
        body: { email: 'nobody@clinic.example', password: 'wrong password', deviceName: 'x' },
        headers: { 'x-forwarded-for': '203.0.113.7, 203.0.113.8' },
      });
      expect(other.status).toBe(401);
    } finally {
      await srv.close();
    }
  });
});

describe('token buckets', () => {
  it('forget full buckets, sweeping at most once a minute however many keys there are', () => {
    let t = 1_000_000;
    const b = new TokenBuckets(5, () => t);
    for (let i = 0; i < 60_000; i++) expect(b.take(`ip:${i}`)).toBe(0);
    expect(b.prunes).toBe(0);
    expect(b.size).toBe(60_000);
    t += 30_000;
    for (let i = 0; i < 1000; i++) for (let k = 0; k < 5; k++) b.take(`late:${i}`); // emptied
    expect(b.prunes).toBe(0);
    t += 31_000; // the first 60,000 are full again; the late ones are not
    b.take('now');
    expect(b.prunes).toBe(1);
    expect(b.size).toBe(1001);
    for (let i = 0; i < 1000; i++) b.take(`again:${i}`);
    expect(b.prunes).toBe(1);
  });
});

describe('sync rate limit per device', () => {
  it('limits each device separately', async () => {
    const srv = await startTestServer({ limits: { syncPerMinute: 2 } });
    try {
      const a = await register(srv.url);
      const b = await register(srv.url);
      const pa = [];
      for (let i = 0; i < 3; i++)
        pa.push((await call(srv.url, 'GET', '/v1/sync/pull', { token: a.accessToken })).status);
      expect(pa).toEqual([200, 200, 429]);
      expect((await call(srv.url, 'GET', '/v1/sync/pull', { token: b.accessToken })).status).toBe(200);
    } finally {
      await srv.close();
    }
  });
});

describe('request logs', () => {
  it('have one line per request with ids, and never e-mails, passwords or tokens', async () => {
    const lines: string[] = [];
    const srv = await startTestServer({ log: createLogger((l) => lines.push(l), 'debug', 'sync-server') });
    try {
      const email = newEmail();
      const s = await register(srv.url, { email });
      await call(srv.url, 'POST', '/v1/auth/login', { body: { email, password: 'wrong password!!', deviceName: 'x' } });
      const r = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
      await call(srv.url, 'POST', '/v1/sync/push', {
        token: r.body.accessToken,
        body: {
          idempotencyKey: randomUUID(),
          changes: [
            {
              table: 'clients',
              id: randomUUID(),
              field: 'name',
              value: enc('Secret Name'),
              hlc: hlcAt(Date.now(), s.deviceId),
            },
          ],
        },
      });
      await call(srv.url, 'GET', `/v1/sync/pull?cursor=0&limit=10`, { token: r.body.accessToken });
      expect(lines).toHaveLength(5);
      const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(parsed.map((p) => [p.method, p.path, p.status])).toEqual([
        ['POST', '/v1/practices', 201],
        ['POST', '/v1/auth/login', 401],
        ['POST', '/v1/auth/refresh', 200],
        ['POST', '/v1/sync/push', 200],
        ['GET', '/v1/sync/pull', 200],
      ]);
      expect(parsed[3]).toHaveProperty('practiceId');
      expect(parsed[3]!.practiceId).not.toBeNull();
      expect(typeof parsed[4]!.ms).toBe('number');
      const all = lines.join('\n');
      for (const secret of [
        email,
        PASSWORD,
        'wrong password!!',
        s.refreshToken,
        s.accessToken,
        r.body.refreshToken,
        r.body.accessToken,
        enc('Secret Name'),
        'cursor=0',
      ])
        expect(all).not.toContain(secret);
    } finally {
      await srv.close();
    }
  });
});
