import { Progress, Stack, Text } from '@mantine/core';
import { formatNumber } from '../../../lib/format.ts';
import { progressPercent } from '../../../components/ImportReportView/import-report-text.ts';
import type { ImportProgressEvent } from './use-import-progress.ts';

/** The running import: a bar from the core's progress events (indeterminate until the first one). */
export function ImportProgressBar({ progress }: { progress: ImportProgressEvent | null }): React.JSX.Element {
  const percent = progress ? progressPercent(progress.done, progress.total) : 0;
  return (
    <Stack gap={4} data-testid="foods-import-progress">
      <Progress
        value={progress ? percent : 100}
        animated={!progress || percent < 100}
        striped={!progress}
        aria-label="Import progress"
        aria-valuetext={progress ? `${percent} %` : 'Starting'}
      />
      <Text size="sm" c="dimmed" role="status">
        {progress
          ? `${progress.message} (${formatNumber(progress.done, 0)} of ${formatNumber(progress.total, 0)})`
          : 'Reading the file…'}
      </Text>
    </Stack>
  );
}
