import { Center, Container } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { Activity, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionStatus } from '@contract/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert.tsx';
import { clearPhotoBatches } from '../../features/photos/photo-batch-store.ts';
import { clearVisitDrafts } from '../../features/visits/visit-drafts.ts';
import { PageLoader } from '../../components/PageLoader/PageLoader.tsx';
import { type ApiError, call, onEvent } from '../../lib/api.ts';
import { isLockedError, toApiError } from '../../lib/errors.ts';
import { createQueryClient } from '../../lib/query.ts';
import { type SessionActions, SessionActionsContext, SessionStatusContext } from '../../lib/session-context.ts';
import { Shell } from '../Shell/Shell.tsx';
import { SetupScreen } from '../SetupScreen/SetupScreen.tsx';
import { UnlockScreen } from '../UnlockScreen/UnlockScreen.tsx';
import { DamagedScreen } from '../DamagedScreen/DamagedScreen.tsx';

/**
 * Asks the core for the session state first, and shows setup, unlock, the damaged-database choices
 * or the app accordingly. It
 * follows 'session.changed' events (a lock from another window or the host) and 'locked' errors
 * from any call, so a locked database always leads back here.
 */
export function SessionGate(): React.JSX.Element {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  // While a recovery code is on screen, the setup or unlock screen stays although the core (and its
  // 'session.changed' event) already says unlocked; it hands the status over when the code is confirmed.
  const [held, setHeld] = useState<SessionStatus['state'] | null>(null);
  const hold = useCallback((state: SessionStatus['state'] | null) => setHeld(state), []);
  const done = useCallback((s: SessionStatus) => {
    setHeld(null);
    setStatus(s);
  }, []);

  useEffect(() => {
    let current = true;
    call('session.status').then(
      (s) => {
        if (!current) return;
        setStatus(s);
        setError(null);
      },
      (e: unknown) => {
        if (current) setError(toApiError(e));
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  useEffect(() => onEvent('session.changed', setStatus), []);

  // Photos dropped in this window and unsaved visit notes are client data too: a lock forgets them with
  // everything else.
  const unlocked = status?.state === 'unlocked';
  useEffect(() => {
    if (!unlocked) {
      clearPhotoBatches();
      clearVisitDrafts();
    }
  }, [unlocked]);

  // A new hidden shell after every lock (see below): counted when the state leaves 'unlocked', during
  // the render that shows the lock, so the previous session's tree is never kept even for one frame.
  const [generation, setGeneration] = useState(0);
  const [wasUnlocked, setWasUnlocked] = useState(false);
  if (unlocked !== wasUnlocked) {
    setWasUnlocked(unlocked);
    if (!unlocked) setGeneration((g) => g + 1);
  }

  const reportError = useCallback((e: unknown) => {
    if (isLockedError(e)) setStatus((s) => (s ? { ...s, state: 'locked' } : s));
  }, []);

  // The data cache belongs to one shell: a new shell gets an empty one, and the one it replaces is
  // emptied once that shell is gone, so no client's data stays in memory after a lock.
  const [cache, setCache] = useState(() => ({ generation, client: createQueryClient(reportError) }));
  if (cache.generation !== generation) setCache({ generation, client: createQueryClient(reportError) });
  const queryClient = cache.client;
  // Emptied when replaced, not in an effect's clean-up: development's StrictMode runs clean-ups of a
  // live tree too, and would empty the cache under the mounted views.
  const previousClient = useRef(queryClient);
  useEffect(() => {
    if (previousClient.current !== queryClient) previousClient.current.clear();
    previousClient.current = queryClient;
  }, [queryClient]);

  const actions = useMemo<SessionActions>(() => ({ setStatus, reportError }), [reportError]);
  // What the shell rendered ahead of the unlock sees until the real status arrives with the unlock.
  const ahead = useMemo<SessionStatus | null>(() => (status ? { ...status, state: 'unlocked' } : null), [status]);

  if (!status || !ahead) {
    if (error) {
      return (
        <Container size="sm" py="xl">
          <ErrorAlert
            title="Cannot reach the app's core"
            error={error}
            onRetry={() => setAttempt((n) => n + 1)}
            testId="session-error"
          />
        </Container>
      );
    }
    return <PageLoader label="Opening BioAI Nutrition…" />;
  }

  const shown = held ?? status.state;
  const gate = ((): React.JSX.Element | null => {
    switch (shown) {
      case 'needs-setup':
        return (
          <Center mih="100vh" p="md">
            <SetupScreen status={status} onDone={done} onHold={(on) => hold(on ? 'needs-setup' : null)} />
          </Center>
        );
      case 'locked':
        return (
          <Center mih="100vh" p="md">
            <UnlockScreen status={status} onDone={done} onHold={(on) => hold(on ? 'locked' : null)} />
          </Center>
        );
      case 'damaged':
        return (
          <Center mih="100vh" p="md">
            <DamagedScreen status={status} onDone={done} />
          </Center>
        );
      case 'unlocked':
        return null;
    }
  })();

  // While the unlock screen is up, the app's shell (header, navigation, the first page) is rendered
  // ahead, hidden, at React's lowest priority: the practitioner types and the key derivation runs in the
  // meantime, so unlocking only has to show it. A hidden <Activity> runs no effects, so nothing is
  // fetched and no client data reaches it before the unlock; its effects (the page's first calls) start
  // when it is shown. Each lock gets a new shell (`generation`), so a locked window never keeps the
  // previous session's pages, hidden or not.
  const shell =
    shown === 'unlocked' || shown === 'locked' ? (
      <Activity key={generation} mode={shown === 'unlocked' ? 'visible' : 'hidden'}>
        <SessionActionsContext value={actions}>
          <SessionStatusContext value={status.state === 'unlocked' ? status : ahead}>
            <QueryClientProvider client={queryClient}>
              <Shell />
            </QueryClientProvider>
          </SessionStatusContext>
        </SessionActionsContext>
      </Activity>
    ) : null;

  return (
    <>
      {gate}
      {shell}
    </>
  );
}
