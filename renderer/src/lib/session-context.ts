import { createContext, useContext } from 'react';
import type { SessionStatus } from '../../../core/api/schemas.ts';

export interface SessionContextValue {
  status: SessionStatus;
  setStatus: (status: SessionStatus) => void;
  /** Call with any error from the API: a 'locked' error sends the app back to the unlock screen. */
  reportError: (error: unknown) => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() is used outside the unlocked app.');
  return value;
}
