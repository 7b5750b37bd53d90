import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logging/log.ts';
import { createApp } from '../app.ts';
import { startTestServer, useTestServer } from '../test-utils/server.ts';
import { PASSWORD, call, newEmail, register } from './helpers.ts';

/** A practice registration with short stand-in values; `extra` sets what a test is about. */
const practiceBody = (extra: Record<string, string>) => ({
  practiceName: 'P',
  displayName: 'X',
  email: newEmail(),
  password: PASSWORD,
  keyEnvelope: 'e',
  deviceName: 'd',
  ...extra,
});

describe('accounts and auth', () => {
  const srv = useTestServer({ limits: { authPerMinute: 1000 } });

  it('registers a practice with its owner and first device', async () => {
    const email = newEmail().toUpperCase();
    const s = await register(srv.url, { email, practiceName: 'Oak Dietetics', keyEnvelope: 'wrapped:xyz' });
    expect(s.practiceName).toBe('Oak Dietetics');
    expect(s.keyEnvelope).toBe('wrapped:xyz');
    expect(s.expiresIn).toBe(900);
    expect(s.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const db = await srv.pool.query('SELECT email, role, password_hash FROM practitioners WHERE id = $1', [
      s.practitionerId,
    ]);
    expect(db.rows[0].email).toBe(email.toLowerCase());
    expect(db.rows[0].role).toBe('owner');
    expect(db.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    const tok = await srv.pool.query('SELECT token_hash FROM refresh_tokens WHERE device_id = $1', [s.deviceId]);
    expect(tok.rows).toEqual([{ token_hash: createHash('sha256').update(s.refreshToken).digest('hex') }]);
    const practice = await call(srv.url, 'GET', '/v1/practice', { token: s.accessToken });
    expect(practice.body).toEqual({
      practiceId: s.practiceId,
      practiceName: 'Oak Dietetics',
      keyEnvelope: 'wrapped:xyz',
    });
  });

  it('refuses a second registration with the same e-mail (any case) with 409', async () => {
    const s = await register(srv.url);
    const r = await call(srv.url, 'POST', '/v1/practices', {
      body: practiceBody({ practiceName: 'Other', email: s.email.toUpperCase() }),
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('email-taken');
  });

  it('refuses a short password', async () => {
    const r = await call(srv.url, 'POST', '/v1/practices', {
      body: practiceBody({ email: newEmail(), password: 'short' }),
    });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path)).toEqual(['password']);
  });

  it('refuses a NUL character in a stored name or key envelope with 400, not a 500', async () => {
    const r = await call(srv.url, 'POST', '/v1/practices', {
      body: practiceBody({ practiceName: 'P\u0000', email: newEmail(), keyEnvelope: 'e\u0000' }),
    });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['keyEnvelope', 'practiceName']);
  });

  it('logs in, reusing a known device and registering an unknown one', async () => {
    const s = await register(srv.url);
    const again = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: s.email, password: PASSWORD, deviceName: 'Laptop', deviceId: s.deviceId },
    });
    expect(again.status).toBe(200);
    expect(again.body.deviceId).toBe(s.deviceId);
    expect(again.body.practiceId).toBe(s.practiceId);
    expect(again.body.practitionerId).toBe(s.practitionerId);
    const fresh = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: s.email, password: PASSWORD, deviceName: 'Tablet' },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.deviceId).not.toBe(s.deviceId);
    // A device id of another practice is not reused.
    const other = await register(srv.url);
    const foreign = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: s.email, password: PASSWORD, deviceName: 'X', deviceId: other.deviceId },
    });
    expect(foreign.body.deviceId).not.toBe(other.deviceId);
    const dev = await srv.pool.query('SELECT practice_id FROM devices WHERE id = $1', [other.deviceId]);
    expect(dev.rows[0].practice_id).toBe(other.practiceId);
  });

  it('answers the same 401 for a wrong password and an unknown e-mail', async () => {
    const s = await register(srv.url);
    const wrong = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: s.email, password: 'not the password at all', deviceName: 'L' },
    });
    const unknown = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: newEmail(), password: PASSWORD, deviceName: 'L' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toBe('bad-credentials');
  });

  it('rotates refresh tokens and revokes the device on reuse', async () => {
    const s = await register(srv.url);
    const r1 = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(s.refreshToken);
    expect(r1.body.deviceId).toBe(s.deviceId);
    const ok = await call(srv.url, 'GET', '/v1/practice', { token: r1.body.accessToken });
    expect(ok.status).toBe(200);
    const r2 = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(r2.status).toBe(200);
    // The first token is spent and its successor was used: presenting it again is reuse, which
    // kills the newest refresh token and the device's access tokens too.
    const reuse = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error).toBe('invalid-token');
    const r3 = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: r2.body.refreshToken } });
    expect(r3.status).toBe(401);
    expect(r3.body.error).toBe('invalid-token');
    expect((await call(srv.url, 'GET', '/v1/practice', { token: r2.body.accessToken })).status).toBe(401);
    const live = await srv.pool.query(
      'SELECT count(*)::int AS n FROM refresh_tokens WHERE device_id = $1 AND revoked_at IS NULL',
      [s.deviceId],
    );
    expect(live.rows[0].n).toBe(0);
  });

  it('refuses an unknown refresh token', async () => {
    const r = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: 'nope' } });
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('invalid-token');
  });

  it('logs out: the device refresh tokens stop working', async () => {
    const s = await register(srv.url);
    const out = await call(srv.url, 'POST', '/v1/auth/logout', { token: s.accessToken });
    expect(out.status).toBe(204);
    const r = await call(srv.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(r.status).toBe(401);
  });

  it("logs out: the device's access tokens stop working at once, other devices' do not, and a new sign-in works", async () => {
    const s = await register(srv.url);
    const other = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: s.email, password: PASSWORD, deviceName: 'Tablet' },
    });
    expect(other.status).toBe(200);
    expect((await call(srv.url, 'POST', '/v1/auth/logout', { token: s.accessToken })).status).toBe(204);
    for (const path of ['/v1/practice', '/v1/sync/pull']) {
      const r = await call(srv.url, 'GET', path, { token: s.accessToken });
      expect([path, r.status, r.body.error]).toEqual([path, 401, 'invalid-token']);
    }
    expect((await call(srv.url, 'POST', '/v1/auth/logout', { token: s.accessToken })).status).toBe(401);
    expect((await call(srv.url, 'GET', '/v1/practice', { token: other.body.accessToken })).status).toBe(200);
    const again = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: s.email, password: PASSWORD, deviceName: 'Laptop', deviceId: s.deviceId },
    });
    expect(again.body.deviceId).toBe(s.deviceId);
    expect((await call(srv.url, 'GET', '/v1/practice', { token: again.body.accessToken })).status).toBe(200);
  });

  it('a practice member cannot take over another practitioner’s device by its id', async () => {
    const owner = await register(srv.url);
    const memberEmail = newEmail();
    const add = await call(srv.url, 'POST', '/v1/practitioners', {
      token: owner.accessToken,
      body: { email: memberEmail, password: PASSWORD, displayName: 'Member' },
    });
    expect(add.status).toBe(201);
    // The owner's device id is visible to members as originDevice in every pulled row.
    const login = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: memberEmail, password: PASSWORD, deviceName: 'mine now', deviceId: owner.deviceId },
    });
    expect(login.status).toBe(200);
    expect(login.body.deviceId).not.toBe(owner.deviceId);
    expect((await call(srv.url, 'GET', '/v1/practice', { token: owner.accessToken })).status).toBe(200);
    const dev = await srv.pool.query('SELECT practitioner_id, name FROM devices WHERE id = $1', [owner.deviceId]);
    expect(dev.rows[0]).toEqual({ practitioner_id: owner.practitionerId, name: 'Laptop' });
    const mine = await srv.pool.query('SELECT practitioner_id FROM devices WHERE id = $1', [login.body.deviceId]);
    expect(mine.rows[0].practitioner_id).toBe(add.body.practitionerId);
  });

  it('a failed sign-in creates no device; signing in again with the returned device id reuses it', async () => {
    const s = await register(srv.url);
    const count = async () =>
      (await srv.pool.query('SELECT count(*)::int AS n FROM devices WHERE practitioner_id = $1', [s.practitionerId]))
        .rows[0].n as number;
    expect(await count()).toBe(1);
    for (let i = 0; i < 3; i++)
      expect(
        (
          await call(srv.url, 'POST', '/v1/auth/login', {
            body: { email: s.email, password: 'not the password at all', deviceName: 'New PC' },
          })
        ).status,
      ).toBe(401);
    expect(await count()).toBe(1);
    // A new computer signs in (device created before it knows whether its practice passphrase is
    // right), then signs in again after a wrong passphrase with the id it was given: same device.
    const first = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email: s.email, password: PASSWORD, deviceName: 'New PC' },
    });
    for (let i = 0; i < 2; i++) {
      const again = await call(srv.url, 'POST', '/v1/auth/login', {
        body: { email: s.email, password: PASSWORD, deviceName: 'New PC', deviceId: first.body.deviceId },
      });
      expect(again.body.deviceId).toBe(first.body.deviceId);
    }
    expect(await count()).toBe(2);
  });

  it('lets the owner add a colleague, who can log in to the same practice; members cannot add', async () => {
    const owner = await register(srv.url);
    const email = newEmail();
    const add = await call(srv.url, 'POST', '/v1/practitioners', {
      token: owner.accessToken,
      body: { email, password: PASSWORD, displayName: 'Colleague' },
    });
    expect(add.status).toBe(201);
    expect(add.body.practitionerId).toMatch(/^[0-9a-f-]{36}$/);
    const login = await call(srv.url, 'POST', '/v1/auth/login', {
      body: { email, password: PASSWORD, deviceName: 'PC' },
    });
    expect(login.status).toBe(200);
    expect(login.body.practiceId).toBe(owner.practiceId);
    expect(login.body.practitionerId).toBe(add.body.practitionerId);
    expect(login.body.keyEnvelope).toBe(owner.keyEnvelope);
    const denied = await call(srv.url, 'POST', '/v1/practitioners', {
      token: login.body.accessToken,
      body: { email: newEmail(), password: PASSWORD, displayName: 'Third' },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('forbidden');
    const dup = await call(srv.url, 'POST', '/v1/practitioners', {
      token: owner.accessToken,
      body: { email, password: PASSWORD, displayName: 'Again' },
    });
    expect(dup.status).toBe(409);
  });
});

describe('registration policy', () => {
  it("'first-only' accepts the first practice and refuses the next; 'closed' refuses all", async () => {
    const s = await startTestServer();
    try {
      const body = (email: string) =>
        JSON.stringify({
          practiceName: 'P',
          displayName: 'D',
          email,
          password: 'a long enough password',
          keyEnvelope: '{}',
          deviceName: 'Desk',
        });
      const post = (app: ReturnType<typeof createApp>, email: string) =>
        app.request('/v1/practices', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(email),
        });
      const log = createLogger(() => undefined);
      const secret = new Uint8Array(32).fill(7);
      const firstOnly = createApp({ pool: s.pool, jwtSecret: secret, log, registration: 'first-only' });
      expect((await post(firstOnly, 'first@clinic.example')).status).toBe(201);
      const second = await post(firstOnly, 'second@clinic.example');
      expect(second.status).toBe(403);
      expect(await second.json()).toMatchObject({ error: 'registration-closed' });
      const closed = createApp({ pool: s.pool, jwtSecret: secret, log, registration: 'closed' });
      expect((await post(closed, 'third@clinic.example')).status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it("'first-only': two simultaneous first registrations cannot both succeed", async () => {
    const s = await startTestServer({ registration: 'first-only', limits: { authPerMinute: 100 } });
    try {
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          call(s.url, 'POST', '/v1/practices', {
            body: {
              practiceName: `P${i}`,
              displayName: 'D',
              email: newEmail(),
              password: PASSWORD,
              keyEnvelope: '{}',
              deviceName: 'Desk',
            },
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403, 403]);
      expect(results.filter((r) => r.status === 403).every((r) => r.body.error === 'registration-closed')).toBe(true);
      const n = await s.pool.query('SELECT count(*)::int AS n FROM practices');
      expect(n.rows[0].n).toBe(1);
    } finally {
      await s.close();
    }
  });
});
