import { Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SyncResult, SyncStatus } from '@contract/sync.ts';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { AutoSyncSelect } from './AutoSyncSelect.tsx';
import { LastResult } from './LastResult.tsx';
import { SignOutModal } from './SignOutModal.tsx';
import { formatLastSync, pendingText } from './sync-text.ts';
import { SyncNow } from './SyncNow.tsx';
import { useNow } from './use-now.ts';

interface SignedInPanelProps {
  status: SyncStatus;
}

function Detail({ label, value }: { label: string; value: string | null }): React.JSX.Element {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value ?? '—'}</Text>
    </div>
  );
}

/** Where this computer syncs to, how it stands, Sync now, the last result, and sign out. */
export function SignedInPanel({ status }: SignedInPanelProps): React.JSX.Element {
  const notify = useNotify();
  const now = useNow(30_000);
  const [signingOut, setSigningOut] = useState(false);
  // The answer of this page's own run, shown until the status catches up with it.
  const [latest, setLatest] = useState<SyncResult | null>(null);
  const last = latest && (!status.lastResult || latest.at >= status.lastResult.at) ? latest : status.lastResult;

  return (
    <Stack gap="md">
      <Stack gap="sm" data-testid="sync-status">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Detail label="Server" value={status.serverUrl} />
          <Detail label="Practice" value={status.practiceName} />
          <Detail label="Signed in as" value={status.email} />
          <Detail label="This computer" value={status.deviceName} />
        </SimpleGrid>
        <Text size="sm" data-testid="sync-last-sync">
          Last sync: {formatLastSync(status.lastSyncAt, now)}
        </Text>
        <Text size="sm" data-testid="sync-pending">
          {pendingText(status.pending)}
        </Text>
      </Stack>
      <AutoSyncSelect minutes={status.autoSyncMinutes} />
      <SyncNow
        runningElsewhere={status.running}
        onFinished={(result) => {
          if (result) setLatest(result);
        }}
      />
      {last && <LastResult result={last} />}
      <Group>
        <Button variant="default" color="red" onClick={() => setSigningOut(true)} data-testid="sync-sign-out">
          Sign out
        </Button>
      </Group>
      <SignOutModal
        opened={signingOut}
        practiceName={status.practiceName}
        onClose={() => setSigningOut(false)}
        onSignedOut={() => {
          setSigningOut(false);
          notify({ message: 'This computer is signed out of the practice. Its data stays here.' });
        }}
      />
    </Stack>
  );
}
