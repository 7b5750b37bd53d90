import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { formatRoute } from '../../../app/route.ts';
import { navigate } from '../../../app/use-route.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { TableHead } from '../../../components/TableHead/TableHead.tsx';
import { formatIsoDate } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import { setClientPageIntent } from '../../clients/client-page-intent.ts';
import { overdueText } from '../visit-text.ts';

const COLUMNS = ['Client', 'Follow-up due', { label: 'Overdue', align: 'right' as const }];

/** Opens a client's page on the Visits tab. */
export function openClientVisits(clientId: string): void {
  setClientPageIntent(clientId, { tab: 'visits' });
  navigate({ name: 'client', id: clientId });
}

/**
 * Clients whose agreed follow-up has passed with no visit since, most overdue first, each opening that
 * client's visits. Nothing is shown while there are none.
 */
export function OverdueFollowUps(): React.JSX.Element | null {
  const query = useCall('visits.overdue', {});
  if (query.error) {
    return (
      <ErrorAlert
        title="Could not check the follow-ups"
        error={query.error}
        onRetry={query.reload}
        testId="overdue-error"
      />
    );
  }
  const rows = query.data ? [...query.data].sort((a, b) => b.daysOverdue - a.daysOverdue) : [];
  if (rows.length === 0) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="overdue-title" data-testid="overdue-followups">
      <Stack gap="xs">
        <Title order={2} size="h4" id="overdue-title">
          Overdue follow-ups
        </Title>
        <Table verticalSpacing={4} data-testid="overdue-list">
          <TableHead columns={COLUMNS} />
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.visitId} data-testid="overdue-row" data-client-id={r.clientId}>
                <Table.Td>
                  <Anchor
                    href={formatRoute({ name: 'client', id: r.clientId })}
                    onClick={(e) => {
                      e.preventDefault();
                      openClientVisits(r.clientId);
                    }}
                    aria-label={`${r.clientName}: open their visits`}
                    data-testid="overdue-open"
                  >
                    {r.clientName}
                  </Anchor>
                </Table.Td>
                <Table.Td data-testid="overdue-due">{formatIsoDate(r.due)}</Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" c="red" data-testid="overdue-days">
                    {overdueText(r.daysOverdue)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
