import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash as argonHash } from '@node-rs/argon2';
import type { Context, MiddlewareHandler } from 'hono';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type pg from 'pg';
import { Uuid, type Session } from '../../core/sync/protocol/wire.ts';
import {
  ACCESS_TOKEN_SECONDS,
  JWT_AUDIENCE,
  JWT_ISSUER,
  REFRESH_TOKEN_MS,
  type AppContext,
  type Auth,
  type Env,
} from './config.ts';
import { ApiError, invalidToken } from './errors.ts';

/** Access tokens (HS256 JWTs) and refresh tokens: issuing them and checking them on each request. */

export const ARGON2 = { algorithm: 2 /* argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Who made the request (set by requireAuth). */
export function auth(c: Context<Env>): Auth {
  const a = c.get('auth');
  if (!a) throw invalidToken();
  return a;
}

export interface Tokens {
  requireAuth: MiddlewareHandler<Env>;
  /** Issues a refresh token and an access token for a device, inside the caller's transaction. */
  issueSession(
    client: pg.PoolClient,
    s: { practiceId: string; practitionerId: string; deviceId: string; role: string; refreshTokenId?: string },
  ): Promise<Session>;
  /** A password hash to verify when an e-mail is unknown, so a wrong e-mail costs the same time as a wrong password. */
  dummyHash(): Promise<string>;
}

export function tokens(ctx: AppContext): Tokens {
  const { pool, jwtSecret, now } = ctx;
  let dummy: Promise<string> | undefined;
  const dummyHash = (): Promise<string> => (dummy ??= argonHash(randomBytes(18).toString('base64url'), ARGON2));

  const requireAuth: MiddlewareHandler<Env> = async (c, next) => {
    const header = c.req.header('authorization');
    const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!m?.[1]) throw new ApiError(401, 'invalid-token', 'An access token is required.');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(m[1], jwtSecret, {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        currentDate: new Date(now()),
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired)
        throw new ApiError(401, 'token-expired', 'The access token has expired: refresh it.');
      throw invalidToken();
    }
    const { sub, pid, did } = payload;
    if (typeof sub !== 'string' || typeof pid !== 'string' || typeof did !== 'string') throw invalidToken();
    if (![sub, pid, did].every((s) => Uuid.safeParse(s).success)) throw invalidToken();
    const tep = payload.tep ?? 0;
    if (typeof tep !== 'number' || !Number.isSafeInteger(tep)) throw invalidToken();
    // The device must still exist, in that practice, for that practitioner, and must not have logged
    // out since the token was issued (token epoch); the role is read fresh.
    const r = await pool.query<{ role: 'owner' | 'member'; token_epoch: number }>(
      `SELECT p.role, d.token_epoch FROM devices d JOIN practitioners p ON p.id = d.practitioner_id
        WHERE d.id = $1 AND d.practice_id = $2 AND p.id = $3 AND p.practice_id = $2`,
      [did, pid, sub],
    );
    const row = r.rows[0];
    if (!row || row.token_epoch !== tep) throw invalidToken();
    c.set('auth', { practitionerId: sub, practiceId: pid, deviceId: did, role: row.role });
    await next();
  };

  async function issueSession(
    client: pg.PoolClient,
    s: { practiceId: string; practitionerId: string; deviceId: string; role: string; refreshTokenId?: string },
  ): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    const t = now();
    await client.query(
      `INSERT INTO refresh_tokens (id, practice_id, practitioner_id, device_id, token_hash, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        s.refreshTokenId ?? randomUUID(),
        s.practiceId,
        s.practitionerId,
        s.deviceId,
        sha256(refreshToken),
        new Date(t + REFRESH_TOKEN_MS),
        new Date(t),
      ],
    );
    const d = await client.query<{ token_epoch: number }>(
      'UPDATE devices SET last_seen_at = $2 WHERE id = $1 RETURNING token_epoch',
      [s.deviceId, new Date(t)],
    );
    const tep = d.rows[0]?.token_epoch;
    if (tep === undefined) throw invalidToken();
    const iat = Math.floor(t / 1000);
    const accessToken = await new SignJWT({ pid: s.practiceId, did: s.deviceId, role: s.role, tep })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(s.practitionerId)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
      .sign(jwtSecret);
    const p = await client.query<{ name: string; key_envelope: string }>(
      'SELECT name, key_envelope FROM practices WHERE id = $1',
      [s.practiceId],
    );
    const practice = p.rows[0];
    if (!practice) throw invalidToken();
    return {
      accessToken,
      refreshToken,
      expiresIn: ACCESS_TOKEN_SECONDS,
      practiceId: s.practiceId,
      practiceName: practice.name,
      practitionerId: s.practitionerId,
      deviceId: s.deviceId,
      keyEnvelope: practice.key_envelope,
    };
  }

  return { requireAuth, issueSession, dummyHash };
}
