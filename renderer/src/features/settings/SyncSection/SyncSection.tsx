import { Skeleton, Stack } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { SyncStatus } from '@contract/sync.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { call } from '../../../lib/api.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useQuery } from '../../../lib/use-query.ts';
import { SignedInPanel } from './SignedInPanel.tsx';
import { SignedOutPanel } from './SignedOutPanel.tsx';

/** Settings → Sync: sign in to (or create) the practice on its server, then sync and see how it went. */
export function SyncSection(): React.JSX.Element {
  const { reportError } = useSessionActions();
  const query = useQuery('sync.status', () => call('sync.status'));
  // The answer of a sign-in, sign-out, setting change or re-read, newer than the query's.
  const [changed, setChanged] = useState<SyncStatus | null>(null);
  const status = changed ?? query.data;

  const refresh = useCallback(() => {
    call('sync.status').then(setChanged, reportError);
  }, [reportError]);

  return (
    <Stack gap="md" data-testid="sync-section">
      {query.error && !status && (
        <ErrorAlert title="Could not read the sync state" error={query.error} onRetry={query.reload} />
      )}
      {!status && !query.error && <Skeleton height={120} aria-label="Loading the sync state" />}
      {status &&
        (status.signedIn ? (
          <SignedInPanel status={status} onStatus={setChanged} refresh={refresh} />
        ) : (
          <SignedOutPanel status={status} onSignedIn={setChanged} />
        ))}
    </Stack>
  );
}
