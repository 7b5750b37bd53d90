import { Card, Skeleton, Table, Text, Title } from '@mantine/core';
import { TableHead } from '../../../components/TableHead/TableHead.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import { describeAuditEntry } from '../audit-text.ts';

const LIMIT = 50;

/** Who changed what on this record, newest first (from the audit log). */
export function ChangesList({ entityId }: { entityId: string }): React.JSX.Element {
  const query = useCall('audit.list', { entityId, limit: LIMIT });
  const entries = query.data;

  return (
    <Card withBorder padding="lg" data-testid="client-changes">
      <Title order={2} size="h4" mb="sm">
        Changes
      </Title>
      {query.error && <ErrorAlert title="Could not load the changes" error={query.error} onRetry={query.reload} />}
      {!entries && !query.error && <Skeleton height={80} />}
      {entries && entries.length === 0 && (
        <Text size="sm" c="dimmed">
          No changes recorded yet.
        </Text>
      )}
      {entries && entries.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs">
            <TableHead columns={['When', 'Who', 'What']} />
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id} data-testid="change-row">
                  <Table.Td>
                    <Text size="sm">{formatDateTime(entry.at)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{entry.actor}</Text>
                    <Text size="xs" c="dimmed">
                      {entry.host}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{describeAuditEntry(entry)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
