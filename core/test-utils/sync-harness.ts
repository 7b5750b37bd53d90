import { afterAll, beforeAll, expect } from 'vitest';
import type pg from 'pg';
import { startTestServer } from '../../server/test-utils/server.ts';
import type { SyncResult, SyncStatus } from '../contract/sync.ts';
import type { Core } from '../app.ts';
import { fixedClock, ok, unlockedCore } from './core-harness.ts';

/**
 * Real devices (each a core over its own SQLCipher database) syncing through the real server over a
 * real PostgreSQL, for the sync tests. Clocks are the app's (fake, advanced by hand) so "later" is
 * exact; everything else is what a practitioner runs.
 */

/** Sync tuning for tests: a cheap practice-key derivation and retries without waiting. */
export const FAST_SYNC = {
  scrypt: { N: 2 ** 10, r: 8, p: 1 },
  sleep: async () => undefined,
  maxAttempts: 4,
  timeoutMs: 10_000,
};

export const ACCOUNT = {
  password: 'a long account password',
  practicePassphrase: 'shared practice passphrase',
};

export interface TestServer {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * Starts one server for the file's tests (before all, stopped after all); the returned object's
 * `current` is set once it runs. The per-address sign-in limit is raised: many practices sign in here
 * within a minute.
 */
export function useSyncServer(options: { limits?: Record<string, number>; now?: () => number } = {}): {
  current: TestServer;
} {
  const holder = {} as { current: TestServer };
  beforeAll(async () => {
    holder.current = await startTestServer({
      limits: { authPerMinute: 10_000, ...options.limits },
      ...(options.now ? { now: options.now } : {}),
    });
  }, 60_000);
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

export interface Device {
  core: Core;
  clock: ReturnType<typeof fixedClock>;
  name: string;
}

export async function device(name: string, start?: string): Promise<Device> {
  const clock = fixedClock(start ?? '2026-03-15T10:00:00Z');
  const core = await unlockedCore({ clock, sync: FAST_SYNC });
  return { core, clock, name };
}

/**
 * A practice with a unique owner (tests share the server's database): its first computer A, and a
 * way for more computers to join it.
 */
export async function practice(
  url: string,
  /** When each new computer's clock starts (default 2026-03-15 10:00 UTC), e.g. the server's fake time. */
  start?: () => string,
): Promise<{
  a: Device;
  join: (name: string, joinUrl?: string) => Promise<Device>;
  email: string;
}> {
  const email = `owner-${Math.random().toString(36).slice(2)}@clinic.example`;
  const a = await device('A', start?.());
  await ok<SyncStatus>(a.core, 'sync.createPractice', {
    serverUrl: url,
    practiceName: 'Clinic',
    displayName: 'Dr Owner',
    email,
    password: ACCOUNT.password,
    practicePassphrase: ACCOUNT.practicePassphrase,
    deviceName: 'Desk',
  });
  const join = async (name: string, joinUrl = url): Promise<Device> => {
    const d = await device(name, start?.());
    await ok<SyncStatus>(d.core, 'sync.signIn', {
      serverUrl: joinUrl,
      email,
      password: ACCOUNT.password,
      practicePassphrase: ACCOUNT.practicePassphrase,
      deviceName: name,
    });
    return d;
  };
  return { a, join, email };
}

/** One sync run that must end without an error. */
export async function sync(core: Core): Promise<SyncResult> {
  const r = await ok<SyncResult>(core, 'sync.now');
  expect(r.error).toBeNull();
  return r;
}

/**
 * Once a practice's first computer holds what a test starts from: it syncs, then each computer of
 * `names` joins and pulls it. Returns those computers in order.
 */
export async function joinAll<N extends string[]>(
  p: { a: Device; join: (name: string) => Promise<Device> },
  ...names: N
): Promise<{ [K in keyof N]: Device }> {
  await sync(p.a.core);
  const others: Device[] = [];
  for (const name of names) others.push(await p.join(name));
  for (const d of others) await sync(d.core);
  return others as { [K in keyof N]: Device };
}
