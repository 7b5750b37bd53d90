import { Skeleton, Stack } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useCall } from '../../../lib/query.ts';
import { SignedInPanel } from './SignedInPanel.tsx';
import { SignedOutPanel } from './SignedOutPanel.tsx';

/** Settings → Sync: sign in to (or create) the practice on its server, then sync and see how it went. */
export function SyncSection(): React.JSX.Element {
  const query = useCall('sync.status', {});
  const status = query.data;

  return (
    <Stack gap="md" data-testid="sync-section">
      {query.error && !status && (
        <ErrorAlert title="Could not read the sync state" error={query.error} onRetry={query.reload} />
      )}
      {!status && !query.error && <Skeleton height={120} aria-label="Loading the sync state" />}
      {status && (status.signedIn ? <SignedInPanel status={status} /> : <SignedOutPanel status={status} />)}
    </Stack>
  );
}
