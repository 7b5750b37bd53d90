import { Alert, List, Stack, Text } from '@mantine/core';
import type { SyncResult } from '@contract/sync.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { describeProblem, errorTitle, summarizeResult } from './sync-text.ts';

/** What the last run did: sent, received, conflicts merged, what changed here, and why it stopped if it did. */
export function LastResult({ result }: { result: SyncResult }): React.JSX.Element {
  const summary = summarizeResult(result);
  return (
    <Stack gap="xs" data-testid="sync-last-result">
      <Text size="sm" fw={500}>
        Last run, {formatDateTime(result.at)}
      </Text>
      {result.error && (
        <Alert color="red" variant="light" role="alert" title={errorTitle(result.error.code)} data-testid="sync-error">
          <Text size="sm">{result.error.message}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            What was done before it stopped is kept; the next sync goes on from there.
          </Text>
        </Alert>
      )}
      <List size="sm" spacing={2}>
        <List.Item data-testid="sync-result-sent">{summary.sent}</List.Item>
        <List.Item data-testid="sync-result-received">{summary.received}</List.Item>
        <List.Item data-testid="sync-result-conflicts">{summary.conflicts}</List.Item>
        <List.Item data-testid="sync-result-changed">{summary.changed}</List.Item>
        {summary.problems && <List.Item data-testid="sync-result-problems">{summary.problems}</List.Item>}
      </List>
      {(result.problems ?? []).length > 0 && (
        <List size="sm" spacing={2} withPadding data-testid="sync-result-problem-list">
          {(result.problems ?? []).map((p) => (
            <List.Item key={`${p.table}/${p.id}/${p.field ?? ''}`}>{describeProblem(p)}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
