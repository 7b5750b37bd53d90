import { Skeleton } from '@mantine/core';
import type { Query } from '../../lib/query.ts';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert.tsx';

interface QueryPendingProps {
  query: Query<unknown>;
  /** The alert's title when the first load fails, e.g. "Could not read the backups". */
  errorTitle: string;
  /** Read out while the first load runs, e.g. "Loading the backups". */
  loadingLabel: string;
  height?: number;
}

/**
 * What a section shows before its first answer: a placeholder while it loads, the error with "Try
 * again" when it failed; nothing once there is data (a failed reload keeps the data on screen).
 */
export function QueryPending({
  query,
  errorTitle,
  loadingLabel,
  height = 120,
}: QueryPendingProps): React.JSX.Element | null {
  if (query.data !== undefined) return null;
  if (query.error) return <ErrorAlert title={errorTitle} error={query.error} onRetry={query.reload} />;
  return <Skeleton height={height} aria-label={loadingLabel} />;
}
