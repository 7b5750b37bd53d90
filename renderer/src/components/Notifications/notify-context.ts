import { createContext, useContext } from 'react';

export interface NotificationInput {
  message: string;
  title?: string;
  color?: 'green' | 'red' | 'blue' | 'yellow';
  /** One button in the message, e.g. "Undo" after a delete; clicking it also closes the message. */
  action?: { label: string; onClick: () => void; testId?: string };
}

export type Notify = (notification: NotificationInput) => void;

export const NotifyContext = createContext<Notify | null>(null);

/** Shows a short message in the corner (success after a save, a deletion, a passphrase change). */
export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify() is used outside <NotificationsProvider>.');
  return notify;
}
