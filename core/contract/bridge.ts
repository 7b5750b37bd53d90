import type { EventMap, EventName, MethodInput, MethodName, MethodOutput, RpcResult } from './index.ts';

/**
 * The shape of `window.bioai` that the Electron preload exposes: one named function per contract
 * method, grouped by namespace (`window.bioai.clients.create(input)`), each resolving to the
 * RpcResult envelope (errors cross contextBridge as data, not as thrown objects), plus `on()`.
 */
type Namespace<M extends string> = M extends `${infer NS}.${string}` ? NS : never;
type Fn<M extends string, NS extends string> = M extends `${NS}.${infer F}` ? F : never;

export type Bridge = {
  [NS in Namespace<MethodName>]: {
    [F in Fn<MethodName, NS>]: (
      input?: MethodInput<`${NS}.${F}` & MethodName>,
    ) => Promise<RpcResult<MethodOutput<`${NS}.${F}` & MethodName>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/** What the Electron preload puts on the page (absent in a browser, which talks HTTP to the host). */
declare global {
  interface Window {
    bioai?: Bridge;
  }
}
