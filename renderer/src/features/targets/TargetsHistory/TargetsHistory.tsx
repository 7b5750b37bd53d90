import { Skeleton, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { formatDateTime, formatIsoDate, formatNumber } from '../../../lib/format.ts';
import { isTargetKey, TARGET_KEY_LABELS } from '../../../lib/labels.ts';
import { useCall } from '../../../lib/query.ts';

/** Earlier sets of overrides, each with the day it took effect and its note. */
export function TargetsHistory({ clientId }: { clientId: string }): React.JSX.Element {
  const query = useCall('targets.history', { clientId });
  const entries = query.data;

  return (
    <Stack gap="xs" data-testid="targets-history">
      <Title order={3} size="h5">
        Override history
      </Title>
      {query.error && <ErrorAlert title="Could not load the history" error={query.error} onRetry={query.reload} />}
      {!entries && !query.error && <Skeleton height={40} />}
      {entries && entries.length === 0 && (
        <Text size="sm" c="dimmed">
          No overrides yet: every target is computed from the profile.
        </Text>
      )}
      {entries && entries.length > 0 && (
        <Stack component="ol" gap={6} m={0} pl="md">
          {entries.map((entry) => {
            const changes = Object.entries(entry.overrides)
              .map(([key, value]) => `${isTargetKey(key) ? TARGET_KEY_LABELS[key] : key} ${formatNumber(value ?? 0)}`)
              .join(', ');
            return (
              <li key={entry.id} data-testid="targets-history-entry">
                <Text size="sm">
                  From {formatIsoDate(entry.effectiveFrom)}: {changes || 'all computed values'}
                </Text>
                <Text size="xs" c="dimmed">
                  Saved {formatDateTime(entry.createdAt)}
                  {entry.note ? ` · ${entry.note}` : ''}
                </Text>
              </li>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
