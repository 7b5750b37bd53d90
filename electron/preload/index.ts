import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge } from '../../core/contract/bridge.ts';
import type { EventMap } from '../../core/contract/index.ts';
import { EVENT_CHANNEL, EVENT_NAMES, METHOD_NAMES, RPC_CHANNEL } from '../../core/contract/names.ts';

/**
 * Builds `window.bioai`: one named function per contract method, grouped by namespace, plus `on()`.
 * The method list comes from names.ts (plain data), not contract.ts, so zod is not bundled: this
 * runs sandboxed, as one CommonJS file whose only require is 'electron'. Nothing generic is exposed
 * (no invoke(channel, …), no raw ipcRenderer), so the page can reach only the contract's methods,
 * and main still parses every argument.
 */

type Method = (input?: unknown) => Promise<unknown>;

function bind(method: (typeof METHOD_NAMES)[number]): Method {
  const name = method.slice(method.indexOf('.') + 1);
  // The computed key gives the function its method name (readable in devtools and stack traces).
  const fn = { [name]: (input?: unknown): Promise<unknown> => ipcRenderer.invoke(RPC_CHANNEL, method, input) }[name];
  if (!fn) throw new Error(`could not bind ${method}`);
  return fn;
}

const namespaces: Record<string, Record<string, Method>> = {};
for (const method of METHOD_NAMES) {
  const ns = method.slice(0, method.indexOf('.'));
  const group = (namespaces[ns] ??= {});
  group[method.slice(ns.length + 1)] = bind(method);
}

const knownEvents: ReadonlySet<string> = new Set(EVENT_NAMES);

const on = ((event, listener) => {
  if (typeof event !== 'string' || !knownEvents.has(event)) throw new Error(`Unknown event "${String(event)}".`);
  if (typeof listener !== 'function') throw new TypeError('on() needs a listener function.');
  const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
    // The IpcRendererEvent stays here: it carries `sender` (ipcRenderer itself).
    // The payload comes from main's own event map; main is the trusted side of this channel.
    if (name === event) listener(payload as EventMap[typeof event]);
  };
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  };
}) satisfies Bridge['on'];

const bridge: Record<string, unknown> = { on };
for (const [ns, group] of Object.entries(namespaces)) bridge[ns] = Object.freeze(group);
Object.freeze(bridge);

// The bridge has the Bridge shape by construction: it is built from METHOD_NAMES, which the type
// check proves equal to the contract's methods (core/contract/index.ts).
contextBridge.exposeInMainWorld('bioai', bridge);
