import { Hono } from 'hono';
import { tokens as makeTokens } from './app/auth.ts';
import { appContext, type AppDeps, type Env } from './app/config.ts';
import { handleErrors } from './app/errors.ts';
import { guards as makeGuards } from './app/limits.ts';
import { accountRoutes } from './app/routes-accounts.ts';
import { healthRoutes } from './app/routes-health.ts';
import { sessionRoutes } from './app/routes-session.ts';
import { syncRoutes } from './app/routes-sync.ts';

/**
 * The sync server's HTTP app: its parts live in server/app/ (configuration, errors, limits, tokens,
 * one module per group of routes); this puts them together.
 */
export function createApp(deps: AppDeps): Hono<Env> {
  const ctx = appContext(deps);
  const { log } = ctx;
  const tokens = makeTokens(ctx);
  const guards = makeGuards(ctx, tokens.requireAuth);
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

  handleErrors(app, log);
  healthRoutes(app, ctx);
  accountRoutes(app, ctx, guards, tokens);
  sessionRoutes(app, ctx, guards, tokens);
  syncRoutes(app, ctx, guards);
  return app;
}
