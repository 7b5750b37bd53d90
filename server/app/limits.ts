import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, Env, Guards } from './config.ts';
import { ApiError, errorBody } from './errors.ts';

// Rate limiting: in-memory token buckets (per server process), and body limits.

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

/** The client's IP address, as the rate limits key it. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    // The trusted proxy appends the address it saw: the last entry. Earlier ones are client-chosen.
    const fwd = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** Takes a token from `key`'s bucket, or answers 429 with Retry-After. */
export const rateLimit =
  (buckets: TokenBuckets, key: (c: Context<Env>) => string): MiddlewareHandler<Env> =>
  async (c, next) => {
    const wait = buckets.take(key(c));
    if (wait > 0)
      throw new ApiError(429, 'rate-limited', 'Too many requests: try again later.', {
        headers: { 'Retry-After': String(wait) },
      });
    await next();
  };

/** Refuses a body over maxSize bytes (413) before it is read. */
export const limitBody = (maxSize: number): MiddlewareHandler<Env> =>
  bodyLimit({
    maxSize,
    onError: (c) => c.json(errorBody('too-large', `The request body is over ${maxSize} bytes.`), 413),
  });

/** The rate and body limits of one app (its buckets live as long as it does), and requireAuth. */
export function guards(ctx: AppContext, requireAuth: MiddlewareHandler<Env>): Guards {
  const { limits, now } = ctx;
  const authBuckets = new TokenBuckets(limits.authPerMinute, now);
  const refreshBuckets = new TokenBuckets(limits.refreshPerMinute, now);
  const syncBuckets = new TokenBuckets(limits.syncPerMinute, now);
  return {
    byIp: rateLimit(authBuckets, (c) => `ip:${clientIp(c, limits.trustProxy)}`),
    refreshByIp: rateLimit(refreshBuckets, (c) => `ip:${clientIp(c, limits.trustProxy)}`),
    byDevice: rateLimit(syncBuckets, (c) => `device:${c.get('auth')?.deviceId ?? 'none'}`),
    smallBody: limitBody(limits.authBodyBytes),
    pushBody: limitBody(limits.pushBodyBytes),
    requireAuth,
  };
}
