import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../main.ts';

/**
 * A PostgreSQL server for tests: env TEST_DATABASE_URL when set (nothing is started or stopped),
 * else an embedded PostgreSQL on a free port in a fresh temp dir (deleted by stop()).
 */
export async function startTestPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'bioai-pg-'));
  chmodSync(dir, 0o755); // the postgres user must reach the data dir inside
  try {
    const epg = await startEmbeddedPostgres(dir, { persistent: false });
    // Best effort when the process ends without stop() (a vitest worker exiting).
    process.once('exit', () => {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // PostgreSQL may still be writing; the OS temp cleaner gets the rest.
      }
    });
    return {
      url: epg.url,
      async stop() {
        await epg.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Creates a database with a random name on the server at baseUrl and returns its URL. */
export async function createTestDatabase(baseUrl: string): Promise<string> {
  const name = `test_${randomBytes(8).toString('hex')}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
