import { Button, CloseButton, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { batchCounts, cancelPhotoBatch, dismissPhotoErrors, type Batch } from '../photo-batch-store.ts';
import { progressPercent, progressText } from '../photo-text.ts';

/** The running (or last) batch: a bar with "Analysing 3 of 12…", Cancel, and the files that failed. */
export function BatchProgress({ clientId, batch }: { clientId: string; batch: Batch }): React.JSX.Element | null {
  const counts = batchCounts(batch);
  // The files of the newest drop that failed (an earlier drop's errors go when a new one starts).
  const failed = batch.files.slice(batch.runFrom).filter((f) => f.status === 'failed');
  if (counts.total === 0 && failed.length === 0) return null;
  const percent = progressPercent(counts);
  const text = progressText(counts);
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        {counts.total > 0 && (
          <Group gap="sm" wrap="nowrap" data-testid="photos-progress">
            <Stack gap={4} style={{ flex: 1 }}>
              <Progress
                value={percent}
                animated={counts.running}
                color={counts.failed > 0 && !counts.running ? 'yellow' : 'blue'}
                aria-label="Photo analysis progress"
                aria-valuetext={text}
              />
              <Text size="sm" role="status" data-testid="photos-progress-text">
                {text}
              </Text>
            </Stack>
            {counts.running && (
              <Button
                variant="default"
                size="xs"
                onClick={() => cancelPhotoBatch(clientId)}
                disabled={batch.cancelled}
                data-testid="photos-cancel"
              >
                {batch.cancelled ? 'Stopping…' : 'Cancel'}
              </Button>
            )}
          </Group>
        )}
        {failed.length > 0 && (
          <Stack gap={4} role="alert" aria-label="Photos that could not be analysed">
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600} c="red">
                {failed.length === 1 ? 'This file could not be analysed:' : 'These files could not be analysed:'}
              </Text>
              <CloseButton
                size="sm"
                aria-label="Dismiss the errors"
                onClick={() => dismissPhotoErrors(clientId)}
                data-testid="photo-errors-dismiss"
              />
            </Group>
            <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {failed.map((f) => (
                <Text component="li" size="sm" key={f.key} data-testid="photo-error">
                  <Text span fw={500}>
                    {f.fileName}
                  </Text>
                  : {f.error}
                </Text>
              ))}
            </Stack>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
