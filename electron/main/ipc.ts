import type { RpcResult } from '../../core/contract/index.ts';
import type { Dispatch } from '../../core/host/dispatch.ts';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../core/contract/names.ts';
import type { Core } from '../../core/app.ts';
import type { Logger } from '../../core/logging/log.ts';

/**
 * Binds the contract to Electron's IPC. Everything here is typed against the few members of
 * ipcMain / WebContents / WebFrameMain it uses, never the electron module itself, so it runs under
 * vitest in plain Node (the Electron binary is not available in CI) and ipcMain still fits it.
 */

/** The members of Electron's WebFrameMain that the sender check reads. */
export interface SenderFrameLike {
  readonly url: string;
  /** null for a top-level (main) frame. */
  readonly parent: unknown;
}

/** The member of Electron's IpcMainInvokeEvent that the sender check reads. */
export interface InvokeEventLike {
  /** null when the frame has navigated away or was destroyed before the call arrived. */
  readonly senderFrame: SenderFrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface IpcOptions {
  /** True for the URL of the app's own page (see createAppUrlPolicy). */
  isAppUrl: (url: string) => boolean;
  log: Logger;
}

const UNAUTHORIZED = {
  ok: false,
  code: 'unauthorized',
  message: 'This request did not come from the BioAI Nutrition window and was refused.',
} as const satisfies RpcResult<never>;

const INTERNAL = {
  ok: false,
  code: 'internal',
  message:
    'Something went wrong inside the app; the details are in its log. Try again, and report it if it keeps happening.',
} as const satisfies RpcResult<never>;

/**
 * Decides whether a URL is the app's own page. For a file:// app only that exact file counts
 * (query and fragment ignored, so hash routing works); any other local file is untrusted, since
 * file:// pages share one opaque origin. For the dev server (http://localhost:…) the origin counts.
 */
export function createAppUrlPolicy(appUrl: string): (url: string) => boolean {
  const app = new URL(appUrl);
  return (candidate) => {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      return false;
    }
    if (app.protocol === 'file:')
      return url.protocol === 'file:' && url.host === app.host && url.pathname === app.pathname;
    return url.origin === app.origin;
  };
}

/** What the log may say about a refused URL: its scheme and host, never its path or query. */
function describeUrl(url: string | undefined): string {
  if (url === undefined) return 'no frame';
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? 'file:' : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'unparsable';
  }
}

/**
 * Registers the one RPC handler. The sender is checked before anything else: only the main frame
 * of the app's own page may call; an iframe, a navigated-away page or a destroyed frame is refused
 * and never reaches the dispatcher. The dispatcher parses the arguments (they are `unknown` here).
 * Returns a function that removes the handler.
 */
export function registerIpc(ipc: IpcMainLike, dispatch: Dispatch, options: IpcOptions): () => void {
  const { isAppUrl, log } = options;
  ipc.handle(RPC_CHANNEL, async (event, method, input): Promise<RpcResult<unknown>> => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      log.warn('ipc: call from an untrusted frame refused', {
        method: typeof method === 'string' ? method.slice(0, 80) : typeof method,
        sender: describeUrl(frame?.url),
        mainFrame: frame ? frame.parent === null : null,
      });
      return UNAUTHORIZED;
    }
    try {
      return await dispatch(method, input);
    } catch (err) {
      // The dispatcher already answers handler errors; this guards the envelope itself, because an
      // exception thrown out of ipcMain.handle would reach the renderer with its message attached.
      log.error('ipc: dispatch failed', { error: err });
      return INTERNAL;
    }
  });
  return () => ipc.removeHandler(RPC_CHANNEL);
}

/**
 * Sends every core event to the window as (EVENT_CHANNEL, name, payload); the preload filters by
 * name. Returns the unsubscribe function; events for a destroyed window are dropped.
 */
export function forwardEvents(subscribe: Core['subscribe'], target: WebContentsLike): () => void {
  return subscribe((event, payload) => {
    if (target.isDestroyed()) return;
    target.send(EVENT_CHANNEL, event, payload);
  });
}
