import { Alert } from '@mantine/core';

/** A form's error sentence in a red alert, or nothing while there is none. */
export function InlineError({ message, testId }: { message: string | null; testId: string }): React.JSX.Element | null {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" data-testid={testId}>
      {message}
    </Alert>
  );
}
