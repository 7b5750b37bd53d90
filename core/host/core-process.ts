import { createCore, type Core } from '../app.ts';
import { createLogger } from '../logging/log.ts';
import type { PdfRenderer } from '../reports/pdf.ts';
import type { KeyVault } from '../session/session.ts';
import type { Channel, CoreProcessInit, FromCore, ToCore } from './core-protocol.ts';

/**
 * The keychain copy of the data key, kept here as the host read it at start. The session reads and
 * writes it synchronously, as it would the keychain; each write is sent on to the host, in order,
 * and the host writes it to the OS keychain (only the host can).
 */
function hostVault(
  initial: { backend: string | null; dataKey: Uint8Array | null },
  post: (m: FromCore) => void,
): KeyVault {
  let dataKey = initial.dataKey ? Buffer.from(initial.dataKey) : null;
  return {
    kind: 'safeStorage',
    backend: () => initial.backend,
    load: () => (dataKey ? Buffer.from(dataKey) : null),
    save(dek) {
      dataKey = Buffer.from(dek);
      post({ t: 'vault', op: 'save', dataKey: new Uint8Array(dek) });
    },
    clear() {
      dataKey = null;
      post({ t: 'vault', op: 'clear' });
    },
  };
}

/** Prints by asking the host (Electron's printToPDF), one request per report. */
function hostPrinter(
  post: (m: FromCore) => void,
): PdfRenderer & { settle(m: Extract<ToCore, { t: 'printed' }>): void } {
  let next = 1;
  const waiting = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (err: Error) => void }>();
  return {
    render(html, options) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        post({ t: 'print', id, html, options });
      });
    },
    settle(m) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (!w) return;
      if (m.ok) w.resolve(m.pdf);
      else w.reject(new Error(m.message));
    },
  };
}

/**
 * Runs the core behind a channel: the first message says how to start it ('init'); then each 'call'
 * is dispatched and answered with its 'result', and the core's events, log lines and keychain writes
 * are sent as they happen. Calls are answered as they finish, so a short call is not held behind a
 * long asynchronous one (an unlock's key derivation runs on the thread pool).
 */
export function serveCore(channel: Channel<FromCore, ToCore>, exit: () => void): void {
  const post = (m: FromCore): void => channel.post(m);
  let core: Core | null = null;
  let printer: ReturnType<typeof hostPrinter> | null = null;
  const start = (init: CoreProcessInit): void => {
    const log = createLogger((line) => post({ t: 'log', line }), init.logLevel);
    printer = init.printThroughHost ? hostPrinter(post) : null;
    core = createCore({
      dataDir: init.dataDir,
      host: init.host,
      log,
      ...(init.vault ? { vault: hostVault(init.vault, post) } : {}),
      ...(init.migrationsDir ? { migrationsDir: init.migrationsDir } : {}),
      ...(init.foodsFile ? { foodsFile: init.foodsFile } : {}),
      ...(init.modelDir ? { modelDir: init.modelDir } : {}),
      ...(init.detectorWorker ? { detectorWorker: init.detectorWorker } : {}),
      ...(init.rulesDir ? { rulesDir: init.rulesDir } : {}),
      ...(init.ruleWorker ? { ruleWorker: init.ruleWorker } : {}),
      ...(init.planWorker ? { planWorker: init.planWorker } : {}),
      ...(init.planPool ? { planPool: init.planPool } : {}),
      ...(init.integrityCheck !== undefined ? { integrityCheck: init.integrityCheck } : {}),
      ...(init.scrypt ? { scrypt: init.scrypt } : {}),
      ...(printer ? { pdfRenderer: printer } : {}),
      ...(init.checkOutputs !== undefined ? { checkOutputs: init.checkOutputs } : {}),
    });
    core.subscribe((event, payload) => post({ t: 'event', event, payload }));
    if (init.autoUnlock) {
      try {
        log.info('startup unlock', { keychain: core.session.tryAutoUnlock() });
      } catch (err) {
        // A failed keychain unlock only means the passphrase screen shows.
        log.warn('keychain unlock failed', { error: err });
      }
    }
  };
  channel.onMessage((m) => {
    switch (m.t) {
      case 'init':
        try {
          start(m.init);
          post({ t: 'ready' });
        } catch (err) {
          post({ t: 'failed', message: err instanceof Error ? err.message : String(err) });
        }
        return;
      case 'call': {
        if (!core) {
          post({
            t: 'result',
            id: m.id,
            result: { ok: false, code: 'internal', message: 'The core has not started.' },
          });
          return;
        }
        void core.dispatch(m.method, m.input).then((result) => post({ t: 'result', id: m.id, result }));
        return;
      }
      case 'printed':
        printer?.settle(m);
        return;
      case 'close':
        core?.close();
        core = null;
        post({ t: 'closed' });
        exit();
        return;
    }
  });
}
