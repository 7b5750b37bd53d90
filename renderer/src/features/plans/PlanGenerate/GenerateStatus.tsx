import { Alert, Button, Group, List, Loader, Paper, Progress, Stack, Text } from '@mantine/core';
import { formatNumber } from '../../../lib/format.ts';
import type { Generation } from './use-generate.ts';

const daysText = (days: readonly number[]): string =>
  days.length === 1 ? `day ${days[0]}` : `days ${days.join(', ')}`;

/**
 * A running generation (its progress, or an indeterminate loader until the core reports some, and
 * Cancel), then its outcome: the share of targets in range and the targets it could not meet with the
 * reason, or the error it answered. Reasons carry figures, so they are left out where numbers are hidden.
 */
export function GenerateStatus({ generation, numbersHidden }: { generation: Generation; numbersHidden: boolean }) {
  const { running, progress, result, error } = generation;
  if (running) {
    const known = progress !== null && progress.total > 0;
    return (
      <Paper withBorder p="sm" data-testid="plan-generating" aria-busy="true">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={4} style={{ flex: 1 }}>
            <Group gap="xs">
              {!known && <Loader size="xs" aria-hidden />}
              <Text size="sm" fw={500}>
                {running.label}…
              </Text>
            </Group>
            {known && (
              <Progress
                value={(100 * progress.done) / progress.total}
                aria-label={`${progress.done} of ${progress.total} days solved`}
                data-testid="plan-generate-progress"
              />
            )}
            {progress?.message && (
              <Text size="xs" c="dimmed">
                {progress.message}
              </Text>
            )}
          </Stack>
          <Button
            variant="default"
            size="xs"
            onClick={generation.cancel}
            loading={generation.cancelling}
            data-testid="plan-generate-cancel"
          >
            Cancel
          </Button>
        </Group>
      </Paper>
    );
  }
  if (error) {
    return (
      <Alert
        color="red"
        title="The plan could not be generated"
        withCloseButton
        onClose={generation.dismiss}
        data-testid="plan-generate-error"
      >
        {error}
      </Alert>
    );
  }
  if (!result) return null;
  return (
    <Alert
      color={result.unmet.length === 0 ? 'teal' : 'yellow'}
      title={result.cancelled ? 'Generation cancelled: the plan is as it was' : 'Plan generated'}
      withCloseButton
      onClose={generation.dismiss}
      data-testid="plan-generate-result"
    >
      <Stack gap={4}>
        <Text size="sm">
          {Math.round(result.inRange * 100)} % of the day targets are in range ({formatNumber(result.seconds, 1)} s).
        </Text>
        {result.unmet.length > 0 && (
          <>
            <Text size="sm" fw={500}>
              Not met:
            </Text>
            <List size="sm" data-testid="plan-generate-unmet">
              {result.unmet.map((u) => (
                <List.Item key={u.key}>
                  {u.label} on {daysText(u.days)}
                  {numbersHidden ? '' : `: ${u.reason}`}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Alert>
  );
}
