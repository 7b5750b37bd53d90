import type { Logger } from './logging/log.ts';

/** Which part of a client's record changed. */
export type ClientDataKind = 'profile' | 'targets' | 'log' | 'photos' | 'sync' | 'plans' | 'measures';

/** Called by a service after it changed a client's data (and only then). */
export type ClientDataChanged = (clientId: string, what: ClientDataKind) => void;

export interface ChangeFeed {
  clientDataChanged: ClientDataChanged;
  /** Listens for changes; returns the function that stops listening. */
  onClientDataChanged(listener: ClientDataChanged): () => void;
}

/**
 * The one place where "a client's data changed" is said and heard. The services that write client
 * data (clients, targets, log, photos, sync, plans) say it; whatever derives from that data (the
 * recommendations, kept current when nobody is looking) listens, so no write path has to remember to
 * trigger each consumer by hand. A listener that throws is logged and does not undo the write.
 */
export function createChangeFeed(log: Logger): ChangeFeed {
  const listeners = new Set<ClientDataChanged>();
  return {
    clientDataChanged(clientId, what) {
      for (const listener of listeners) {
        try {
          listener(clientId, what);
        } catch (err) {
          log.error('a listener of client data changes failed', { what, error: err });
        }
      }
    },
    onClientDataChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
