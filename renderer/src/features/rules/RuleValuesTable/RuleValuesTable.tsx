import { Code, Table } from '@mantine/core';
import type { ValueRow } from '../rules-text.ts';

interface RuleValuesTableProps {
  rows: ValueRow[];
  /** The two column headings: the value's name, then its value for the client. */
  headings: [string, string];
  caption?: string;
  /** The table's test id; each row gets `rowTestId` and its name in data-name. */
  testId: string;
  rowTestId: string;
}

/** The values a rule's condition read for one client, by name. */
export function RuleValuesTable({ rows, headings, caption, testId, rowTestId }: RuleValuesTableProps) {
  return (
    <Table withTableBorder striped fz="sm" data-testid={testId}>
      {caption && <Table.Caption>{caption}</Table.Caption>}
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{headings[0]}</Table.Th>
          <Table.Th>{headings[1]}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.name} data-testid={rowTestId} data-name={row.name}>
            <Table.Td>
              <Code>{row.name}</Code>
            </Table.Td>
            <Table.Td>{row.text}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
