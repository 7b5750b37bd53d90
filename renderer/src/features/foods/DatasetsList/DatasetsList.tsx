import { Card, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';

/** The food tables imported into this practice's database, with their counts and citations. */
export function DatasetsList(): React.JSX.Element {
  const query = useCall('foods.datasets', {});
  const datasets = query.data;
  return (
    <Card withBorder padding="lg" data-testid="foods-datasets">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Imported datasets
        </Title>
        {query.error && <ErrorAlert title="Could not load the datasets" error={query.error} onRetry={query.reload} />}
        {!datasets && !query.error && <Skeleton height={80} />}
        {datasets?.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="foods-datasets-empty">
            No dataset imported yet. The bundled USDA SR28 table is always available; import a national table (FDC CSV
            or any CSV) to add its foods.
          </Text>
        )}
        {datasets && datasets.length > 0 && (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Format</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Foods</Table.Th>
                <Table.Th>Imported</Table.Th>
                <Table.Th>Citation</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {datasets.map((d) => (
                <Table.Tr key={d.id} data-testid="foods-dataset">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {d.name}
                    </Text>
                    {d.fileName && (
                      <Text size="xs" c="dimmed">
                        {d.fileName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{d.format.toUpperCase()}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatNumber(d.foodCount, 0)}</Table.Td>
                  <Table.Td>{formatDateTime(d.importedAt)}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{d.citation ?? '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
