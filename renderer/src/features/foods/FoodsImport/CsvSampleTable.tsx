import { ScrollArea, Table, Text } from '@mantine/core';
import { formatNumber } from '../../../lib/format.ts';
import { delimiterName } from './import-mapping.ts';

interface CsvSampleTableProps {
  headers: string[];
  rows: string[][];
  rowCount: number;
  delimiter: string;
}

/** The first rows of the file as read, so the mapping can be checked against real values. */
export function CsvSampleTable({ headers, rows, rowCount, delimiter }: CsvSampleTableProps): React.JSX.Element {
  return (
    <div data-testid="foods-import-sample">
      <Text size="sm" c="dimmed" mb={4}>
        {formatNumber(rowCount, 0)} data rows, {headers.length} columns, separated by {delimiterName(delimiter)}. First
        rows:
      </Text>
      <ScrollArea type="auto" offsetScrollbars>
        <Table withTableBorder striped fz="xs" style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              {headers.map((h, i) => (
                <Table.Th key={`${h}:${i}`}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, r) => (
              <Table.Tr key={r}>
                {headers.map((_, c) => (
                  <Table.Td key={c}>{row[c] ?? ''}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </div>
  );
}
