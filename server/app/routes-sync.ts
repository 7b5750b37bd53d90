import type { Hono } from 'hono';
import type { Issue } from '../../core/sync/protocol/errors.ts';
import { MAX_CLOCK_DRIFT_MS, parseHlc } from '../../core/sync/protocol/hlc.ts';
import { SYNC_LEVEL_HEADER, levelOf, tablesAtLevel, type SyncTable } from '../../core/sync/protocol/tables.ts';
import {
  PullQuery,
  PushRequest,
  type ClockAheadResponse,
  type PullResponse,
  type SyncRow,
} from '../../core/sync/protocol/wire.ts';
import { auth } from './auth.ts';
import type { AppContext, Env, Guards } from './config.ts';
import { inTransaction } from './db.ts';
import { invalidRequest, readJson, zodIssues } from './errors.ts';
import { applyPush, groupChanges } from './sync-push.ts';

/** Push (field changes in) and pull (whole rows out by cursor), per device. */
export function syncRoutes(app: Hono<Env>, ctx: AppContext, g: Guards): void {
  const { pool, now, limits } = ctx;
  const { requireAuth, byDevice } = g;

  app.post('/v1/sync/push', g.pushBody, requireAuth, byDevice, async (c) => {
    const a = auth(c);
    const body = await readJson(c, PushRequest);
    const horizon = now() + MAX_CLOCK_DRIFT_MS;
    const drift: Issue[] = [];
    body.changes.forEach((ch, i) => {
      if (parseHlc(ch.hlc).wall > horizon)
        drift.push({
          path: `changes.${i}.hlc`,
          message: 'the stamp is more than 24 hours ahead of the server clock (is the device clock wrong?)',
        });
    });
    // A wrong device clock, not a wrong value: answered apart (409 clock-ahead, with the server's
    // time) so the device keeps these changes and stamps them again once its clock is right.
    if (drift.length) {
      const answer: ClockAheadResponse = {
        error: 'clock-ahead',
        message: 'Stamps more than 24 hours ahead of the server clock: the device clock is wrong.',
        serverTime: now(),
        issues: drift,
      };
      return c.json(answer, 409);
    }
    const groups = groupChanges(body.changes);
    const response = await inTransaction(pool, (client) => applyPush(client, a, body.idempotencyKey, groups, now));
    return c.json(response, 200);
  });

  app.get('/v1/sync/pull', requireAuth, byDevice, async (c) => {
    const a = auth(c);
    const parsed = PullQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalidRequest(zodIssues(parsed.error, '(query)'));
    const { cursor, limit } = parsed.data;
    if (BigInt(cursor) > 9_223_372_036_854_775_807n)
      throw invalidRequest([{ path: 'cursor', message: 'the cursor is out of range' }]);
    // Only the tables the computer knows: an earlier version would refuse the whole page otherwise.
    const branches = tablesAtLevel(levelOf(c.req.header(SYNC_LEVEL_HEADER))).map(
      (t) =>
        `(SELECT '${t}' AS tbl, id, fields, stamps, origin_device, seq FROM ${t}
           WHERE practice_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)`,
    );
    const r = await pool.query<{
      tbl: SyncTable;
      id: string;
      fields: Record<string, unknown>;
      stamps: Record<string, string>;
      origin_device: string;
      seq: string;
    }>(`${branches.join(' UNION ALL ')} ORDER BY seq LIMIT $3`, [a.practiceId, cursor, limit + 1]);
    let more = r.rows.length > limit;
    // A page is bounded by bytes too (a device on a slow link, a server with little memory): rows stop
    // once the page's JSON would pass pullPageBytes, always keeping at least one row.
    const rows: SyncRow[] = [];
    let bytes = 0;
    for (const x of r.rows.slice(0, limit)) {
      const row: SyncRow = {
        table: x.tbl,
        id: x.id,
        fields: x.fields,
        stamps: x.stamps,
        originDevice: x.origin_device,
        seq: String(x.seq),
      };
      const size = Buffer.byteLength(JSON.stringify(row)) + 1;
      if (rows.length > 0 && bytes + size > limits.pullPageBytes) {
        more = true;
        break;
      }
      rows.push(row);
      bytes += size;
    }
    const out: PullResponse = { rows, cursor: rows.length ? rows[rows.length - 1]!.seq : cursor, more };
    return c.json(out, 200);
  });
}
