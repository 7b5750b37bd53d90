import { Table } from '@mantine/core';

/** A column heading; numbers are set right, so their heading is too. */
export type TableColumn = string | { label: string; align: 'right' };

/** The heading row of a table, one cell a column (an empty string for a column without a heading). */
export function TableHead({ columns }: { columns: readonly TableColumn[] }): React.JSX.Element {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column, i) =>
          typeof column === 'string' ? (
            <Table.Th key={i}>{column}</Table.Th>
          ) : (
            <Table.Th key={i} ta={column.align}>
              {column.label}
            </Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
