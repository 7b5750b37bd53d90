import { Button, Group, Stack } from '@mantine/core';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { SyncResult } from '@contract/sync.ts';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { useFailureNotice } from '../../../components/Notifications/use-failure-notice.ts';
import { onEvent } from '../../../lib/api.ts';
import { SyncProgressBar } from './SyncProgressBar.tsx';
import type { SyncProgress } from './sync-text.ts';
import { useMutation } from '../../../lib/query.ts';
import { CLIENT_DATA } from '../../../lib/use-query-events.ts';

interface SyncNowProps {
  /** True while a run started elsewhere (the automatic sync) is going on. */
  runningElsewhere: boolean;
  /** After every run, with its result (also one that stopped early), or null when the call failed. */
  onFinished: (result: SyncResult | null) => void;
}

/** The "Sync now" button and, while a run goes on, its progress. */
export function SyncNow({ runningElsewhere, onFinished }: SyncNowProps): React.JSX.Element {
  const failed = useFailureNotice();
  const notify = useNotify();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);

  const own = useRef(false);
  // A run sends and receives client data and changes the pending count and the last sync time.
  const sync = useMutation('sync.now', { invalidates: [...CLIENT_DATA, 'sync'] });
  const otherRunFinished = useEffectEvent(() => onFinished(null));

  // Runs started elsewhere (the automatic sync) show their progress too, and refresh the status when done.
  useEffect(
    () =>
      onEvent('sync.progress', (p) => {
        setProgress(p);
        if (p.phase === 'done' && !own.current) otherRunFinished();
      }),
    [],
  );

  const syncNow = async (): Promise<void> => {
    own.current = true;
    setRunning(true);
    setProgress(null);
    try {
      const result = await sync.run();
      if (!result.error) notify({ message: 'Sync finished.', color: 'green' });
      onFinished(result);
    } catch (e) {
      failed('Could not sync', e);
      onFinished(null);
    } finally {
      own.current = false;
      setRunning(false);
    }
  };

  const busy = running || runningElsewhere || (progress !== null && progress.phase !== 'done');
  return (
    <Stack gap="xs">
      <Group>
        <Button onClick={() => void syncNow()} loading={running} disabled={busy && !running} data-testid="sync-now">
          Sync now
        </Button>
      </Group>
      {busy && <SyncProgressBar progress={progress} />}
    </Stack>
  );
}
