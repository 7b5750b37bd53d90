import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logging/log.ts';
import { createApp } from '../app.ts';
import { useTestServer } from '../test-utils/server.ts';
import { call } from './helpers.ts';

describe('health and readiness', () => {
  const srv = useTestServer();

  it('GET /health answers ok', async () => {
    const r = await call(srv.url, 'GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
  });

  it('GET /ready answers 200 when the database answers and migrations are applied', async () => {
    const r = await call(srv.url, 'GET', '/ready');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready' });
  });

  it('GET /ready answers 503 when the database is gone', async () => {
    const url = new URL((srv.pool as unknown as { options: { connectionString: string } }).options.connectionString);
    const name = url.pathname.slice(1);
    url.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}_gone`);
    const goneUrl = new URL(url);
    goneUrl.pathname = `/${name}_gone`;
    const pool = new pg.Pool({ connectionString: goneUrl.toString() });
    pool.on('error', () => undefined);
    await pool.query('SELECT 1');
    // The migrations were never applied to this database: not ready yet.
    const app = createApp({ pool, jwtSecret: new Uint8Array(32), log: createLogger(() => undefined) });
    const notMigrated = await app.request('/ready');
    expect(notMigrated.status).toBe(503);
    await pool.end();
    await admin.query(`DROP DATABASE ${name}_gone WITH (FORCE)`);
    await admin.end();
    const pool2 = new pg.Pool({ connectionString: goneUrl.toString() });
    pool2.on('error', () => undefined);
    const app2 = createApp({ pool: pool2, jwtSecret: new Uint8Array(32), log: createLogger(() => undefined) });
    const r = await app2.request('/ready');
    expect(r.status).toBe(503);
    expect(((await r.json()) as { error: string }).error).toBe('not-ready');
    await pool2.end();
  });

  it('unknown routes answer a JSON 404', async () => {
    const r = await call(srv.url, 'GET', '/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error).toBe('not-found');
    expect(typeof r.body.message).toBe('string');
  });
});
