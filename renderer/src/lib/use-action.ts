import { useState } from 'react';
import { toApiError } from './errors.ts';
import { useSessionActions } from './session-context.ts';

export interface Action {
  /** Runs `work`; true when it succeeded, false when it threw (its message is then in `error`). */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  busy: boolean;
  error: string | null;
  /** Forgets the last error (the input it was about has changed). */
  reset: () => void;
}

/** One call behind a button (delete, discard, import): busy while it runs, and the message when it fails. */
export function useAction(): Action {
  const { reportError } = useSessionActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { run, busy, error, reset: () => setError(null) };
}
