import { Badge, Table, Text } from '@mantine/core';
import type { DayExtra } from '@contract/log.ts';
import { TableHead } from '../../../components/TableHead/TableHead.tsx';
import { extraReferenceText, extraValueText } from '../dashboard-text.ts';

const COLUMNS = ['Nutrient', { label: 'Intake', align: 'right' as const }, 'Reference', 'Status'];

/**
 * Caffeine and alcohol on the day. Neither has a target; a published reference amount shows where one
 * applies to the client (pregnancy and breastfeeding included), and a badge when the day is above it.
 */
export function ExtrasTable({ extras, dietEntries }: { extras: readonly DayExtra[]; dietEntries: number }) {
  if (extras.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} data-testid="dashboard-extras" aria-label="Caffeine and alcohol">
        <TableHead columns={COLUMNS} />
        <Table.Tbody>
          {extras.map((x) => (
            <Table.Tr key={x.key} data-testid={`extra-row-${x.key}`}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {x.label}
                </Text>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                <Text size="sm" data-testid={`extra-value-${x.key}`}>
                  {extraValueText(x, dietEntries)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" data-testid={`extra-reference-${x.key}`}>
                  {extraReferenceText(x)}
                </Text>
              </Table.Td>
              <Table.Td>
                {x.aboveReference && (
                  <Badge color="red" variant="filled" data-testid={`extra-badge-${x.key}`}>
                    Above reference
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
