import { useState } from 'react';
import { toApiError } from './errors.ts';

export interface FormRequest {
  /** True while `send` waits for its work. */
  busy: boolean;
  /** The sentence for the form's alert: a check that failed, or what the core answered. */
  error: string | null;
  setError: (error: string | null) => void;
  /** Clears the alert, runs `work` with `busy` on, and shows why it failed if it throws. */
  send: (work: () => Promise<void>) => Promise<void>;
}

/**
 * The busy flag and alert sentence of a form that sends one request per submit. `onError` sees every
 * failure first (usually the session's reportError, so a lock still sends the app to the unlock screen).
 */
export function useFormRequest(onError?: (error: unknown) => void): FormRequest {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (work: () => Promise<void>): Promise<void> => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      onError?.(e);
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, send };
}
