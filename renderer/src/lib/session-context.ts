import { createContext, useContext } from 'react';
import type { SessionStatus } from '@contract/session.ts';

export interface SessionActions {
  setStatus: (status: SessionStatus) => void;
  /** Call with any error from the API: a 'locked' error sends the app back to the unlock screen. */
  reportError: (error: unknown) => void;
}

export interface SessionContextValue extends SessionActions {
  status: SessionStatus;
}

// Two contexts: the actions never change, the status does (an unlock, an integrity check finishing).
// Most components only report errors; reading the actions alone keeps them from rendering again each
// time the status changes.
export const SessionActionsContext = createContext<SessionActions | null>(null);
export const SessionStatusContext = createContext<SessionStatus | null>(null);

/** The session's actions (set the status, report an API error), stable for the window's lifetime. */
export function useSessionActions(): SessionActions {
  const value = useContext(SessionActionsContext);
  if (!value) throw new Error('useSessionActions() is used outside the unlocked app.');
  return value;
}

/** The session's status and actions; renders again whenever the status changes. */
export function useSession(): SessionContextValue {
  const actions = useContext(SessionActionsContext);
  const status = useContext(SessionStatusContext);
  if (!actions || !status) throw new Error('useSession() is used outside the unlocked app.');
  return { ...actions, status };
}
