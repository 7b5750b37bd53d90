import { Code, Stack, Table, Text } from '@mantine/core';
import type { Recommendation } from '../../../lib/rule-types.ts';
import { valueRows } from '../../rules/rules-text.ts';

/** "Why?": the rule's condition and the client's values that made it true. */
export function WhyDetails({ recommendation, id }: { recommendation: Recommendation; id: string }): React.JSX.Element {
  const rows = valueRows(recommendation.values);
  return (
    <Stack gap="xs" id={id} data-testid="recommendation-why-details">
      <Text size="sm">{recommendation.rationale}</Text>
      <div>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          Condition
        </Text>
        <Code block data-testid="recommendation-condition">
          {recommendation.condition}
        </Code>
      </div>
      {rows.length > 0 ? (
        <Table withTableBorder striped fz="sm" data-testid="recommendation-values">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Value</Table.Th>
              <Table.Th>For this client</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.name} data-testid="recommendation-value" data-name={row.name}>
                <Table.Td>
                  <Code>{row.name}</Code>
                </Table.Td>
                <Table.Td>{row.text}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          The condition read no values.
        </Text>
      )}
    </Stack>
  );
}
