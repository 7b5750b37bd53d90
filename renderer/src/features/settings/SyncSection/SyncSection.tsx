import { Stack } from '@mantine/core';
import { QueryPending } from '../../../components/QueryPending/QueryPending.tsx';
import { useCall } from '../../../lib/query.ts';
import { SignedInPanel } from './SignedInPanel.tsx';
import { SignedOutPanel } from './SignedOutPanel.tsx';

/** Settings → Sync: sign in to (or create) the practice on its server, then sync and see how it went. */
export function SyncSection(): React.JSX.Element {
  const query = useCall('sync.status', {});
  const status = query.data;

  return (
    <Stack gap="md" data-testid="sync-section">
      <QueryPending query={query} errorTitle="Could not read the sync state" loadingLabel="Loading the sync state" />
      {status && (status.signedIn ? <SignedInPanel status={status} /> : <SignedOutPanel status={status} />)}
    </Stack>
  );
}
