import { randomUUID } from 'node:crypto';
import { verify as argonVerify } from '@node-rs/argon2';
import type { Hono } from 'hono';
import { LoginBody, RefreshBody } from '../../core/sync/protocol/wire.ts';
import { auth, sha256, type Tokens } from './auth.ts';
import { REFRESH_REUSE_GRACE_MS, type AppContext, type Env, type Guards } from './config.ts';
import { inTransaction } from './db.ts';
import { ApiError, readJson } from './errors.ts';

/** Signing a device in, renewing its session (refresh-token rotation) and signing it out. */
export function sessionRoutes(app: Hono<Env>, ctx: AppContext, g: Guards, tokens: Tokens): void {
  const { pool, now, log } = ctx;
  const { byIp, refreshByIp, smallBody, requireAuth } = g;
  const { issueSession, dummyHash } = tokens;

  app.post('/v1/auth/login', byIp, smallBody, async (c) => {
    const body = await readJson(c, LoginBody);
    const r = await pool.query<{ id: string; practice_id: string; password_hash: string; role: string }>(
      'SELECT id, practice_id, password_hash, role FROM practitioners WHERE email = $1',
      [body.email],
    );
    const who = r.rows[0];
    const ok = who
      ? await argonVerify(who.password_hash, body.password)
      : (await argonVerify(await dummyHash(), body.password), false);
    if (!who || !ok) throw new ApiError(401, 'bad-credentials', 'The e-mail address or the password is wrong.');
    const session = await inTransaction(pool, async (client) => {
      let deviceId: string | undefined;
      if (body.deviceId) {
        // Reused only when it is this practitioner's own device: a device id is no secret (every
        // pulled row names its origin device), so another practitioner's device is never taken over.
        const d = await client.query(
          `UPDATE devices SET name = $4 WHERE id = $1 AND practice_id = $2 AND practitioner_id = $3 RETURNING id`,
          [body.deviceId, who.practice_id, who.id, body.deviceName],
        );
        if (d.rowCount) deviceId = body.deviceId;
      }
      if (!deviceId) {
        deviceId = randomUUID();
        await client.query('INSERT INTO devices (id, practice_id, practitioner_id, name) VALUES ($1, $2, $3, $4)', [
          deviceId,
          who.practice_id,
          who.id,
          body.deviceName,
        ]);
      }
      return issueSession(client, { practiceId: who.practice_id, practitionerId: who.id, deviceId, role: who.role });
    });
    return c.json(session, 200);
  });

  app.post('/v1/auth/refresh', refreshByIp, smallBody, async (c) => {
    const body = await readJson(c, RefreshBody);
    const outcome = await inTransaction(pool, async (client) => {
      const r = await client.query<{
        id: string;
        practice_id: string;
        practitioner_id: string;
        device_id: string;
        expires_at: Date;
        revoked_at: Date | null;
        revoked_reason: string | null;
        replaced_by: string | null;
      }>(
        `SELECT id, practice_id, practitioner_id, device_id, expires_at, revoked_at, revoked_reason, replaced_by
           FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
        [sha256(body.refreshToken)],
      );
      const t = r.rows[0];
      if (!t) return null;
      const at = now();
      const successorId = randomUUID();
      if (t.revoked_at) {
        // A retry whose answer was lost: rotated moments ago, and its successor never used. Rotate
        // again (the unseen successor is revoked) rather than signing the device out.
        const since = at - t.revoked_at.getTime();
        let retried = false;
        if (
          t.revoked_reason === 'rotated' &&
          t.replaced_by &&
          since >= 0 &&
          since < REFRESH_REUSE_GRACE_MS &&
          t.expires_at.getTime() > at
        ) {
          const s = await client.query(
            `UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = 'superseded'
              WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
            [t.replaced_by, new Date(at)],
          );
          retried = (s.rowCount ?? 0) > 0;
        }
        if (!retried) {
          // Reuse of a rotated token: someone else may hold this device's tokens. End them all, and
          // the device's access tokens with them.
          await client.query(
            `UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = 'reuse'
              WHERE device_id = $1 AND revoked_at IS NULL`,
            [t.device_id, new Date(at)],
          );
          await client.query('UPDATE devices SET token_epoch = token_epoch + 1 WHERE id = $1', [t.device_id]);
          log.warn('refresh token reuse: device tokens revoked', { practiceId: t.practice_id, deviceId: t.device_id });
          return null;
        }
        // revoked_at stays the first rotation's time: the grace period is not extended by retries.
        await client.query('UPDATE refresh_tokens SET replaced_by = $2 WHERE id = $1', [t.id, successorId]);
      } else {
        if (t.expires_at.getTime() <= at) return null;
        await client.query(
          `UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = 'rotated', replaced_by = $3 WHERE id = $1`,
          [t.id, new Date(at), successorId],
        );
      }
      const p = await client.query<{ role: string }>(
        `SELECT p.role FROM practitioners p JOIN devices d ON d.practitioner_id = p.id
          WHERE p.id = $1 AND d.id = $2 AND d.practice_id = $3`,
        [t.practitioner_id, t.device_id, t.practice_id],
      );
      const role = p.rows[0]?.role;
      if (!role) return null;
      return issueSession(client, {
        practiceId: t.practice_id,
        practitionerId: t.practitioner_id,
        deviceId: t.device_id,
        role,
        refreshTokenId: successorId,
      });
    });
    if (!outcome) throw new ApiError(401, 'invalid-token', 'The refresh token is not valid: log in again.');
    return c.json(outcome, 200);
  });

  app.post('/v1/auth/logout', byIp, requireAuth, async (c) => {
    const a = auth(c);
    await inTransaction(pool, async (client) => {
      await client.query(
        `UPDATE refresh_tokens SET revoked_at = $3, revoked_reason = 'logout'
          WHERE device_id = $1 AND practice_id = $2 AND revoked_at IS NULL`,
        [a.deviceId, a.practiceId, new Date(now())],
      );
      // The access tokens already issued to this device stop working too (requireAuth compares epochs).
      await client.query('UPDATE devices SET token_epoch = token_epoch + 1 WHERE id = $1 AND practice_id = $2', [
        a.deviceId,
        a.practiceId,
      ]);
    });
    return c.body(null, 204);
  });
}
