import { Skeleton, Stack } from '@mantine/core';
import type { ApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert.tsx';

interface RecordPendingProps {
  /** Why the record could not be loaded; null while it is loading. */
  error: ApiError | null;
  onRetry: () => void;
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
export function RecordPending({ error, onRetry, noun, blocks, testId }: RecordPendingProps): React.JSX.Element {
  if (error) {
    const notFound = error.code === 'not-found';
    return (
      <ErrorAlert
        title={notFound ? `${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)} not found` : `Could not load the ${noun}`}
        error={error}
        onRetry={notFound ? undefined : onRetry}
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
