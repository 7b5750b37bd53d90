import { AppError } from '../contract/errors.ts';
import { serverErrorCode } from './protocol/errors.ts';
import { SYNC_LEVEL, SYNC_LEVEL_HEADER } from './protocol/tables.ts';
import {
  ClockAheadResponse,
  PullResponse,
  PushResponse,
  Session,
  type LoginBody,
  type PushRequest,
  type RegisterBody,
} from './protocol/wire.ts';

/**
 * The device's HTTP client for the practice's sync server. Network failures, 5xx and 429 are retried
 * with exponential backoff and full jitter (honouring Retry-After); an expired access token is
 * refreshed once; everything else becomes an AppError with a sentence naming the problem.
 */

export type ServerSession = Session;

export interface TokenStore {
  refreshToken(): string | null;
  /** Called with each new session (login, refresh): keep the refresh token, forget on null. */
  save(session: ServerSession | null): void;
}

export interface SyncClientOptions {
  baseUrl: string;
  tokens: TokenStore;
  fetch?: typeof fetch;
  /** Per request; a stalled connection counts as a network failure. */
  timeoutMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * The server refused a push because its stamps are too far ahead of the server's clock (this
 * computer's clock is wrong). Nothing of the push was applied.
 */
export class ClockAheadError extends AppError {
  /** The server's clock when it answered (ms since the epoch). */
  readonly serverTime: number;
  constructor(host: string, serverTime: number) {
    super(
      'sync-clock',
      `The sync server ${host} refused this computer's changes: their times are ahead of the server's clock. Your changes are kept; correct this computer's date and time.`,
    );
    this.serverTime = serverTime;
  }
}

type Retryable = { retry: true; reason: string; afterMs: number | null };

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function backoffMs(attempt: number, random: () => number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, 60_000);
  const cap = Math.min(15_000, 500 * 2 ** attempt);
  return Math.floor(random() * cap);
}

function describeNetworkError(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer in time';
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was cut';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the address was not found';
  return code || 'network error';
}

export class SyncClient {
  private access: string | null = null;
  private readonly o: Required<Omit<SyncClientOptions, 'fetch'>> & { fetch: typeof fetch };

  constructor(options: SyncClientOptions) {
    this.o = {
      fetch: options.fetch ?? fetch,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 5,
      sleep: options.sleep ?? wait,
      random: options.random ?? Math.random,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      tokens: options.tokens,
    };
  }

  get host(): string {
    return new URL(this.o.baseUrl).host;
  }

  async createPractice(body: RegisterBody): Promise<ServerSession> {
    const s = Session.parse(await this.request('POST', '/v1/practices', body, false));
    this.adopt(s);
    return s;
  }

  async login(body: LoginBody): Promise<ServerSession> {
    const s = Session.parse(await this.request('POST', '/v1/auth/login', body, false));
    this.adopt(s);
    return s;
  }

  async logout(): Promise<void> {
    await this.request('POST', '/v1/auth/logout', {}, true);
    this.access = null;
  }

  async push(body: PushRequest): Promise<PushResponse> {
    return PushResponse.parse(await this.request('POST', '/v1/sync/push', body, true));
  }

  async pull(cursor: string, limit: number): Promise<PullResponse> {
    const q = `?cursor=${encodeURIComponent(cursor)}&limit=${limit}`;
    return PullResponse.parse(await this.request('GET', `/v1/sync/pull${q}`, undefined, true));
  }

  private adopt(s: ServerSession): void {
    this.access = s.accessToken;
    this.o.tokens.save(s);
  }

  private async refresh(): Promise<void> {
    const refreshToken = this.o.tokens.refreshToken();
    if (!refreshToken) throw new AppError('sync-auth', 'This computer is not signed in to the sync server.');
    try {
      this.adopt(Session.parse(await this.request('POST', '/v1/auth/refresh', { refreshToken }, false)));
    } catch (e) {
      if (e instanceof AppError && e.code === 'sync-auth') {
        this.access = null;
        // The session is over on the server: forget it here too, so the status says so.
        this.o.tokens.save(null);
        throw new AppError('sync-auth', 'The sync sign-in has ended. Sign in again in Settings → Sync.');
      }
      throw e;
    }
  }

  /** One logical request: retries transient failures; refreshes the access token once on 401. */
  private async request(method: string, path: string, body: unknown, auth: boolean): Promise<unknown> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      if (auth && this.access === null) {
        await this.refresh();
        refreshed = true;
      }
      const outcome = await this.once(method, path, body, auth);
      if (!('retry' in outcome)) return outcome.data;
      if (outcome.retry === 'auth') {
        if (refreshed)
          throw new AppError('sync-auth', 'The sync server refused this computer’s sign-in. Sign in again.');
        this.access = null;
        attempt--; // a refresh is not a failed attempt
        continue;
      }
      if (attempt + 1 >= this.o.maxAttempts)
        throw new AppError(
          'sync-offline',
          outcome.reason === 'too many requests'
            ? `The sync server ${this.host} is refusing requests for now (too many requests). Your changes are kept; try again in a minute.`
            : auth
              ? `The sync server ${this.host} cannot be reached (${outcome.reason}). Your changes are kept and will be sent next time.`
              : // Signing in or creating a practice: nothing is set up yet, so there is no "next time".
                `The sync server ${this.host} cannot be reached (${outcome.reason}). Nothing was set up on this computer: check the server address and the network, then try again.`,
        );
      await this.o.sleep(backoffMs(attempt, this.o.random, outcome.afterMs));
    }
  }

  private async once(
    method: string,
    path: string,
    body: unknown,
    auth: boolean,
  ): Promise<{ data: unknown } | Retryable | { retry: 'auth' }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth && this.access) headers.authorization = `Bearer ${this.access}`;
    headers[SYNC_LEVEL_HEADER] = String(SYNC_LEVEL);
    let res: Response;
    let text: string;
    try {
      res = await this.o.fetch(this.o.baseUrl + path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      return { retry: true, reason: describeNetworkError(err), afterMs: null };
    }
    if (res.status >= 500 || res.status === 429) {
      const after = Number(res.headers.get('retry-after'));
      return {
        retry: true,
        reason: res.status === 429 ? 'too many requests' : `server error ${res.status}`,
        afterMs: Number.isFinite(after) && after > 0 ? after * 1000 : null,
      };
    }
    let data: unknown = null;
    if (text.length > 0) {
      try {
        data = JSON.parse(text) as unknown;
      } catch {
        throw new AppError(
          'sync-protocol',
          `The sync server ${this.host} answered something that is not JSON (${res.status}).`,
        );
      }
    }
    if (res.ok) return { data };
    const err = (data ?? {}) as { message?: unknown; issues?: { path?: unknown; message?: unknown }[] };
    const code = serverErrorCode(data);
    const message = typeof err.message === 'string' ? err.message.slice(0, 300) : `status ${res.status}`;
    if (res.status === 401) {
      if (auth && (code === 'token-expired' || code === 'invalid-token')) return { retry: 'auth' };
      if (code === 'bad-credentials') throw new AppError('sync-auth', 'Wrong email or password for the sync server.');
      throw new AppError('sync-auth', `The sync server refused the sign-in: ${message}`);
    }
    if (res.status === 409) {
      const clock = ClockAheadResponse.safeParse(data);
      if (clock.success) throw new ClockAheadError(this.host, clock.data.serverTime);
      throw new AppError('conflict', message);
    }
    if (res.status === 413) throw new AppError('sync-protocol', 'The sync server refused a request as too large.');
    // The server names each refused part ("changes.3.value"): passed on so those changes can be set aside.
    const fields: Record<string, string> = {};
    for (const i of Array.isArray(err.issues) ? err.issues.slice(0, 100) : [])
      if (typeof i.path === 'string' && typeof i.message === 'string') fields[i.path] = i.message.slice(0, 300);
    throw new AppError(
      'sync-protocol',
      `The sync server refused the request: ${message}`,
      Object.keys(fields).length ? fields : undefined,
    );
  }
}
