import { Center, Container } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionStatus } from '../../../../core/api/schemas.ts';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert.tsx';
import { clearPhotoBatches } from '../../features/photos/photo-batch-store.ts';
import { PageLoader } from '../../components/PageLoader/PageLoader.tsx';
import { type ApiError, call, onEvent } from '../../lib/api.ts';
import { isLockedError, toApiError } from '../../lib/errors.ts';
import { SessionContext, type SessionContextValue } from '../../lib/session-context.ts';
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

  // Photos dropped in this window are client data too: a lock forgets them with everything else.
  const unlocked = status?.state === 'unlocked';
  useEffect(() => {
    if (!unlocked) clearPhotoBatches();
  }, [unlocked]);

  const reportError = useCallback((e: unknown) => {
    if (isLockedError(e)) setStatus((s) => (s ? { ...s, state: 'locked' } : s));
  }, []);

  const context = useMemo<SessionContextValue | null>(
    () => (status ? { status, setStatus, reportError } : null),
    [status, reportError],
  );

  if (!status || !context) {
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

  switch (held ?? status.state) {
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
      return (
        <SessionContext value={context}>
          <Shell />
        </SessionContext>
      );
  }
}
