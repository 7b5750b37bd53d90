import { afterEach } from 'vitest';
import type { SyncTuning } from '../services.ts';
import { createCore, type Core } from '../app.ts';
import type { ScryptParams } from '../keys/keyring.ts';
import { silentLogger } from '../logging/log.ts';
import type { Clock } from '../util/clock.ts';
import { tempDir } from './temp-dir.ts';

export { tempDir };

/** Cheap scrypt for tests only (the production cost is in keyring.ts and is tested once there). */
export const FAST_SCRYPT: ScryptParams = { N: 2 ** 12, r: 8, p: 1 };
export const PASSPHRASE = 'correct horse battery staple';

const cores: Core[] = [];
afterEach(async () => {
  // Closing stops the background integrity check; waiting for its worker to end means nothing opens
  // the data folder while it is being removed.
  for (const c of cores.splice(0)) {
    c.close();
    await c.session.integrityChecked();
  }
});

export const fixedClock = (iso = '2026-03-15T10:00:00Z'): Clock & { advance(ms: number): void } => {
  let t = Date.parse(iso);
  return {
    now: () => t,
    today: () => new Date(t).toISOString().slice(0, 10),
    advance(ms: number) {
      t += ms;
    },
  };
};

/** A core over a fresh, set-up and unlocked data folder. */
export async function unlockedCore(
  options: { dataDir?: string; clock?: Clock; sync?: SyncTuning } = {},
): Promise<Core> {
  const core = createCore({
    dataDir: options.dataDir ?? tempDir(),
    host: 'cli',
    log: silentLogger,
    scrypt: FAST_SCRYPT,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sync ? { sync: options.sync } : {}),
  });
  cores.push(core);
  const result = await core.dispatch('session.setup', { passphrase: PASSPHRASE });
  if (!result.ok) throw new Error(result.message);
  return core;
}

/** Calls a method and returns its data, failing the test with the app's message otherwise. */
export async function ok<T = unknown>(core: Core, method: string, input: unknown = {}): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.code}: ${result.message}`);
  return result.data as T;
}

export function track(core: Core): Core {
  cores.push(core);
  return core;
}
