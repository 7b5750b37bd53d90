import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EventListener } from '../app.ts';
import type { RpcResult } from '../contract/index.ts';
import type { LogSink, Logger } from '../logging/log.ts';
import type { PdfRenderer } from '../reports/pdf.ts';
import type { KeyVault } from '../session/session.ts';
import type { Dispatch } from './dispatch.ts';
import type { CoreProcessInit, FromCore, ToCore } from './core-protocol.ts';

/** A started core process, whatever started it (Electron's utilityProcess, Node's fork). */
export interface CoreProcessPort {
  post(message: ToCore): void;
  onMessage(listener: (message: FromCore) => void): void;
  /** Called once when the process has ended, for whatever reason. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** The core as a host sees it when the core runs in its own process. */
export interface RemoteCore {
  dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
  /** Resolves once the core has started (or rejects with why it could not). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface RelayOptions {
  init: CoreProcessInit;
  /** Starts the process; called again if it stops, on the next call. */
  start: () => CoreProcessPort;
  log: Logger;
  /** Where the core's own log lines go (already filtered of personal data by the core). */
  logSink: LogSink;
  /** The OS keychain, which only the host can reach (Electron's safeStorage). */
  vault?: KeyVault | undefined;
  /** The host's printer (Electron's printToPDF), when reports print there. */
  pdf?: PdfRenderer | undefined;
}

const STOPPED: RpcResult<never> = {
  ok: false,
  code: 'internal',
  message: 'The part of the app that holds your data stopped unexpectedly and is starting again. Try again.',
};

/**
 * Relays calls to the core running in its own process and its events back, so the host's thread
 * (Electron's main thread with the window and its IPC, or the browser host's HTTP server) never runs
 * the core's synchronous work: key derivation, SQLCipher rekeys, backups, imports, sync merges.
 * If the process stops, the calls in flight get a clear error and the next call starts a new one
 * (locked, as at start, or opened from the keychain where the host has one).
 */
export function relayCore(options: RelayOptions): RemoteCore {
  const { log } = options;
  const listeners = new Set<EventListener>();
  const pending = new Map<number, (result: RpcResult<unknown>) => void>();
  let nextId = 1;
  let closing = false;

  const vaultState = (): CoreProcessInit['vault'] => {
    const vault = options.vault;
    if (!vault) return undefined;
    const backend = vault.backend();
    let dataKey: Buffer | null = null;
    try {
      dataKey = backend ? vault.load() : null;
    } catch (err) {
      log.warn('keychain read failed; the passphrase opens the data', { error: err });
    }
    return { backend, dataKey: dataKey ? new Uint8Array(dataKey) : null };
  };

  const handle = (port: CoreProcessPort, m: FromCore): void => {
    switch (m.t) {
      case 'result':
        pending.get(m.id)?.(m.result);
        pending.delete(m.id);
        return;
      case 'event':
        for (const l of listeners) l(m.event, m.payload as never);
        return;
      case 'log':
        options.logSink(m.line);
        return;
      case 'vault':
        try {
          if (m.op === 'save') options.vault?.save(Buffer.from(m.dataKey));
          else options.vault?.clear();
        } catch (err) {
          log.error('keychain write failed', { op: m.op, error: err });
        }
        return;
      case 'print': {
        const pdf = options.pdf;
        if (!pdf) {
          port.post({ t: 'printed', id: m.id, ok: false, message: 'This host cannot print.' });
          return;
        }
        pdf.render(m.html, m.options).then(
          (bytes) => port.post({ t: 'printed', id: m.id, ok: true, pdf: bytes }),
          (err: unknown) =>
            port.post({ t: 'printed', id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
        );
        return;
      }
      default:
        return;
    }
  };

  let current: { port: CoreProcessPort; ready: Promise<void> } | null = null;
  const connect = (first: boolean): { port: CoreProcessPort; ready: Promise<void> } => {
    const port = options.start();
    const ready = new Promise<void>((resolve, reject) => {
      port.onMessage((m) => {
        if (m.t === 'ready') resolve();
        else if (m.t === 'failed') reject(new Error(`The core could not start: ${m.message}`));
        else handle(port, m);
      });
      port.onExit((code) => {
        reject(new Error(`The core process ended before it started (exit code ${code}).`));
        if (current?.port === port) current = null;
        if (!closing) log.error('the core process stopped', { code });
        for (const answer of pending.values()) answer(STOPPED);
        pending.clear();
      });
    });
    // The keychain opens the data at the app's start only; a restarted core waits for the passphrase.
    port.post({
      t: 'init',
      init: { ...options.init, vault: vaultState(), autoUnlock: first && options.init.autoUnlock },
    });
    return { port, ready };
  };
  current = connect(true);
  const first = current.ready;

  return {
    ready: first,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispatch(method, input) {
      if (closing) return STOPPED;
      current ??= connect(false);
      const { port, ready } = current;
      try {
        await ready;
      } catch (err) {
        log.error('the core did not start', { error: err });
        return STOPPED;
      }
      const id = nextId++;
      return new Promise<RpcResult<unknown>>((resolve) => {
        pending.set(id, resolve);
        port.post({ t: 'call', id, method, input });
      });
    },
    async close() {
      closing = true;
      const port = current?.port;
      current = null;
      if (!port) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          port.kill();
          resolve();
        }, 5000);
        port.onExit(() => {
          clearTimeout(timer);
          resolve();
        });
        port.post({ t: 'close' });
      });
    },
  };
}

/** The core process's entry in this repository (Node runs the TypeScript directly). */
export const CORE_ENTRY = fileURLToPath(new URL('./core-entry.ts', import.meta.url));

/** Starts the core as a Node child process (the browser host, and the tests). */
export function forkCoreProcess(entry = CORE_ENTRY): CoreProcessPort {
  const child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    post: (m) => {
      if (child.connected) child.send(m);
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as FromCore)),
    onExit: (listener) => void exited.then(listener),
    kill: () => child.kill(),
  };
}
