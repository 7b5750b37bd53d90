import { Paper, Stack, Text, Title } from '@mantine/core';
import { useId, type FormEvent, type ReactNode } from 'react';

interface GateCardProps {
  /** The heading; a card that is a form is labelled by it. */
  title: ReactNode;
  maw: number;
  /** Makes the card a form (validated by the screen itself, so the browser's checks are off). */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  /** The data folder, named at the foot of the card. */
  dataDir?: string;
  testId?: string;
  children: ReactNode;
}

/** The centred card of a screen shown before the app opens (set up, unlock, recover, damaged database). */
export function GateCard({ title, maw, onSubmit, dataDir, testId, children }: GateCardProps): React.JSX.Element {
  const titleId = useId();
  const body = (
    <Stack>
      <Title order={1} size="h2" id={titleId}>
        {title}
      </Title>
      {children}
      {dataDir !== undefined && (
        <Text size="xs" c="dimmed">
          Data folder: {dataDir}
        </Text>
      )}
    </Stack>
  );
  return (
    <Paper withBorder shadow="sm" p="xl" maw={maw} w="100%" data-testid={testId}>
      {onSubmit ? (
        <form onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
          {body}
        </form>
      ) : (
        body
      )}
    </Paper>
  );
}
