import type { MiddlewareHandler } from 'hono';
import type pg from 'pg';
import type { Logger } from '../../core/logging/log.ts';

/** The sync server's configuration and the types its modules share. */

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
export const JWT_ISSUER = 'bioai-sync';
export const JWT_AUDIENCE = 'bioai-device';

/** Who made a request: read from its access token and checked against the database. */
export interface Auth {
  practitionerId: string;
  practiceId: string;
  deviceId: string;
  role: 'owner' | 'member';
}

export type Env = { Variables: { auth: Auth | undefined } };

/** What every route module reads: the dependencies with their defaults filled in. */
export interface AppContext {
  pool: pg.Pool;
  jwtSecret: Uint8Array;
  log: Logger;
  now: () => number;
  limits: Limits;
  registration: Registration;
}

export function appContext(deps: AppDeps): AppContext {
  return {
    pool: deps.pool,
    jwtSecret: deps.jwtSecret,
    log: deps.log,
    now: deps.now ?? Date.now,
    limits: { ...DEFAULT_LIMITS, ...deps.limits },
    registration: deps.registration ?? 'open',
  };
}

/** The middleware the routes are guarded with (rate limits, body limits, the access token). */
export interface Guards {
  /** Sign-in and account requests: per client IP. */
  byIp: MiddlewareHandler<Env>;
  /** Session renewals: per client IP, a bucket of their own. */
  refreshByIp: MiddlewareHandler<Env>;
  /** Push and pull: per device (after requireAuth). */
  byDevice: MiddlewareHandler<Env>;
  /** The body limit of the account endpoints. */
  smallBody: MiddlewareHandler<Env>;
  /** The body limit of a push. */
  pushBody: MiddlewareHandler<Env>;
  /** A valid access token of an existing device (sets `auth`). */
  requireAuth: MiddlewareHandler<Env>;
}
