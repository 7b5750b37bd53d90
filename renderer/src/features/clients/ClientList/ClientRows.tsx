import { Badge, Group, Skeleton, Table, Text } from '@mantine/core';
import type { ClientSummary } from '../../../../../core/api/schemas.ts';
import { navigate } from '../../../app/use-route.ts';
import { formatRelative } from '../../../lib/format.ts';
import { DIET_LABELS, SEX_LABELS } from '../../../lib/labels.ts';
import classes from './ClientList.module.css';

const COLUMNS = ['Name', 'Age', 'Sex', 'Diet', 'Tags', 'Updated'] as const;

function open(id: string): void {
  navigate({ name: 'client', id });
}

function ClientRow({ client }: { client: ClientSummary }): React.JSX.Element {
  return (
    <Table.Tr
      data-testid="client-row"
      className={classes.row}
      tabIndex={0}
      aria-label={`Open ${client.name}`}
      onClick={() => open(client.id)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open(client.id);
        }
      }}
    >
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text fw={500} size="sm">
            {client.name}
          </Text>
          {client.archivedAt !== null && (
            <Badge size="xs" color="gray" variant="outline" data-testid="client-archived-badge">
              Archived
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{client.ageYears ?? '—'}</Table.Td>
      <Table.Td>{client.sex ? SEX_LABELS[client.sex] : '—'}</Table.Td>
      <Table.Td>{DIET_LABELS[client.dietPattern]}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {client.tags.map((tag) => (
            <Badge key={tag} size="sm" variant="light">
              {tag}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {formatRelative(client.updatedAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** The client table: a row per client, each opened by click, Enter or Space. */
export function ClientTable({ clients }: { clients: ClientSummary[] }): React.JSX.Element {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="clients-table">
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.map((client) => (
            <ClientRow key={client.id} client={client} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Placeholder rows while the first answer is on its way. */
export function ClientTableSkeleton(): React.JSX.Element {
  return (
    <Table verticalSpacing="sm" aria-busy="true" aria-label="Loading clients" data-testid="clients-loading">
      <Table.Tbody>
        {[0, 1, 2, 3, 4].map((i) => (
          <Table.Tr key={i}>
            {COLUMNS.map((c) => (
              <Table.Td key={c}>
                <Skeleton height={14} radius="sm" />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
