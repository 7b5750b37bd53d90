import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type pg from 'pg';
import type { z } from 'zod';
import type { Issue, ServerErrorCode } from '../core/sync/protocol/errors.ts';
import { MAX_CLOCK_DRIFT_MS, parseHlc } from '../core/sync/protocol/hlc.ts';
import { erasedRow, mergeRow, type StampedRow, type Tomb } from '../core/sync/protocol/merge.ts';
import { CLIENT_CHILD_TABLES, TABLE_ORDER, type SyncTable } from '../core/sync/protocol/tables.ts';
import {
  AddPractitionerBody,
  ENCRYPTED_PREFIX,
  LoginBody,
  PullQuery,
  PushRequest,
  RefreshBody,
  RegisterBody,
  UUID_TEXT,
  Uuid,
  type ClockAheadResponse,
  type PullResponse,
  type PushResponse,
  type Session,
  type SyncRow,
} from '../core/sync/protocol/wire.ts';
import type { Logger } from '../core/logging/log.ts';
import { migrationsApplied } from './db/migrate.ts';

// ---------------------------------------------------------------------------------------------
// Configuration

export interface Limits {
  /** Requests per minute per client IP on /v1/practices and /v1/auth/*. */
  authPerMinute: number;
  /**
   * Requests per minute per client IP on /v1/auth/refresh, a bucket of its own: computers behind one
   * address renewing their sessions never use up the sign-in attempts, nor failed sign-ins their
   * renewals (a refresh token is 256 random bits: this bounds load, not guessing).
   */
  refreshPerMinute: number;
  /** Requests per minute per device on /v1/sync/*. */
  syncPerMinute: number;
  /** Body limit of the auth and account endpoints, bytes. */
  authBodyBytes: number;
  /** Body limit of /v1/sync/push, bytes. */
  pushBodyBytes: number;
  /**
   * Take the client IP from the last X-Forwarded-For entry, the one the trusted proxy appended (the
   * entries before it are whatever the client sent). Only behind exactly one trusted proxy.
   */
  trustProxy: boolean;
  /** A pull page stops adding rows once its JSON would pass this many bytes (it always has one row). */
  pullPageBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  authPerMinute: 20,
  refreshPerMinute: 120,
  syncPerMinute: 1200,
  authBodyBytes: 16 * 1024,
  pushBodyBytes: 8 * 1024 * 1024,
  trustProxy: false,
  pullPageBytes: 4 * 1024 * 1024,
};

export interface AppDeps {
  pool: pg.Pool;
  jwtSecret: Uint8Array;
  now?: () => number;
  log: Logger;
  limits?: Partial<Limits>;
  /**
   * Who may create a practice: 'open' (anyone who reaches the server: tests, a hosting provider),
   * 'first-only' (until the first practice exists: a practice's own server) or 'closed'.
   */
  registration?: Registration;
}

export type Registration = 'open' | 'first-only' | 'closed';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * A refresh token rotated less than this long ago and presented again is taken for a retry whose
 * answer was lost (the client never saw the successor): it is rotated again instead of being treated
 * as reuse, provided its successor was not used yet.
 */
export const REFRESH_REUSE_GRACE_MS = 60 * 1000;
/** Idempotency records older than this are deleted (a retry comes within minutes, not weeks). */
export const IDEMPOTENCY_KEEP_MS = 30 * 24 * 60 * 60 * 1000;
/** Serialises 'first-only' registrations (pg_advisory_xact_lock key; any constant). */
const REGISTRATION_LOCK = 4_217_031_992;
export const JWT_ISSUER = 'bioai-sync';
export const JWT_AUDIENCE = 'bioai-device';
const ARGON2 = { algorithm: 2 /* argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// ---------------------------------------------------------------------------------------------
// Errors

export class ApiError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;
  readonly code: ServerErrorCode;
  readonly issues: Issue[] | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(
    status: ApiError['status'],
    code: ServerErrorCode,
    message: string,
    extra?: { issues?: Issue[]; headers?: Record<string, string> },
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = extra?.issues;
    this.headers = extra?.headers;
  }
}

const emailTaken = (): ApiError => new ApiError(409, 'email-taken', 'This e-mail address is already registered.');
const invalidToken = (): ApiError => new ApiError(401, 'invalid-token', 'The token is not valid.');

function zodIssues(error: z.ZodError, root = '(body)'): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || root, message: i.message }));
}

function invalidRequest(issues: Issue[]): ApiError {
  const where = [...new Set(issues.map((i) => i.path))].slice(0, 5).join(', ');
  return new ApiError(400, 'invalid-request', `The request is not valid (${where}).`, { issues });
}

async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid-request', 'The request body is not valid JSON.', {
      issues: [{ path: '(body)', message: 'malformed JSON' }],
    });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw invalidRequest(zodIssues(parsed.error));
  return parsed.data;
}

interface Auth {
  practitionerId: string;
  practiceId: string;
  deviceId: string;
  role: 'owner' | 'member';
}

type Env = { Variables: { auth: Auth | undefined } };

// ---------------------------------------------------------------------------------------------
// Rate limiting: in-memory token buckets (per server process).

export class TokenBuckets {
  /** A bucket untouched this long is full again, so it can be forgotten. */
  static readonly PRUNE_EVERY_MS = 60_000;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMinute: number;
  private readonly now: () => number;
  private prunedAt: number;
  /** How many times the buckets were swept (tests). */
  prunes = 0;
  constructor(perMinute: number, now: () => number) {
    this.perMinute = perMinute;
    this.now = now;
    this.prunedAt = now();
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + Math.max(0, now - b.at) * rate);
    b.at = now;
    // At most one sweep a minute: every bucket left after a sweep was used in the minute before it,
    // so a sweep costs no more than the requests since the previous one (amortised O(1) per take).
    if (now - this.prunedAt >= TokenBuckets.PRUNE_EVERY_MS || now < this.prunedAt) {
      this.prunedAt = now;
      this.prune(now);
    }
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
  }

  private prune(now: number): void {
    this.prunes += 1;
    for (const [k, b] of this.buckets)
      if (b.tokens + (now - b.at) * (this.perMinute / 60_000) >= this.perMinute) this.buckets.delete(k);
  }
}

// ---------------------------------------------------------------------------------------------

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** The tombstones of those of `clientIds` that are deleted clients of the practice. */
async function clientTombs(
  client: pg.PoolClient,
  practiceId: string,
  clientIds: unknown[],
): Promise<Map<string, Tomb>> {
  const ids = [...new Set(clientIds.filter((x): x is string => typeof x === 'string' && UUID_TEXT.test(x)))];
  const out = new Map<string, Tomb>();
  if (ids.length === 0) return out;
  const r = await client.query<{ id: string; value: unknown; hlc: string }>(
    `SELECT id, fields->'deleted_at' AS value, stamps->>'deleted_at' AS hlc FROM clients
      WHERE practice_id = $1 AND id = ANY($2::uuid[]) AND jsonb_typeof(fields->'deleted_at') NOT IN ('null')
        AND stamps ? 'deleted_at'`,
    [practiceId, ids],
  );
  for (const row of r.rows) out.set(row.id, { value: row.value, hlc: row.hlc });
  return out;
}

const isUniqueViolation = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === '23505';

/**
 * Deletes what no request can use any more: idempotency records older than IDEMPOTENCY_KEEP_MS and
 * expired refresh tokens. startServer runs it periodically; push also prunes the pushing device's
 * idempotency records.
 */
/**
 * Replaces, in `merged`, each stored plaintext value for which the push brings ciphertext with the
 * very same stamp (a computer re-sending what the first wire version sent readable); returns how many.
 * Such a change was counted as ignored by the merge (its stamp is not newer).
 */
function rewraps(
  existing: { fields: Record<string, unknown>; stamps: Record<string, string> },
  changes: { field: string; value: unknown; hlc: string }[],
  merged: { fields: Record<string, unknown> },
): number {
  let n = 0;
  for (const c of changes) {
    const stored = existing.fields[c.field];
    const storedCipher = typeof stored === 'string' && stored.startsWith(ENCRYPTED_PREFIX);
    const incomingCipher = typeof c.value === 'string' && c.value.startsWith(ENCRYPTED_PREFIX);
    if (existing.stamps[c.field] === c.hlc && !storedCipher && incomingCipher && merged.fields[c.field] === stored) {
      merged.fields[c.field] = c.value;
      n++;
    }
  }
  return n;
}

export async function pruneExpired(pool: pg.Pool, at: number): Promise<{ idempotency: number; refreshTokens: number }> {
  const i = await pool.query('DELETE FROM idempotency WHERE created_at < $1', [new Date(at - IDEMPOTENCY_KEEP_MS)]);
  const r = await pool.query('DELETE FROM refresh_tokens WHERE expires_at < $1', [new Date(at)]);
  return { idempotency: i.rowCount ?? 0, refreshTokens: r.rowCount ?? 0 };
}

export function createApp(deps: AppDeps): Hono<Env> {
  const { pool, jwtSecret, log } = deps;
  const now = deps.now ?? Date.now;
  const limits: Limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const authBuckets = new TokenBuckets(limits.authPerMinute, now);
  const refreshBuckets = new TokenBuckets(limits.refreshPerMinute, now);
  const syncBuckets = new TokenBuckets(limits.syncPerMinute, now);
  // Verified when an e-mail is unknown, so a wrong e-mail costs the same time as a wrong password.
  let dummyHash: Promise<string> | undefined;
  const getDummyHash = (): Promise<string> => (dummyHash ??= argonHash(randomBytes(18).toString('base64url'), ARGON2));

  const app = new Hono<Env>();

  // One structured line per request: no bodies, no query strings, no e-mails, no tokens.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const auth = c.get('auth');
    log.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      practiceId: auth?.practiceId ?? null,
      deviceId: auth?.deviceId ?? null,
    });
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      const body: Record<string, unknown> = { error: err.code, message: err.message };
      if (err.issues) body.issues = err.issues;
      if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(body, err.status);
    }
    log.error('unexpected error', { method: c.req.method, path: c.req.path, error: err });
    return c.json({ error: 'internal', message: 'Something went wrong on the server.' }, 500);
  });

  app.notFound((c) => c.json({ error: 'not-found', message: 'There is nothing at this address.' }, 404));

  const clientIp = (c: Context): string => {
    if (limits.trustProxy) {
      // The trusted proxy appends the address it saw: the last entry. Earlier ones are client-chosen.
      const fwd = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (fwd) return fwd;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // app.request() in tests has no socket
    }
  };

  const rateLimit =
    (buckets: TokenBuckets, key: (c: Context<Env>) => string): MiddlewareHandler<Env> =>
    async (c, next) => {
      const wait = buckets.take(key(c));
      if (wait > 0)
        throw new ApiError(429, 'rate-limited', 'Too many requests: try again later.', {
          headers: { 'Retry-After': String(wait) },
        });
      await next();
    };

  const limitBody = (maxSize: number): MiddlewareHandler<Env> =>
    bodyLimit({
      maxSize,
      onError: (c) => c.json({ error: 'too-large', message: `The request body is over ${maxSize} bytes.` }, 413),
    });

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

  const auth = (c: Context<Env>): Auth => {
    const a = c.get('auth');
    if (!a) throw invalidToken();
    return a;
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

  // ---- health -------------------------------------------------------------------------------

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.get('/ready', async (c) => {
    try {
      await pool.query('SELECT 1');
      if (!(await migrationsApplied(pool)))
        return c.json({ error: 'not-ready', message: 'The database migrations are not applied.' }, 503);
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ error: 'not-ready', message: 'The database does not answer.' }, 503);
    }
  });

  // ---- accounts -----------------------------------------------------------------------------

  const byIp = rateLimit(authBuckets, (c) => `ip:${clientIp(c)}`);
  const refreshByIp = rateLimit(refreshBuckets, (c) => `ip:${clientIp(c)}`);
  const smallBody = limitBody(limits.authBodyBytes);

  app.post('/v1/practices', byIp, smallBody, async (c) => {
    const body = await readJson(c, RegisterBody);
    const registration = deps.registration ?? 'open';
    const registrationClosed = (): ApiError =>
      new ApiError(
        403,
        'registration-closed',
        'This server does not accept new practices. Sign in to your practice, or ask its administrator.',
      );
    const anyPractice = async (q: pg.Pool | pg.PoolClient): Promise<boolean> =>
      ((await q.query('SELECT 1 FROM practices LIMIT 1')).rowCount ?? 0) > 0;
    // A cheap early answer; 'first-only' checks again under a lock in the transaction below.
    if (registration === 'closed' || (registration === 'first-only' && (await anyPractice(pool))))
      throw registrationClosed();
    const passwordHash = await argonHash(body.password, ARGON2);
    const practiceId = randomUUID();
    const practitionerId = randomUUID();
    const deviceId = randomUUID();
    try {
      const session = await inTransaction(pool, async (client) => {
        if (registration === 'first-only') {
          // Two simultaneous first registrations: the second waits here, then sees the first practice.
          await client.query('SELECT pg_advisory_xact_lock($1)', [REGISTRATION_LOCK]);
          if (await anyPractice(client)) throw registrationClosed();
        }
        const taken = await client.query('SELECT 1 FROM practitioners WHERE email = $1', [body.email]);
        if (taken.rowCount) throw emailTaken();
        await client.query('INSERT INTO practices (id, name, key_envelope) VALUES ($1, $2, $3)', [
          practiceId,
          body.practiceName,
          body.keyEnvelope,
        ]);
        await client.query(
          `INSERT INTO practitioners (id, practice_id, email, display_name, password_hash, role)
           VALUES ($1, $2, $3, $4, $5, 'owner')`,
          [practitionerId, practiceId, body.email, body.displayName, passwordHash],
        );
        await client.query('INSERT INTO devices (id, practice_id, practitioner_id, name) VALUES ($1, $2, $3, $4)', [
          deviceId,
          practiceId,
          practitionerId,
          body.deviceName,
        ]);
        return issueSession(client, { practiceId, practitionerId, deviceId, role: 'owner' });
      });
      return c.json(session, 201);
    } catch (e) {
      if (isUniqueViolation(e)) throw emailTaken();
      throw e;
    }
  });

  app.post('/v1/auth/login', byIp, smallBody, async (c) => {
    const body = await readJson(c, LoginBody);
    const r = await pool.query<{ id: string; practice_id: string; password_hash: string; role: string }>(
      'SELECT id, practice_id, password_hash, role FROM practitioners WHERE email = $1',
      [body.email],
    );
    const who = r.rows[0];
    const ok = who
      ? await argonVerify(who.password_hash, body.password)
      : (await argonVerify(await getDummyHash(), body.password), false);
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

  app.post('/v1/practitioners', byIp, smallBody, requireAuth, async (c) => {
    const a = auth(c);
    if (a.role !== 'owner')
      throw new ApiError(403, 'forbidden', 'Only the owner of the practice can add practitioners.');
    const body = await readJson(c, AddPractitionerBody);
    const passwordHash = await argonHash(body.password, ARGON2);
    const practitionerId = randomUUID();
    try {
      await pool.query(
        `INSERT INTO practitioners (id, practice_id, email, display_name, password_hash, role)
         VALUES ($1, $2, $3, $4, $5, 'member')`,
        [practitionerId, a.practiceId, body.email, body.displayName, passwordHash],
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw emailTaken();
      throw e;
    }
    return c.json({ practitionerId }, 201);
  });

  app.get('/v1/practice', requireAuth, async (c) => {
    const a = auth(c);
    const r = await pool.query<{ name: string; key_envelope: string }>(
      'SELECT name, key_envelope FROM practices WHERE id = $1',
      [a.practiceId],
    );
    const p = r.rows[0];
    if (!p) throw invalidToken();
    return c.json({ practiceId: a.practiceId, practiceName: p.name, keyEnvelope: p.key_envelope });
  });

  // ---- sync ---------------------------------------------------------------------------------

  const byDevice = rateLimit(syncBuckets, (c) => `device:${c.get('auth')?.deviceId ?? 'none'}`);

  app.post('/v1/sync/push', limitBody(limits.pushBodyBytes), requireAuth, byDevice, async (c) => {
    const a = auth(c);
    const body = await readJson(c, PushRequest);
    const horizon = now() + MAX_CLOCK_DRIFT_MS;
    const drift: Issue[] = [];
    body.changes.forEach((ch, i) => {
      if (parseHlc(ch.hlc).wall > horizon)
        drift.push({
          path: `changes.${i}.hlc`,
          message: 'the stamp is more than 24 hours ahead of the server clock (is the device clock wrong?)',
        });
    });
    // A wrong device clock, not a wrong value: answered apart (409 clock-ahead, with the server's
    // time) so the device keeps these changes and stamps them again once its clock is right.
    if (drift.length) {
      const answer: ClockAheadResponse = {
        error: 'clock-ahead',
        message: 'Stamps more than 24 hours ahead of the server clock: the device clock is wrong.',
        serverTime: now(),
        issues: drift,
      };
      return c.json(answer, 409);
    }

    // Group by table then id, keeping the order the ids first appear in.
    const groups = new Map<SyncTable, Map<string, { field: string; value: unknown; hlc: string }[]>>();
    for (const ch of body.changes) {
      let byId = groups.get(ch.table);
      if (!byId) groups.set(ch.table, (byId = new Map()));
      let list = byId.get(ch.id);
      if (!list) byId.set(ch.id, (list = []));
      list.push({ field: ch.field, value: ch.value, hlc: ch.hlc });
    }

    const response = await inTransaction(pool, async (client): Promise<PushResponse> => {
      // Serialises pushes per practice: seq order equals commit order, so a pull cursor never skips a row.
      const p = await client.query<{ seq: string }>('SELECT seq::text AS seq FROM practices WHERE id = $1 FOR UPDATE', [
        a.practiceId,
      ]);
      if (!p.rows[0]) throw invalidToken();
      // Keeps the idempotency table bounded: this device's records older than the retention go.
      await client.query('DELETE FROM idempotency WHERE device_id = $1 AND created_at < $2', [
        a.deviceId,
        new Date(now() - IDEMPOTENCY_KEEP_MS),
      ]);
      const done = await client.query<{ response: PushResponse }>(
        'SELECT response FROM idempotency WHERE device_id = $1 AND key = $2 AND practice_id = $3',
        [a.deviceId, body.idempotencyKey, a.practiceId],
      );
      if (done.rows[0]) return { ...done.rows[0].response, replayed: true };

      let seq = BigInt(p.rows[0].seq);
      let applied = 0;
      let ignored = 0;
      const stamp = new Date(now());
      type Up = { ids: string[]; fields: string[]; stamps: string[]; seqs: string[] };
      const write = async (table: SyncTable, up: Up): Promise<void> => {
        if (!up.ids.length) return;
        await client.query(
          `INSERT INTO ${table} (practice_id, id, fields, stamps, origin_device, seq, updated_at)
           SELECT $1, u.id, u.fields, u.stamps, $2, u.seq, $3
             FROM unnest($4::uuid[], $5::jsonb[], $6::jsonb[], $7::bigint[]) AS u(id, fields, stamps, seq)
           ON CONFLICT (practice_id, id) DO UPDATE SET fields = excluded.fields, stamps = excluded.stamps,
             origin_device = excluded.origin_device, seq = excluded.seq, updated_at = excluded.updated_at`,
          [a.practiceId, a.deviceId, stamp, up.ids, up.fields, up.stamps, up.seqs],
        );
      };
      const stage = (up: Up, id: string, row: StampedRow): void => {
        seq += 1n;
        up.ids.push(id);
        up.fields.push(JSON.stringify(row.fields));
        up.stamps.push(JSON.stringify(row.stamps));
        up.seqs.push(seq.toString());
      };
      for (const table of TABLE_ORDER) {
        const byId = groups.get(table);
        if (!byId) continue;
        const ids = [...byId.keys()];
        const existing = await client.query<{
          id: string;
          fields: Record<string, unknown>;
          stamps: Record<string, string>;
        }>(`SELECT id, fields, stamps FROM ${table} WHERE practice_id = $1 AND id = ANY($2::uuid[])`, [
          a.practiceId,
          ids,
        ]);
        const have = new Map(existing.rows.map((r) => [r.id, r]));
        // A row of a deleted client is erased whatever arrives for it (children name their client).
        const isChild = CLIENT_CHILD_TABLES.includes(table);
        const clientOf = (id: string): unknown =>
          byId.get(id)?.find((ch) => ch.field === 'client_id')?.value ?? have.get(id)?.fields.client_id;
        const tombs = isChild ? await clientTombs(client, a.practiceId, ids.map(clientOf)) : new Map<string, Tomb>();
        const up: Up = { ids: [], fields: [], stamps: [], seqs: [] };
        const erasedClients = new Map<string, Tomb>();
        for (const [id, changes] of byId) {
          const owner = clientOf(id);
          const ownerTomb = typeof owner === 'string' ? tombs.get(owner) : undefined;
          const erasedBy = typeof owner === 'string' && ownerTomb ? { id: owner, tomb: ownerTomb } : null;
          const before = have.get(id) ?? null;
          const merged = mergeRow(before, changes, { table, client: erasedBy });
          // A value the first wire version stored readable, sent again encrypted under its own stamp:
          // the ciphertext replaces it (the same edit, now unreadable here). Nothing else moves.
          // Never on an erased row: only what exists unerased is rewritten.
          const live = merged.fields.deleted_at === null || merged.fields.deleted_at === undefined;
          const rewrapped = before && !erasedBy && live ? rewraps(before, changes, merged) : 0;
          applied += merged.applied.length + rewrapped;
          ignored += merged.ignored.length - rewrapped;
          if (!merged.applied.length && !rewrapped) continue;
          stage(up, id, merged);
          if (table === 'clients' && merged.fields.deleted_at !== null && merged.fields.deleted_at !== undefined)
            erasedClients.set(id, { value: merged.fields.deleted_at, hlc: merged.stamps.deleted_at! });
        }
        await write(table, up);
        // The rows the server already holds for a client whose tombstone just arrived are erased too.
        if (erasedClients.size > 0)
          for (const child of CLIENT_CHILD_TABLES) {
            const rows = await client.query<{ id: string; client_id: string; fields: unknown; stamps: unknown }>(
              `SELECT id, fields->>'client_id' AS client_id, fields, stamps FROM ${child}
                WHERE practice_id = $1 AND fields->>'client_id' = ANY($2::text[])`,
              [a.practiceId, [...erasedClients.keys()]],
            );
            const cup: Up = { ids: [], fields: [], stamps: [], seqs: [] };
            for (const r of rows.rows) {
              const erased = erasedRow(child, erasedClients.get(r.client_id)!, r.client_id);
              if (JSON.stringify(erased) !== JSON.stringify({ fields: r.fields, stamps: r.stamps }))
                stage(cup, r.id, erased);
            }
            await write(child, cup);
          }
      }
      await client.query('UPDATE practices SET seq = $2 WHERE id = $1', [a.practiceId, seq.toString()]);
      const result: PushResponse = { applied, ignored, replayed: false };
      await client.query(
        'INSERT INTO idempotency (practice_id, device_id, key, response, created_at) VALUES ($1, $2, $3, $4, $5)',
        [a.practiceId, a.deviceId, body.idempotencyKey, JSON.stringify(result), stamp],
      );
      return result;
    });
    return c.json(response, 200);
  });

  app.get('/v1/sync/pull', requireAuth, byDevice, async (c) => {
    const a = auth(c);
    const parsed = PullQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalidRequest(zodIssues(parsed.error, '(query)'));
    const { cursor, limit } = parsed.data;
    if (BigInt(cursor) > 9_223_372_036_854_775_807n)
      throw invalidRequest([{ path: 'cursor', message: 'the cursor is out of range' }]);
    const branches = TABLE_ORDER.map(
      (t) =>
        `(SELECT '${t}' AS tbl, id, fields, stamps, origin_device, seq FROM ${t}
           WHERE practice_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)`,
    );
    const r = await pool.query<{
      tbl: SyncTable;
      id: string;
      fields: Record<string, unknown>;
      stamps: Record<string, string>;
      origin_device: string;
      seq: string;
    }>(`${branches.join(' UNION ALL ')} ORDER BY seq LIMIT $3`, [a.practiceId, cursor, limit + 1]);
    let more = r.rows.length > limit;
    // A page is bounded by bytes too (a device on a slow link, a server with little memory): rows stop
    // once the page's JSON would pass pullPageBytes, always keeping at least one row.
    const rows: SyncRow[] = [];
    let bytes = 0;
    for (const x of r.rows.slice(0, limit)) {
      const row: SyncRow = {
        table: x.tbl,
        id: x.id,
        fields: x.fields,
        stamps: x.stamps,
        originDevice: x.origin_device,
        seq: String(x.seq),
      };
      const size = Buffer.byteLength(JSON.stringify(row)) + 1;
      if (rows.length > 0 && bytes + size > limits.pullPageBytes) {
        more = true;
        break;
      }
      rows.push(row);
      bytes += size;
    }
    const out: PullResponse = { rows, cursor: rows.length ? rows[rows.length - 1]!.seq : cursor, more };
    return c.json(out, 200);
  });

  return app;
}
