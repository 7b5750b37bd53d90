import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../app.ts';
import type { EventName } from '../contract/index.ts';
import { silentLogger } from '../logging/log.ts';
import { createChromiumPdfRenderer } from '../reports/pdf-chromium.ts';
import type { KeyVault } from '../session/session.ts';
import { FAST_SCRYPT, PASSPHRASE, tempDir } from '../test-utils/core-harness.ts';
import { forkCoreProcess, relayCore, type RemoteCore } from './core-relay.ts';
import type { CoreProcessInit } from './core-protocol.ts';

const relays: RemoteCore[] = [];
afterEach(async () => {
  for (const r of relays.splice(0)) await r.close();
});

function relay(
  init: Partial<CoreProcessInit> & { dataDir: string },
  extra: { vault?: KeyVault; lines?: string[] } = {},
) {
  const remote = relayCore({
    init: { host: 'browser', logLevel: 'info', integrityCheck: false, ...init },
    start: () => forkCoreProcess(),
    log: silentLogger,
    logSink: (line) => extra.lines?.push(line),
    vault: extra.vault,
  });
  relays.push(remote);
  return remote;
}

/** The OS keychain stands outside the app: a test keeps the "keychain copy" in memory. */
function memoryKeychain(): KeyVault & { stored: Buffer | null; writes: number } {
  const k = {
    kind: 'safeStorage' as const,
    stored: null as Buffer | null,
    writes: 0,
    backend: () => 'test-keychain',
    load: () => k.stored,
    save: (dek: Buffer) => {
      k.stored = Buffer.from(dek);
      k.writes++;
    },
    clear: () => {
      k.stored = null;
      k.writes++;
    },
  };
  return k;
}

async function ok<T>(remote: RemoteCore, method: string, input: unknown = {}): Promise<T> {
  const result = await remote.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.code}: ${result.message}`);
  return result.data as T;
}

describe('the core in its own process, behind the relay', () => {
  it('answers calls, sends events and log lines, writes the keychain through the host, and prints through it', async () => {
    const dataDir = tempDir();
    const keychain = memoryKeychain();
    const lines: string[] = [];
    const remote = relay({ dataDir, scrypt: FAST_SCRYPT, printThroughHost: true }, { vault: keychain, lines });
    const events: EventName[] = [];
    remote.subscribe((event) => events.push(event));

    await ok(remote, 'session.setup', { passphrase: PASSPHRASE });
    expect(events).toContain('session.changed');
    // The data key went to the host's keychain (only the host can reach it), not to a file.
    expect(keychain.stored?.length).toBe(32);
    const client = await ok<{ id: string }>(remote, 'clients.create', { name: 'Relay Client' });
    expect(await ok<{ name: string }[]>(remote, 'clients.list')).toMatchObject([{ name: 'Relay Client' }]);
    // Bad input is refused in the core process with the same envelope as in-process.
    expect(await remote.dispatch('clients.get', { id: 'nope' })).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(lines.some((l) => l.includes('database opened'))).toBe(true);
    expect(lines.join('\n')).not.toContain('Relay Client');
    await remote.close();

    // A new process opens the data from the keychain copy the host kept, as the desktop app starts.
    const second = relay(
      { dataDir, scrypt: FAST_SCRYPT, printThroughHost: true, autoUnlock: true },
      { vault: keychain },
    );
    expect(await ok<{ state: string }>(second, 'session.status')).toMatchObject({ state: 'unlocked' });
    expect(await ok<{ id: string }>(second, 'clients.get', { id: client.id })).toMatchObject({ id: client.id });
  });

  it('prints reports through the host when asked to', async () => {
    const printer = createChromiumPdfRenderer();
    const printed: string[] = [];
    const remote = relayCore({
      init: {
        dataDir: tempDir(),
        host: 'browser',
        logLevel: 'warn',
        integrityCheck: false,
        scrypt: FAST_SCRYPT,
        printThroughHost: true,
      },
      start: () => forkCoreProcess(),
      log: silentLogger,
      logSink: () => undefined,
      pdf: {
        render: (html, options) => {
          printed.push(options.title);
          return printer.render(html, options);
        },
      },
    });
    relays.push(remote);
    try {
      await ok(remote, 'session.setup', { passphrase: PASSPHRASE });
      const client = await ok<{ id: string }>(remote, 'clients.create', { name: 'Print Client' });
      const file = await ok<{ dataBase64: string }>(remote, 'reports.export', {
        clientId: client.id,
        from: '2026-03-01',
        to: '2026-03-07',
      });
      expect(Buffer.from(file.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect(printed).toHaveLength(1);
    } finally {
      await printer.close?.();
    }
  });

  it('answers the calls in flight with a clear error when the process dies, and starts a new one', async () => {
    const dataDir = tempDir();
    let starts = 0;
    const ports: ReturnType<typeof forkCoreProcess>[] = [];
    const remote = relayCore({
      init: { dataDir, host: 'browser', logLevel: 'warn', integrityCheck: false, scrypt: FAST_SCRYPT },
      start: () => {
        starts++;
        const port = forkCoreProcess();
        ports.push(port);
        return port;
      },
      log: silentLogger,
      logSink: () => undefined,
    });
    relays.push(remote);
    await ok(remote, 'session.setup', { passphrase: PASSPHRASE });
    const inFlight = remote.dispatch('session.unlock', { passphrase: PASSPHRASE });
    ports[0]?.kill();
    expect(await inFlight).toMatchObject({ ok: false, code: 'internal', message: expect.stringContaining('stopped') });
    // The next call starts a fresh core: locked, the data intact.
    expect(await ok<{ state: string }>(remote, 'session.status')).toMatchObject({ state: 'locked' });
    expect(starts).toBe(2);
    expect(await ok<{ state: string }>(remote, 'session.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      state: 'unlocked',
    });
  });

  it("keeps the host's thread free during the core's long synchronous work, which in-process holds it", async () => {
    // The work: setting up a data folder at the production scrypt cost (two key derivations, the
    // passphrase's and the recovery code's, each run synchronously), the heaviest thing a core does
    // in one call. The figure: the longest the host's event loop waited meanwhile.
    const longestStall = async (run: () => Promise<unknown>): Promise<number> => {
      let last = performance.now();
      let longest = 0;
      const tick = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 5);
      const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));
      await turn();
      await run();
      await turn();
      clearInterval(tick);
      return longest;
    };
    const inProcess = createCore({ dataDir: tempDir(), host: 'cli', log: silentLogger, integrityCheck: false });
    const held = await longestStall(() => inProcess.dispatch('session.setup', { passphrase: PASSPHRASE }));
    inProcess.close();

    const remote = relay({ dataDir: tempDir() });
    await remote.ready;
    // A ping through the relay while the core derives a key for an unlock (on its thread pool) is
    // answered at once, before the unlock.
    const free = await longestStall(async () => {
      const order: string[] = [];
      const setup = remote.dispatch('session.setup', { passphrase: PASSPHRASE }).then(() => order.push('setup'));
      await setup;
      await remote.dispatch('session.lock', {});
      const unlock = remote.dispatch('session.unlock', { passphrase: PASSPHRASE }).then(() => order.push('unlock'));
      const ping = remote.dispatch('app.info', {}).then(() => order.push('ping'));
      await Promise.all([unlock, ping]);
      expect(order).toEqual(['setup', 'ping', 'unlock']);
    });
    // In-process, the host's loop waits for the whole derivation (hundreds of ms); behind the relay it
    // only ever waits for message handling. Compared in the same run, so the machine's load cancels.
    expect(held).toBeGreaterThan(200);
    expect(free).toBeLessThan(held / 4);
  });
});
