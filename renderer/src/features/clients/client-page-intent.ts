/**
 * Where another view wants the client page to open (e.g. the photos view's "Open the log" after a
 * save): the tab and the day. Read when the page mounts, then forgotten.
 */
export interface ClientPageIntent {
  tab: 'profile' | 'log' | 'dashboard' | 'recommendations' | 'visits';
  date?: string;
}

const intents = new Map<string, ClientPageIntent>();

export function setClientPageIntent(clientId: string, intent: ClientPageIntent): void {
  intents.set(clientId, intent);
}

export function peekClientPageIntent(clientId: string): ClientPageIntent | undefined {
  return intents.get(clientId);
}

export function clearClientPageIntent(clientId: string): void {
  intents.delete(clientId);
}
