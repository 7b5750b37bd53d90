import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logging/log.ts';
import { createApp } from '../app.ts';
import { useTestServer } from '../test-utils/server.ts';
import { PASSWORD, call, register } from './helpers.ts';

describe('access tokens', () => {
  let clock = Date.now();
  const srv = useTestServer({ now: () => clock });

  const claimsOf = (token: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

  it('has the expected claims', async () => {
    const s = await register(srv.url);
    const c = claimsOf(s.accessToken);
    expect(c).toMatchObject({
      sub: s.practitionerId,
      pid: s.practiceId,
      did: s.deviceId,
      role: 'owner',
      iss: 'bioai-sync',
      aud: 'bioai-device',
    });
    expect((c.exp as number) - (c.iat as number)).toBe(900);
  });

  it('answers token-expired once the clock passes 15 minutes', async () => {
    const s = await register(srv.url);
    expect((await call(srv.url, 'GET', '/v1/practice', { token: s.accessToken })).status).toBe(200);
    clock += 16 * 60 * 1000;
    const r = await call(srv.url, 'GET', '/v1/practice', { token: s.accessToken });
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('token-expired');
    // The refresh token still works and gives a token valid at the new time.
    const fresh = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(fresh.status).toBe(200);
    expect((await call(srv.url, 'GET', '/v1/practice', { token: fresh.body.accessToken })).status).toBe(200);
  });

  it('refuses forged tokens with invalid-token', async () => {
    const s = await register(srv.url);
    const other = await register(srv.url);
    const iat = Math.floor(clock / 1000);
    const claims = { pid: s.practiceId, did: s.deviceId, role: 'owner' };
    const sign = (secret: Uint8Array, c: Record<string, unknown> = claims, sub = s.practitionerId) =>
      new SignJWT(c)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setIssuer('bioai-sync')
        .setAudience('bioai-device')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 900)
        .sign(secret);
    const wrongSecret = await sign(new TextEncoder().encode('x'.repeat(32)));
    const none = new UnsecuredJWT(claims)
      .setSubject(s.practitionerId)
      .setIssuer('bioai-sync')
      .setAudience('bioai-device')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .encode();
    const [h, , sig] = s.accessToken.split('.');
    const tamperedPayload = Buffer.from(JSON.stringify({ ...claimsOf(s.accessToken), pid: other.practiceId })).toString(
      'base64url',
    );
    const tampered = `${h}.${tamperedPayload}.${sig}`;
    const cases: [string, Record<string, string>][] = [
      ['wrong secret', { authorization: `Bearer ${wrongSecret}` }],
      ['alg none', { authorization: `Bearer ${none}` }],
      ['tampered payload', { authorization: `Bearer ${tampered}` }],
      ['garbage', { authorization: 'Bearer not.a.jwt' }],
      ['not bearer', { authorization: `Basic ${s.accessToken}` }],
      ['missing header', {}],
    ];
    for (const [what, headers] of cases) {
      const r = await call(srv.url, 'GET', '/v1/sync/pull', { headers });
      expect([what, r.status, r.body.error]).toEqual([what, 401, 'invalid-token']);
    }
  });

  it("refuses a correctly signed token naming another practice's device, or a deleted device", async () => {
    // An app over the same database with a known secret, so the test can sign valid tokens itself.
    const secret = new TextEncoder().encode('k'.repeat(40));
    const app = createApp({ pool: srv.pool, jwtSecret: secret, now: () => clock, log: createLogger(() => undefined) });
    const a = await register(srv.url);
    const b = await register(srv.url);
    const iat = Math.floor(clock / 1000);
    const token = (did: string) =>
      new SignJWT({ pid: a.practiceId, did, role: 'owner' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(a.practitionerId)
        .setIssuer('bioai-sync')
        .setAudience('bioai-device')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 900)
        .sign(secret);
    const get = async (t: string) => {
      const r = await app.request('/v1/practice', { headers: { authorization: `Bearer ${t}` } });
      return { status: r.status, body: (await r.json()) as { error?: string; practiceId?: string } };
    };
    const good = await get(await token(a.deviceId));
    expect(good.status).toBe(200);
    expect(good.body.practiceId).toBe(a.practiceId);
    const foreign = await get(await token(b.deviceId));
    expect(foreign).toEqual({ status: 401, body: { error: 'invalid-token', message: 'The token is not valid.' } });
    await srv.pool.query('DELETE FROM devices WHERE id = $1', [a.deviceId]);
    const deleted = await get(await token(a.deviceId));
    expect(deleted.status).toBe(401);
    expect(deleted.body.error).toBe('invalid-token');
  });
});

describe('refresh retried after a lost answer', () => {
  let clock = Date.parse('2026-03-15T10:00:00Z');
  const srv = useTestServer({ now: () => clock, limits: { authPerMinute: 1000 } });

  const refresh = (refreshToken: string) => call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken } });
  const live = async (deviceId: string) =>
    (
      await srv.pool.query(
        'SELECT count(*)::int AS n FROM refresh_tokens WHERE device_id = $1 AND revoked_at IS NULL',
        [deviceId],
      )
    ).rows[0].n as number;

  it('within 60 s gets a fresh pair; the successor it never saw is revoked', async () => {
    const s = await register(srv.url);
    const lost = await refresh(s.refreshToken); // committed, but the answer never reached the device
    expect(lost.status).toBe(200);
    clock += 20_000;
    const retry = await refresh(s.refreshToken);
    expect(retry.status).toBe(200);
    expect(retry.body.deviceId).toBe(s.deviceId);
    expect(retry.body.refreshToken).not.toBe(lost.body.refreshToken);
    clock += 20_000; // a second lost answer: still within 60 s of the first rotation
    const retry2 = await refresh(s.refreshToken);
    expect(retry2.status).toBe(200);
    expect((await refresh(retry.body.refreshToken)).status).toBe(401); // superseded, not graced
    expect(await live(s.deviceId)).toBe(0); // ... and presenting it was reuse
  });

  it('the device keeps working after a graced retry', async () => {
    const s = await register(srv.url);
    await refresh(s.refreshToken);
    clock += 5_000;
    const retry = await refresh(s.refreshToken);
    expect(retry.status).toBe(200);
    expect(await live(s.deviceId)).toBe(1);
    expect((await call(srv.url, 'GET', '/v1/practice', { token: retry.body.accessToken })).status).toBe(200);
    clock += 10 * 60_000;
    const next = await refresh(retry.body.refreshToken);
    expect(next.status).toBe(200);
    expect((await call(srv.url, 'GET', '/v1/practice', { token: next.body.accessToken })).status).toBe(200);
  });

  it('after 60 s is reuse: every token of the device is revoked', async () => {
    const s = await register(srv.url);
    const first = await refresh(s.refreshToken);
    expect(first.status).toBe(200);
    clock += 61_000;
    const late = await refresh(s.refreshToken);
    expect(late.status).toBe(401);
    expect(late.body.error).toBe('invalid-token');
    expect((await refresh(first.body.refreshToken)).status).toBe(401);
    expect(await live(s.deviceId)).toBe(0);
    const reasons = await srv.pool.query(
      'SELECT revoked_reason FROM refresh_tokens WHERE device_id = $1 ORDER BY created_at, revoked_reason',
      [s.deviceId],
    );
    expect(reasons.rows.map((r) => r.revoked_reason).sort()).toEqual(['reuse', 'rotated']);
  });

  it('within 60 s is still reuse once the successor was used', async () => {
    const s = await register(srv.url);
    const first = await refresh(s.refreshToken);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
    clock += 1_000;
    expect((await refresh(s.refreshToken)).status).toBe(401);
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    expect((await call(srv.url, 'GET', '/v1/practice', { token: second.body.accessToken })).status).toBe(401);
  });

  it('a token revoked by logout is not graced, even within 60 s', async () => {
    const s = await register(srv.url);
    const other = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: s.email, password: PASSWORD, deviceName: 'Laptop', deviceId: s.deviceId },
    });
    expect(other.status).toBe(200);
    expect((await call(srv.url, 'POST', '/v1/auth/logout', { token: other.body.accessToken })).status).toBe(204);
    clock += 1_000;
    expect((await refresh(s.refreshToken)).status).toBe(401);
    expect((await refresh(other.body.refreshToken)).status).toBe(401);
    const reasons = await srv.pool.query('SELECT DISTINCT revoked_reason FROM refresh_tokens WHERE device_id = $1', [
      s.deviceId,
    ]);
    expect(reasons.rows.map((r) => r.revoked_reason).sort()).toEqual(['logout']);
  });
});
