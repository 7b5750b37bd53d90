import { Progress, Stack, Text } from '@mantine/core';
import { progressPercent, type SyncProgress } from './sync-text.ts';

/** The running sync's step and how far it got, from 'sync.progress' events. */
export function SyncProgressBar({ progress }: { progress: SyncProgress | null }): React.JSX.Element {
  const percent = progressPercent(progress);
  return (
    <Stack gap={4} data-testid="sync-progress" aria-live="polite">
      <Progress
        value={percent ?? 100}
        animated={percent === null || percent < 100}
        striped={percent === null}
        aria-label="Sync progress"
      />
      <Text size="sm" c="dimmed">
        {progress?.message ?? 'Connecting to the sync server…'}
      </Text>
    </Stack>
  );
}
