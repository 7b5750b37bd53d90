import { Alert, Text } from '@mantine/core';
import type { ApiError } from '../../../lib/api.ts';
import { errorTitle } from './sync-text.ts';

/** A sign-in or sync error that belongs to no field, titled by what it is about. */
export function SyncFormAlert({ error }: { error: ApiError | null }): React.JSX.Element | null {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={errorTitle(error.code)} data-testid="sync-error">
      <Text size="sm">{error.message}</Text>
    </Alert>
  );
}
