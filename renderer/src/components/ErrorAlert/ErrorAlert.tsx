import { Alert, Button, Group, Text } from '@mantine/core';
import type { ApiError } from '../../lib/api.ts';

interface ErrorAlertProps {
  error: ApiError;
  title?: string;
  onRetry?: () => void;
  testId?: string;
}

/** An API error as a sentence, with a retry button when the view can try again. */
export function ErrorAlert({
  error,
  title = 'Something went wrong',
  onRetry,
  testId = 'error-alert',
}: ErrorAlertProps): React.JSX.Element {
  return (
    <Alert color="red" variant="light" title={title} data-testid={testId} role="alert">
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm">{error.message}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry} data-testid={`${testId}-retry`}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}
