import { AppError } from '../contract/errors.ts';
import { emptySyncResult, type SyncResult } from '../contract/sync.ts';
import type { Sqlite } from '../db/open.ts';
import type { Logger } from '../logging/log.ts';
import { createApplier, emptyOutcome } from './apply.ts';
import { reconcileRecommendations } from './recommendations.ts';
import { ClockAheadError, type SyncClient } from './client.ts';
import { LOCAL_TABLES } from './local-tables.ts';
import { HybridClock, MAX_CLOCK_DRIFT_MS } from './protocol/hlc.ts';
import { SYNC_LEVEL, TABLE_ORDER, type SyncTable } from './protocol/tables.ts';
import {
  acknowledgeBatch,
  getState,
  holdFutureChanges,
  nextBatch,
  pendingCount,
  refuseNamed,
  setState,
  stageChanges,
  stageRewrap,
} from './store.ts';

/**
 * One sync run: stage and push local changes batch by batch, then pull by cursor and merge. Each
 * step is committed as it completes (see createSyncService).
 */

/** The sync state this computer keeps (sync_state keys). */
export const K = {
  server: 'server_url',
  email: 'email',
  practiceId: 'practice_id',
  practiceName: 'practice_name',
  deviceId: 'device_id',
  deviceName: 'device_name',
  refresh: 'refresh_token',
  key: 'practice_key',
  cursor: 'cursor',
  hlc: 'hlc',
  auto: 'auto_minutes',
  lastAt: 'last_sync_at',
  last: 'last_result',
  futureChecked: 'future_stamps_checked',
  level: 'table_level',
} as const;

/**
 * Own stamps later than the server's clock plus this are from the future after a clock refusal
 * (ordinary clock differences and the minute an edit time may be ahead stay well inside it).
 */
const CLOCK_MARGIN_MS = 10 * 60_000;

/** What a practitioner reads when this computer's clock is ahead of the server's. */
export function clockAheadMessage(aheadMs: number, serverTime: number, kept: number): string {
  const hours = Math.round(aheadMs / 3_600_000);
  const minutes = Math.round(aheadMs / 60_000);
  const by =
    hours >= 2 ? `${hours} hours` : hours === 1 ? 'an hour' : minutes >= 2 ? `${minutes} minutes` : 'a few minutes';
  const serverClock = `${new Date(serverTime).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return (
    `This computer's clock is ${by} ahead of the server's (the server's time is ${serverClock}), so the server ` +
    `refused its changes. ${kept === 1 ? 'The change is' : `The ${kept} changes are`} kept on this computer and ` +
    `sent once its clock is right: ` +
    `correct this computer's date and time (or turn on setting them automatically), then sync again.`
  );
}

/** The name, on this computer, of the client a synced row belongs to (null: unknown here, or a food). */
function clientNameFor(sqlite: Sqlite, table: SyncTable, id: string): string | null {
  if (table === 'custom_foods') return null;
  const row = (
    table === 'clients'
      ? sqlite.prepare('SELECT name FROM clients WHERE id = ? AND deleted_at IS NULL').get(id)
      : sqlite
          .prepare(
            `SELECT c.name AS name FROM ${LOCAL_TABLES[table].sqlTable} x JOIN clients c ON c.id = x.client_id
             WHERE x.id = ? AND c.deleted_at IS NULL`,
          )
          .get(id)
  ) as { name: string } | undefined;
  return row?.name || null;
}

export interface RunContext {
  sqlite: Sqlite;
  now: () => number;
  log: Logger;
  /** The HTTP client for a server URL. */
  client: (serverUrl: string) => SyncClient;
  signedIn: () => boolean;
  progress: (phase: 'push' | 'pull' | 'done', done: number, total: number, message: string) => void;
  pullPageSize?: number | undefined;
  onPulled?: ((clientIds: string[]) => void) | undefined;
}

export async function runSync(r: RunContext): Promise<SyncResult> {
  const { sqlite, now, log, progress } = r;
  const state = (k: string): string | null => getState(sqlite, k);
  const url = state(K.server);
  const keyHex = state(K.key);
  const deviceId = state(K.deviceId);
  if (!r.signedIn() || !url || !keyHex || !deviceId)
    throw new AppError('sync-auth', 'This computer is not signed in to a sync server. Sign in in Settings → Sync.');
  const key = Buffer.from(keyHex, 'hex');
  const savedClock = state(K.hlc);
  let clock = new HybridClock(deviceId, savedClock, now);
  // The time the clock and pulled rows go by: the server's, estimated, once it has said this
  // computer's clock is ahead (so nothing pulled drags the clock into the future).
  let clockNow = now;
  const c = r.client(url);
  const result = emptySyncResult(now());
  const pushAll = async (): Promise<void> => {
    // Once per computer: values an earlier version sent readable go again, encrypted, same stamps.
    const rewrapped = stageRewrap(sqlite, key);
    if (rewrapped > 0) log.info('sync: values queued again, encrypted', { count: rewrapped });
    stageChanges(sqlite, clock, key);
    const total = pendingCount(sqlite);
    progress('push', 0, total, total === 0 ? 'Nothing to send' : `Sending ${total} changes`);
    for (let b = nextBatch(sqlite); b; b = nextBatch(sqlite)) {
      let answer;
      try {
        answer = await c.push({ idempotencyKey: b.key, changes: b.changes });
      } catch (e) {
        // Changes the server refuses for good (it names them) are set aside, so one bad value
        // cannot hold back everything else; the rest of the batch goes out under a new key.
        const set = e instanceof AppError && e.code === 'sync-protocol' ? refuseNamed(sqlite, b, e.fields, now()) : 0;
        if (set === 0) throw e;
        result.refused += set;
        continue;
      }
      acknowledgeBatch(sqlite, b.key);
      result.pushed += b.changes.length;
      result.conflicts += answer.ignored;
      progress('push', result.pushed, total, `Sent ${result.pushed} of ${total} changes`);
    }
  };
  try {
    let clockError: AppError | null = null;
    // Own stamps more than a day ahead of this computer's clock were left by an earlier version,
    // which dropped the changes the server refused for their time: looked for until one run gets
    // through, and sent again.
    if (state(K.futureChecked) === null) holdFutureChanges(sqlite, deviceId, now() + MAX_CLOCK_DRIFT_MS);
    for (let attempt = 0; ; attempt++) {
      try {
        await pushAll();
        break;
      } catch (e) {
        if (!(e instanceof ClockAheadError)) throw e;
        // This computer's clock is ahead: its changes are not wrong, their times are. They go back
        // to be stamped again (no stamp from the future is kept) and the clock restarts from the
        // server's time; pulling still runs, so others' edits keep arriving.
        const ahead = Math.max(0, now() - e.serverTime);
        holdFutureChanges(sqlite, deviceId, e.serverTime + CLOCK_MARGIN_MS);
        clockNow = () => now() - ahead;
        clock = new HybridClock(deviceId, savedClock, clockNow);
        setState(sqlite, K.hlc, clock.current());
        // Stamps left from a time the clock was wrong, with the clock right now: stamped again at once.
        if (ahead < CLOCK_MARGIN_MS && attempt === 0) continue;
        clockError = new AppError('sync-clock', clockAheadMessage(ahead, e.serverTime, pendingCount(sqlite)));
        break;
      }
    }
    if (!clockError) setState(sqlite, K.futureChecked, '1');
    const outcome = emptyOutcome();
    const applier = createApplier(sqlite, key, clock, clockNow, (row, e) =>
      log.warn('sync: pulled row skipped', {
        table: row.table,
        id: row.id,
        error: e instanceof Error ? e.message : String(e),
      }),
    );
    let received = 0;
    // A computer that synced at an earlier table level was not sent the newer tables' rows: once, it
    // pulls again from the start (rows it has are no change; the merge is by stamp).
    if (state(K.level) !== String(SYNC_LEVEL)) {
      if ((state(K.cursor) ?? '0') !== '0') log.info('sync: pulling again for new tables', { level: SYNC_LEVEL });
      sqlite.transaction(() => {
        setState(sqlite, K.cursor, '0');
        setState(sqlite, K.level, String(SYNC_LEVEL));
      })();
    }
    for (;;) {
      const cursor = state(K.cursor) ?? '0';
      const page = await c.pull(cursor, r.pullPageSize ?? 500);
      sqlite.transaction(() => {
        sqlite.prepare('UPDATE sync_meta SET applying = 1 WHERE id = 1').run();
        try {
          for (const row of page.rows) applier.applyRowSafely(row, outcome);
          applier.retryParked(outcome);
          setState(sqlite, K.cursor, page.cursor);
          setState(sqlite, K.hlc, clock.current());
        } finally {
          sqlite.prepare('UPDATE sync_meta SET applying = 0 WHERE id = 1').run();
        }
      })();
      received += page.rows.length;
      progress('pull', received, received + (page.more ? page.rows.length : 0), `Received ${received} rows`);
      if (!page.more) break;
    }
    // Rows that changed something here (this computer's own rows come back too, and change nothing).
    result.pulled = [...outcome.changed.values()].reduce((n, v) => n + v, 0);
    result.skipped = outcome.skipped;
    // Values set aside (a parked row is retried after every page, so one value can be met twice).
    const invalid = new Map(outcome.invalid.map((p) => [`${p.table}/${p.id}/${p.field ?? ''}`, p]));
    for (const p of invalid.values())
      log.warn('sync: received value set aside', { table: p.table, id: p.id, field: p.field, reason: p.reason });
    const held = applier.heldBack();
    result.invalid = invalid.size;
    result.heldBack = held.count;
    result.problems = [...[...invalid.values()].slice(0, 25), ...held.rows.slice(0, 25)].map((p) => ({
      ...p,
      client: clientNameFor(sqlite, p.table, p.id),
    }));
    // Duplicated recommendations are closed as ordinary local edits: they go out next time.
    const recClients = [...outcome.clients];
    if (recClients.length > 0) reconcileRecommendations(sqlite, recClients, now());
    result.changed = TABLE_ORDER.filter((t) => outcome.changed.has(t)).map((t) => ({
      table: t,
      count: outcome.changed.get(t) ?? 0,
    }));
    if (recClients.length > 0) r.onPulled?.(recClients);
    if (clockError) throw clockError;
  } catch (e) {
    if (e instanceof AppError) result.error = { code: e.code, message: e.message };
    else {
      log.error('sync: run failed', { error: e });
      result.error = { code: 'internal', message: 'Sync stopped on an unexpected error; nothing was lost.' };
    }
  }
  setState(sqlite, K.last, JSON.stringify(result));
  if (result.error === null) setState(sqlite, K.lastAt, String(result.at));
  progress('done', 1, 1, result.error ? result.error.message : 'Up to date');
  log.info('sync: run', {
    refused: result.refused,
    skipped: result.skipped,
    pushed: result.pushed,
    pulled: result.pulled,
    conflicts: result.conflicts,
    error: result.error?.code ?? null,
  });
  return result;
}
