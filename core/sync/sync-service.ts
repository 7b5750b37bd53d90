import type { EventListener } from '../app.ts';
import { AppError } from '../contract/errors.ts';
import type { SyncResult, SyncStatus } from '../contract/sync.ts';
import type { Sqlite } from '../db/open.ts';
import type { Logger } from '../logging/log.ts';
import { createApplier, emptyOutcome, reconcileRecommendations } from './apply.ts';
import { ClockAheadError, SyncClient, type ServerSession } from './client.ts';
import { LOCAL_TABLES } from './local-tables.ts';
import {
  generatePracticeKey,
  PRACTICE_SCRYPT,
  unwrapPracticeKey,
  wrapPracticeKey,
  type ScryptCost,
} from './practice-key.ts';
import { HybridClock, MAX_CLOCK_DRIFT_MS } from './protocol/hlc.ts';
import { TABLE_ORDER, type SyncTable } from './protocol/tables.ts';
import {
  acknowledgeBatch,
  holdFutureChanges,
  refuseNamed,
  forgetSession,
  enableSync,
  getState,
  nextBatch,
  pendingCount,
  setState,
  stageChanges,
  stageRewrap,
  syncEnabled,
} from './store.ts';

/**
 * Sync with the practice's server, offline first. A run stages local changes (stamped, encrypted,
 * batched in the outbox), pushes each batch with its idempotency key until acknowledged, then pulls
 * by cursor and merges per field. Every step is committed as it completes, so a run cut short by a
 * dropped connection resumes where it stopped: a batch sent again is recognised by its key, and the
 * cursor only moves with the rows it covers. Runs never overlap.
 */

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

export interface SyncServiceDeps {
  sqlite: Sqlite;
  now: () => number;
  emit: EventListener;
  log: Logger;
  /** Called with the clients whose data changed in a pull (rules are re-evaluated for them). */
  onPulled?: (clientIds: string[]) => void;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  maxAttempts?: number;
  scrypt?: ScryptCost;
  pullPageSize?: number;
}

export interface SyncService {
  status(): SyncStatus;
  createPractice(input: {
    serverUrl: string;
    practiceName: string;
    displayName: string;
    email: string;
    password: string;
    practicePassphrase: string;
    deviceName: string;
  }): Promise<SyncStatus>;
  signIn(input: {
    serverUrl: string;
    email: string;
    password: string;
    practicePassphrase: string;
    deviceName: string;
  }): Promise<SyncStatus>;
  /** Refuses while changes are unsent, unless discardUnsent (they stay in this computer's data). */
  signOut(input: { discardUnsent: boolean }): Promise<SyncStatus>;
  configure(input: { autoSyncMinutes: number }): SyncStatus;
  run(): Promise<SyncResult>;
  dispose(): void;
}

const K = {
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
} as const;

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

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { sqlite, now, emit, log } = deps;
  let running: Promise<SyncResult> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let client: SyncClient | null = null;

  const state = (k: string): string | null => getState(sqlite, k);
  const signedIn = (): boolean => state(K.refresh) !== null && state(K.key) !== null && syncEnabled(sqlite);

  function clientFor(serverUrl: string): SyncClient {
    if (client && state(K.server) === serverUrl) return client;
    client = new SyncClient({
      baseUrl: serverUrl,
      fetch: deps.fetch,
      sleep: deps.sleep,
      timeoutMs: deps.timeoutMs,
      maxAttempts: deps.maxAttempts,
      tokens: {
        refreshToken: () => state(K.refresh),
        save: (s) => setState(sqlite, K.refresh, s?.refreshToken ?? null),
      },
    } as ConstructorParameters<typeof SyncClient>[0]);
    return client;
  }

  function lastResult(): SyncResult | null {
    const raw = state(K.last);
    return raw ? (JSON.parse(raw) as SyncResult) : null;
  }

  function status(): SyncStatus {
    const last = lastResult();
    const auto = Number(state(K.auto) ?? '15');
    return {
      signedIn: signedIn(),
      serverUrl: state(K.server),
      email: state(K.email),
      practiceName: state(K.practiceName),
      deviceId: state(K.deviceId),
      deviceName: state(K.deviceName),
      pending: syncEnabled(sqlite) ? pendingCount(sqlite) : 0,
      running: running !== null,
      autoSyncMinutes: auto,
      lastSyncAt: state(K.lastAt) === null ? null : Number(state(K.lastAt)),
      lastResult: last,
    };
  }

  function schedule(): void {
    if (timer) clearInterval(timer);
    timer = null;
    const minutes = Number(state(K.auto) ?? '15');
    if (!signedIn() || minutes <= 0) return;
    timer = setInterval(() => {
      void run().catch((e: unknown) => log.warn('sync: scheduled run failed', { error: e }));
    }, minutes * 60_000);
    timer.unref();
  }

  function adopt(serverUrl: string, email: string, deviceName: string, s: ServerSession, practiceKey: Buffer): void {
    const previousPractice = state(K.practiceId);
    if (previousPractice !== null && previousPractice !== s.practiceId)
      throw new AppError(
        'conflict',
        'This computer’s data was synced with another practice. Sign out of it first; data from two practices is never mixed.',
      );
    sqlite.transaction(() => {
      setState(sqlite, K.server, serverUrl);
      setState(sqlite, K.email, email);
      setState(sqlite, K.practiceId, s.practiceId);
      setState(sqlite, K.practiceName, s.practiceName);
      setState(sqlite, K.deviceId, s.deviceId);
      setState(sqlite, K.deviceName, deviceName);
      setState(sqlite, K.refresh, s.refreshToken);
      setState(sqlite, K.key, practiceKey.toString('hex'));
      if (state(K.cursor) === null) setState(sqlite, K.cursor, '0');
      if (!syncEnabled(sqlite)) enableSync(sqlite);
    })();
    schedule();
  }

  async function createPractice(input: Parameters<SyncService['createPractice']>[0]): Promise<SyncStatus> {
    if (signedIn()) throw new AppError('conflict', 'This computer is already signed in to a practice. Sign out first.');
    const key = generatePracticeKey();
    const keyEnvelope = wrapPracticeKey(key, input.practicePassphrase, deps.scrypt ?? PRACTICE_SCRYPT);
    client = null;
    const c = clientFor(input.serverUrl);
    const s = await c.createPractice({
      practiceName: input.practiceName,
      displayName: input.displayName,
      email: input.email,
      password: input.password,
      keyEnvelope,
      deviceName: input.deviceName,
    });
    adopt(input.serverUrl, input.email, input.deviceName, s, key);
    log.info('sync: practice created', { device: s.deviceId });
    return status();
  }

  async function signIn(input: Parameters<SyncService['signIn']>[0]): Promise<SyncStatus> {
    if (signedIn()) throw new AppError('conflict', 'This computer is already signed in to a practice. Sign out first.');
    client = null;
    const c = clientFor(input.serverUrl);
    const known = state(K.deviceId);
    const s = await c.login({
      email: input.email,
      password: input.password,
      deviceName: input.deviceName,
      ...(known ? { deviceId: known } : {}),
    });
    let key: Buffer;
    try {
      key = unwrapPracticeKey(s.keyEnvelope, input.practicePassphrase);
    } catch (e) {
      // Do not stay half signed in: the server session is dropped with the wrong passphrase. The device
      // id is kept, so the next try signs in as the same computer instead of registering another.
      setState(sqlite, K.refresh, null);
      if (state(K.practiceId) === null) setState(sqlite, K.deviceId, s.deviceId);
      await c.logout().catch(() => undefined);
      throw e;
    }
    adopt(input.serverUrl, input.email, input.deviceName, s, key);
    log.info('sync: signed in', { device: s.deviceId });
    return status();
  }

  async function signOut(input: { discardUnsent: boolean }): Promise<SyncStatus> {
    if (running) await running.catch(() => undefined);
    const pending = syncEnabled(sqlite) ? pendingCount(sqlite) : 0;
    if (pending > 0 && !input.discardUnsent)
      throw new AppError(
        'conflict',
        `${pending} changes have not reached the server yet. Sync first, or sign out anyway: they stay on this computer, are not sent, and the server's version of those fields comes back when this computer signs in again.`,
      );
    const url = state(K.server);
    if (url && state(K.refresh))
      await clientFor(url)
        .logout()
        .catch(() => undefined);
    forgetSession(sqlite, input.discardUnsent);
    client = null;
    schedule();
    return status();
  }

  function configure(input: { autoSyncMinutes: number }): SyncStatus {
    setState(sqlite, K.auto, String(input.autoSyncMinutes));
    schedule();
    return status();
  }

  const progress = (phase: 'push' | 'pull' | 'done', done: number, total: number, message: string): void =>
    emit('sync.progress', { phase, done, total, message });

  async function runOnce(): Promise<SyncResult> {
    const url = state(K.server);
    const keyHex = state(K.key);
    const deviceId = state(K.deviceId);
    if (!signedIn() || !url || !keyHex || !deviceId)
      throw new AppError('sync-auth', 'This computer is not signed in to a sync server. Sign in in Settings → Sync.');
    const key = Buffer.from(keyHex, 'hex');
    const savedClock = state(K.hlc);
    let clock = new HybridClock(deviceId, savedClock, now);
    // The time the clock and pulled rows go by: the server's, estimated, once it has said this
    // computer's clock is ahead (so nothing pulled drags the clock into the future).
    let clockNow = now;
    const c = clientFor(url);
    const result: SyncResult = {
      at: now(),
      pushed: 0,
      pulled: 0,
      conflicts: 0,
      refused: 0,
      skipped: 0,
      invalid: 0,
      heldBack: 0,
      problems: [],
      changed: [],
      error: null,
    };
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
      for (;;) {
        const cursor = state(K.cursor) ?? '0';
        const page = await c.pull(cursor, deps.pullPageSize ?? 500);
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
      if (recClients.length > 0) deps.onPulled?.(recClients);
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

  function run(): Promise<SyncResult> {
    running ??= runOnce().finally(() => {
      running = null;
    });
    return running;
  }

  schedule();
  return {
    status,
    createPractice,
    signIn,
    signOut,
    configure,
    run,
    dispose() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
