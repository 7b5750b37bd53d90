import { Skeleton, Stack } from '@mantine/core';
import type { Query } from '../../lib/query.ts';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert.tsx';

interface RecordPendingProps {
  /** The record's query, before it has an answer. */
  query: Pick<Query<unknown>, 'error' | 'reload'>;
  /** "client" → "Client not found", "Could not load the client", "Loading the client". */
  noun: string;
  /** The placeholder's blocks while loading, the first for the title. */
  blocks: { height: number; width?: string }[];
  testId: string;
}

/**
 * A page of one record that is not there yet: its placeholder while it loads, or why it could not be
 * loaded (a record that no longer exists has nothing to retry).
 */
export function RecordPending({ query, noun, blocks, testId }: RecordPendingProps): React.JSX.Element {
  const { error } = query;
  if (error) {
    const notFound = error.code === 'not-found';
    return (
      <ErrorAlert
        title={notFound ? `${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)} not found` : `Could not load the ${noun}`}
        error={error}
        onRetry={notFound ? undefined : query.reload}
      />
    );
  }
  return (
    <Stack aria-busy="true" aria-label={`Loading the ${noun}`} data-testid={testId}>
      {blocks.map((b, i) => (
        <Skeleton key={i} height={b.height} width={b.width} />
      ))}
    </Stack>
  );
}
