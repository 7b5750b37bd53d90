import { createCore, type Core } from '../app.ts';
import { silentLogger } from '../logging/log.ts';
import { FAST_SCRYPT, fixedClock, ok, PASSPHRASE, track } from '../test-utils/core-harness.ts';
import { tempDir } from '../test-utils/temp-dir.ts';
import type { Every } from './backup-service.ts';

// Shared set-up of the backup tests (not used by the app).

export const CLIENT = 'Henrietta Backupsson';

export function fakeTimer(): Every & { fire(): void; active: number } {
  const fns = new Set<() => void>();
  const every = ((fn: () => void) => {
    fns.add(fn);
    return () => {
      fns.delete(fn);
    };
  }) as unknown as Every & { fire(): void; active: number };
  every.fire = () => {
    for (const fn of fns) fn();
  };
  Object.defineProperty(every, 'active', { get: () => fns.size });
  return every;
}

export async function setUp(options: { clock?: ReturnType<typeof fixedClock>; timer?: Every } = {}) {
  const dataDir = tempDir();
  const clock = options.clock ?? fixedClock();
  const make = (): Core =>
    track(
      createCore({
        dataDir,
        // The timer runs in the app and the browser host; a one-shot CLI command backs up after writing.
        host: options.timer ? 'browser' : 'cli',
        log: silentLogger,
        scrypt: FAST_SCRYPT,
        clock,
        ...(options.timer ? { backupTimer: options.timer } : {}),
      }),
    );
  const core = make();
  const { recoveryCode } = await ok<{ recoveryCode: string }>(core, 'session.setup', { passphrase: PASSPHRASE });
  return { core, dataDir, clock, recoveryCode, make };
}

export const names = async (core: Core): Promise<string[]> =>
  (await ok<{ name: string }[]>(core, 'clients.list', { includeArchived: true })).map((c) => c.name).sort();

export const addClient = async (core: Core, name: string): Promise<string> =>
  (await ok<{ id: string }>(core, 'clients.create', { name, activityLevel: 'active', dietPattern: 'vegan' })).id;

export function integrity(core: Core): unknown {
  return core.session.database().sqlite.pragma('integrity_check', { simple: true });
}
