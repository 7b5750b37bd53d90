import { Badge, Skeleton, Table } from '@mantine/core';
import { memo, startTransition, useEffect, useState } from 'react';
import type { ClientSummary } from '@contract/clients.ts';
import { navigate } from '../../../app/use-route.ts';
import { formatRelative } from '../../../lib/format.ts';
import { DIET_LABELS, SEX_LABELS } from '../../../lib/labels.ts';
import classes from './ClientList.module.css';

const COLUMNS = ['Name', 'Age', 'Sex', 'Diet', 'Tags', 'Updated'] as const;
/**
 * Fixed column widths (a fixed table layout): rows added below the first ones never resize the columns,
 * so the rows already shown stay where they are and can be used while the list is still growing.
 */
const WIDTHS: Record<(typeof COLUMNS)[number], string> = {
  Name: '28%',
  Age: '8%',
  Sex: '10%',
  Diet: '16%',
  Tags: '22%',
  Updated: '16%',
};

function open(id: string): void {
  navigate({ name: 'client', id });
}

const ClientRow = memo(function ClientRow({ client }: { client: ClientSummary }): React.JSX.Element {
  return (
    <tr
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
      {/* Plain elements with classes for the row, its cells and their content: a Mantine component per
          cell costs its style resolution in every row, which adds up over hundreds of clients. The
          row's look (spacing, border, hover) follows the table's own variables in the CSS module. */}
      <td>
        <span className={classes.nameCell}>
          <span className={classes.name}>{client.name}</span>
          {client.archivedAt !== null && (
            <Badge size="xs" color="gray" variant="outline" data-testid="client-archived-badge">
              Archived
            </Badge>
          )}
        </span>
      </td>
      <td>{client.ageYears ?? '—'}</td>
      <td>{client.sex ? SEX_LABELS[client.sex] : '—'}</td>
      <td>{DIET_LABELS[client.dietPattern]}</td>
      <td>
        {client.tags.length > 0 && (
          <span className={classes.tags}>
            {client.tags.map((tag) => (
              <Badge key={tag} size="sm" variant="light" tt="none">
                {tag}
              </Badge>
            ))}
          </span>
        )}
      </td>
      <td>
        <span className={classes.dimmed}>{formatRelative(client.updatedAt)}</span>
      </td>
    </tr>
  );
});

/** Rows rendered at once when a list arrives; the rest follow in steps, a step per task. */
const FIRST_ROWS = 40;
const STEP_ROWS = 120;

/**
 * How many of `clients` to render: the first rows at once, then more in low-priority renders until all
 * are there, so the first rows can be used while a long list is still being added below them. A new
 * list (search, sort) starts again from the first rows.
 */
function useProgressiveCount(clients: ClientSummary[]): number {
  const [progress, setProgress] = useState({ list: clients, shown: FIRST_ROWS });
  const shown = progress.list === clients ? progress.shown : FIRST_ROWS;
  useEffect(() => {
    if (shown >= clients.length) return;
    const timer = setTimeout(() => {
      startTransition(() => setProgress({ list: clients, shown: shown + STEP_ROWS }));
    }, 0);
    return () => clearTimeout(timer);
  }, [clients, shown]);
  return Math.min(shown, clients.length);
}

/** The client table: a row per client, each opened by click, Enter or Space. */
export function ClientTable({ clients }: { clients: ClientSummary[] }): React.JSX.Element {
  const shown = useProgressiveCount(clients);
  return (
    // A plain scrolling box rather than Table.ScrollContainer: Mantine's scroll area watches its content
    // with resize observers that measure the layout each time rows are added, hundreds of times while
    // a long list grows.
    <div className={classes.scroll}>
      <Table
        miw={640}
        highlightOnHover
        verticalSpacing="sm"
        data-testid="clients-table"
        data-complete={shown === clients.length}
        aria-busy={shown < clients.length}
        layout="fixed"
      >
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((c) => (
              <Table.Th key={c} w={WIDTHS[c]}>
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.slice(0, shown).map((client) => (
            <ClientRow key={client.id} client={client} />
          ))}
        </Table.Tbody>
      </Table>
    </div>
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
