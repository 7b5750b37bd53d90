import type { Bridge } from '@contract/bridge.ts';
import type { EventMap, EventName, MethodInput, MethodName, MethodOutput, RpcResult } from '@contract/index.ts';

/**
 * The renderer's typed client for the core. In Electron it calls the preload's `window.bioai`
 * bridge; in a browser it posts to the browser host on 127.0.0.1 with the per-launch token that
 * came in the URL fragment. Both return the same RpcResult, unwrapped here into data or an ApiError.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly fields: Record<string, string>;
  constructor(code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = fields;
  }
}

const TOKEN_KEY = 'bioai.token';

/** Takes the token from `#token=…` once, keeps it for this tab, and removes it from the address bar. */
function browserToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

async function viaHttp(method: string, input: unknown): Promise<RpcResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/rpc/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${browserToken()}` },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return {
      ok: false,
      code: 'offline',
      message: 'The BioAI Nutrition host is not running. Start it again and reload this page.',
    };
  }
  if (response.status === 401) {
    return {
      ok: false,
      code: 'unauthorized',
      message: 'This page is not connected to the running host. Open the address the host printed.',
    };
  }
  try {
    return (await response.json()) as RpcResult<unknown>;
  } catch {
    return {
      ok: false,
      code: 'internal',
      message: `The host answered with an unreadable response (HTTP ${response.status}).`,
    };
  }
}

function viaBridge(bridge: Bridge, method: string, input: unknown): Promise<RpcResult<unknown>> {
  const dot = method.indexOf('.');
  const ns = (bridge as unknown as Record<string, Record<string, (i: unknown) => Promise<RpcResult<unknown>>>>)[
    method.slice(0, dot)
  ];
  const fn = ns?.[method.slice(dot + 1)];
  if (!fn) return Promise.resolve({ ok: false, code: 'invalid-input', message: `Unknown method ${method}.` });
  return fn(input);
}

export async function call<M extends MethodName>(method: M, ...args: [MethodInput<M>?]): Promise<MethodOutput<M>> {
  const input = args[0] ?? {};
  const result = window.bioai ? await viaBridge(window.bioai, method, input) : await viaHttp(method, input);
  if (!result.ok) throw new ApiError(result.code, result.message, result.fields ?? {});
  return result.data as MethodOutput<M>;
}

// In a browser all subscriptions share one event stream: each EventSource holds a connection, and
// the browser allows only a few per host (the calls need theirs too).
let stream: { source: EventSource; users: number } | null = null;

/** Subscribes to a core event (Electron IPC or the browser host's server-sent events). */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  if (window.bioai) return window.bioai.on(event, listener);
  stream ??= { source: new EventSource(`/api/events?token=${encodeURIComponent(browserToken())}`), users: 0 };
  const current = stream;
  current.users += 1;
  const handler = (e: MessageEvent<string>): void => listener(JSON.parse(e.data) as EventMap[E]);
  current.source.addEventListener(event, handler as EventListener);
  return () => {
    current.source.removeEventListener(event, handler as EventListener);
    current.users -= 1;
    if (current.users === 0) {
      current.source.close();
      if (stream === current) stream = null;
    }
  };
}
