import type { Hono } from 'hono';
import { migrationsApplied } from '../db/migrate.ts';
import type { AppContext, Env } from './config.ts';
import { errorBody } from './errors.ts';

/** Liveness (/health) and readiness (/ready: the database answers and its migrations are applied). */
export function healthRoutes(app: Hono<Env>, ctx: AppContext): void {
  const { pool } = ctx;

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.get('/ready', async (c) => {
    try {
      await pool.query('SELECT 1');
      if (!(await migrationsApplied(pool)))
        return c.json(errorBody('not-ready', 'The database migrations are not applied.'), 503);
      return c.json({ status: 'ready' });
    } catch {
      return c.json(errorBody('not-ready', 'The database does not answer.'), 503);
    }
  });
}
