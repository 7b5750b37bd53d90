import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ApiError } from './api.ts';
import { toApiError } from './errors.ts';
import { useSessionActions } from './session-context.ts';

export interface Query<T> {
  /** The latest answer; kept while a reload runs so lists do not flash. */
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

interface Settled<T> {
  key: string;
  data: T | undefined;
  error: ApiError | null;
}

/**
 * Loads data for a view. `key` names the request (include every input), so a changed input starts a
 * new load and a late answer to an old one is dropped. Errors go through the session, which turns
 * a 'locked' answer into the unlock screen.
 */
export function useQuery<T>(key: string, load: () => Promise<T>): Query<T> {
  const { reportError } = useSessionActions();
  const [nonce, setNonce] = useState(0);
  const requestKey = `${key}\u0000${nonce}`;
  const [settled, setSettled] = useState<Settled<T>>({ key: '', data: undefined, error: null });
  const run = useEffectEvent(load);
  const report = useEffectEvent(reportError);

  useEffect(() => {
    let current = true;
    run().then(
      (data) => {
        if (current) setSettled({ key: requestKey, data, error: null });
      },
      (error: unknown) => {
        if (!current) return;
        report(error);
        setSettled((prev) => ({ key: requestKey, data: prev.data, error: toApiError(error) }));
      },
    );
    return () => {
      current = false;
    };
  }, [requestKey]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: settled.data, error: settled.error, loading: settled.key !== requestKey, reload };
}
