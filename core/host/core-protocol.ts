import type { EventName, RpcResult } from '../contract/index.ts';
import type { ScryptParams } from '../keys/keyring.ts';
import type { LogLevel } from '../logging/log.ts';
import type { PdfRenderOptions } from '../reports/pdf.ts';
import type { HostKind } from '../session/session.ts';

/**
 * The messages between a host (Electron's main process, the browser host) and the core running in
 * its own process (core/host/core-process.ts). The transport is whatever the platform gives (an
 * Electron utility process's port, a Node child's IPC channel); both carry structured clones, so
 * bytes travel as Uint8Array. Everything the core does stays in the core's process; the host keeps
 * only what must live there: the OS keychain (Electron's safeStorage) and printing (Electron's
 * printToPDF), which the core reaches by the 'vault' and 'print' messages.
 */

/** What the core process is started with (the serialisable part of CoreOptions). */
export interface CoreProcessInit {
  dataDir: string;
  host: HostKind;
  logLevel: LogLevel;
  migrationsDir?: string | undefined;
  foodsFile?: string | undefined;
  modelDir?: string | undefined;
  detectorWorker?: string | undefined;
  rulesDir?: string | undefined;
  ruleWorker?: string | undefined;
  planWorker?: string | undefined;
  planPool?: string | undefined;
  integrityCheck?: { workerPath?: string } | false | undefined;
  scrypt?: ScryptParams | undefined;
  /**
   * The keychain copy of the data key as the host read it (the keychain is the host's), or absent
   * where there is no keychain. The core writes changes back with 'vault' messages.
   */
  vault?: { backend: string | null; dataKey: Uint8Array | null } | undefined;
  /** Reports print through the host ('print' messages) rather than a browser the core starts. */
  printThroughHost?: boolean | undefined;
  /** Opens the data with the keychain copy of the key at start, as the desktop app does. */
  autoUnlock?: boolean | undefined;
  /** Check every answer against the contract (tests). */
  checkOutputs?: boolean | undefined;
}

/** Host → core. */
export type ToCore =
  | { t: 'init'; init: CoreProcessInit }
  | { t: 'call'; id: number; method: unknown; input: unknown }
  | { t: 'printed'; id: number; ok: true; pdf: Uint8Array }
  | { t: 'printed'; id: number; ok: false; message: string }
  | { t: 'close' };

/** Core → host. */
export type FromCore =
  | { t: 'ready' }
  | { t: 'failed'; message: string }
  | { t: 'result'; id: number; result: RpcResult<unknown> }
  | { t: 'event'; event: EventName; payload: unknown }
  /** A log line, already filtered of personal data by the core's logger. */
  | { t: 'log'; line: string }
  | { t: 'vault'; op: 'save'; dataKey: Uint8Array }
  | { t: 'vault'; op: 'clear' }
  | { t: 'print'; id: number; html: string; options: PdfRenderOptions }
  | { t: 'closed' };

/** One end of the channel, whatever carries it. */
export interface Channel<Out, In> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
