import type pg from 'pg';
import { IDEMPOTENCY_KEEP_MS } from './config.ts';

/** Runs fn in a transaction on one pooled connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
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

export const isUniqueViolation = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === '23505';

/**
 * Deletes what no request can use any more: idempotency records older than IDEMPOTENCY_KEEP_MS and
 * expired refresh tokens. startServer runs it periodically; push also prunes the pushing device's
 * idempotency records.
 */
export async function pruneExpired(pool: pg.Pool, at: number): Promise<{ idempotency: number; refreshTokens: number }> {
  const i = await pool.query('DELETE FROM idempotency WHERE created_at < $1', [new Date(at - IDEMPOTENCY_KEEP_MS)]);
  const r = await pool.query('DELETE FROM refresh_tokens WHERE expires_at < $1', [new Date(at)]);
  return { idempotency: i.rowCount ?? 0, refreshTokens: r.rowCount ?? 0 };
}
