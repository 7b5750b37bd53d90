import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RpcResult } from '../../core/contract/index.ts';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../core/contract/names.ts';
import { createCore, type Core } from '../../core/app.ts';
import { createLogger, type Logger } from '../../core/logging/log.ts';
import {
  createAppUrlPolicy,
  forwardEvents,
  registerIpc,
  type InvokeEventLike,
  type IpcMainLike,
  type SenderFrameLike,
} from './ipc.ts';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** Stands in for ipcMain: records handlers and lets a test invoke them as a renderer would. */
function fakeIpcMain(): IpcMainLike & {
  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown>;
  channels(): string[];
} {
  const handlers = new Map<string, Listener>();
  return {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
    invoke(channel, event, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler(event, ...args);
    },
    channels: () => [...handlers.keys()],
  };
}

const APP_HTML = path.join(os.tmpdir(), 'bioai-app', 'out', 'renderer', 'index.html');
const APP_URL = pathToFileURL(APP_HTML).href;
const mainFrame = (url: string): SenderFrameLike => ({ url, parent: null });
const fromApp: InvokeEventLike = { senderFrame: mainFrame(APP_URL) };

function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger((line) => lines.push(line), 'debug', 'test'),
    { lines },
  );
}

let dataDir: string;
let core: Core;
let log: ReturnType<typeof memoryLogger>;
let ipc: ReturnType<typeof fakeIpcMain>;
let calls: unknown[][];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-ipc-'));
  log = memoryLogger();
  core = createCore({ dataDir, host: 'electron', log, scrypt: { N: 2 ** 12, r: 8, p: 1 } });
  calls = [];
  // Records every call that reaches the dispatcher, to prove refused calls never do.
  const dispatch = core.dispatch;
  ipc = fakeIpcMain();
  registerIpc(
    ipc,
    (method, input) => {
      calls.push([method, input]);
      return dispatch(method, input);
    },
    { isAppUrl: createAppUrlPolicy(APP_URL), log },
  );
});

afterEach(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function rpc(event: InvokeEventLike, method: unknown, input?: unknown): Promise<RpcResult<unknown>> {
  return (await ipc.invoke(RPC_CHANNEL, event, method, input)) as RpcResult<unknown>;
}

describe('registerIpc', () => {
  it('registers exactly one channel', () => {
    expect(ipc.channels()).toEqual([RPC_CHANNEL]);
  });

  it('answers a valid call from the app window', async () => {
    const result = await rpc(fromApp, 'app.info', {});
    expect(result).toEqual({ ok: true, data: expect.objectContaining({ name: 'BioAI Nutrition', host: 'electron' }) });
  });

  it('runs a real round trip: set up, create a client, list it', async () => {
    expect((await rpc(fromApp, 'session.setup', { passphrase: 'correct horse battery' })).ok).toBe(true);
    const created = await rpc(fromApp, 'clients.create', { name: 'Ada Example' });
    expect(created.ok).toBe(true);
    const listed = await rpc(fromApp, 'clients.list', {});
    expect(listed.ok && Array.isArray(listed.data) ? listed.data.length : -1).toBe(1);
  });

  it('refuses a call from another URL before the dispatcher runs', async () => {
    const result = await rpc({ senderFrame: mainFrame('https://evil.example/index.html') }, 'session.setup', {
      passphrase: 'correct horse battery',
    });
    expect(result).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(calls).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'keyring.json'))).toBe(false);
    const warning = log.lines.find((l) => l.includes('untrusted frame'));
    expect(warning).toContain('https://evil.example');
    expect(warning).not.toContain('index.html');
  });

  it('refuses another local file, an iframe, and a missing frame', async () => {
    const otherFile = pathToFileURL(path.join(os.tmpdir(), 'downloads', 'index.html')).href;
    const senders: InvokeEventLike[] = [
      { senderFrame: mainFrame(otherFile) },
      { senderFrame: { url: APP_URL, parent: mainFrame(APP_URL) } },
      { senderFrame: null },
    ];
    for (const event of senders) {
      expect(await rpc(event, 'app.info', {})).toMatchObject({ ok: false, code: 'unauthorized' });
    }
    expect(calls).toEqual([]);
  });

  it('accepts the app page with a hash route', async () => {
    expect((await rpc({ senderFrame: mainFrame(`${APP_URL}#/clients`) }, 'app.info')).ok).toBe(true);
  });

  it('answers an unknown method with invalid-input', async () => {
    expect(await rpc(fromApp, 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      code: 'invalid-input',
    });
    expect(await rpc(fromApp, { toString: 'x' }, {})).toMatchObject({ ok: false, code: 'invalid-input' });
  });

  it('answers malformed input with invalid-input and the field message', async () => {
    const result = await rpc(fromApp, 'session.setup', { passphrase: 'short' });
    expect(result).toEqual({
      ok: false,
      code: 'invalid-input',
      message: 'Use at least 10 characters for the passphrase.',
      fields: { passphrase: 'Use at least 10 characters for the passphrase.' },
    });
    expect(fs.existsSync(path.join(dataDir, 'keyring.json'))).toBe(false);
  });

  it('answers a throwing dispatcher with a generic internal error', async () => {
    const other = fakeIpcMain();
    registerIpc(other, () => Promise.reject(new Error('secret detail')), {
      isAppUrl: createAppUrlPolicy(APP_URL),
      log,
    });
    const result = (await other.invoke(RPC_CHANNEL, fromApp, 'app.info', {})) as RpcResult<unknown>;
    expect(result).toMatchObject({ ok: false, code: 'internal' });
    expect(JSON.stringify(result)).not.toContain('secret detail');
  });

  it('removes its handler when disposed', () => {
    const other = fakeIpcMain();
    const dispose = registerIpc(other, core.dispatch, { isAppUrl: createAppUrlPolicy(APP_URL), log });
    dispose();
    expect(other.channels()).toEqual([]);
  });
});

describe('createAppUrlPolicy', () => {
  it('matches a dev server by origin', () => {
    const isApp = createAppUrlPolicy('http://localhost:5173/');
    expect(isApp('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
    expect(isApp('https://localhost:5173/')).toBe(false);
    expect(isApp('not a url')).toBe(false);
  });
});

describe('forwardEvents', () => {
  it('sends core events to the window and stops on unsubscribe', async () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const stop = forwardEvents(core.subscribe, { send: (...args) => sent.push(args), isDestroyed: () => destroyed });
    await rpc(fromApp, 'session.setup', { passphrase: 'correct horse battery' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.[0]).toBe(EVENT_CHANNEL);
    expect(sent[0]?.[1]).toBe('session.changed');
    expect(sent[0]?.[2]).toMatchObject({ state: 'unlocked', host: 'electron' });

    destroyed = true;
    await rpc(fromApp, 'session.lock', {});
    expect(sent).toHaveLength(1);

    destroyed = false;
    stop();
    await rpc(fromApp, 'session.unlock', { passphrase: 'correct horse battery' });
    expect(sent).toHaveLength(1);
  });
});
