import type { EventListener } from '../app.ts';
import { AppError } from '../contract/errors.ts';
import type { SyncResult, SyncStatus } from '../contract/sync.ts';
import type { Sqlite } from '../db/open.ts';
import type { Logger } from '../logging/log.ts';
import { SyncClient, type ServerSession } from './client.ts';
import {
  generatePracticeKey,
  PRACTICE_SCRYPT,
  unwrapPracticeKey,
  wrapPracticeKey,
  type ScryptCost,
} from './practice-key.ts';
import { enableSync, forgetSession, getState, pendingCount, setState, syncEnabled } from './store.ts';
import { K, runSync } from './sync-run.ts';

/**
 * Sync with the practice's server, offline first. A run stages local changes (stamped, encrypted,
 * batched in the outbox), pushes each batch with its idempotency key until acknowledged, then pulls
 * by cursor and merges per field. Every step is committed as it completes, so a run cut short by a
 * dropped connection resumes where it stopped: a batch sent again is recognised by its key, and the
 * cursor only moves with the rows it covers. Runs never overlap.
 */

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

  const runOnce = (): Promise<SyncResult> =>
    runSync({
      sqlite,
      now,
      log,
      client: clientFor,
      signedIn,
      progress: (phase, done, total, message) => emit('sync.progress', { phase, done, total, message }),
      pullPageSize: deps.pullPageSize,
      onPulled: deps.onPulled,
    });

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
