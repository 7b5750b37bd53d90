import { Alert, Button, Group, Stack, Text } from '@mantine/core';

interface SaveProblemsProps {
  /** Errors to list (empty: no error box). */
  messages: string[];
  /** The server's implausible-value warning, offered with "Save anyway". */
  implausible: string | null;
  saving: boolean;
  onSaveAnyway: () => void;
  /** "Please check this entry" / "Please check this meal". */
  implausibleTitle: string;
  /** What else the practitioner can do, e.g. "or correct the values and save again." */
  correctHint: string;
  testIds: { error: string; implausible: string; saveAnyway: string };
}

/**
 * The error list and the implausible-value warning with "Save anyway", shared by every form whose save
 * can be refused as implausible (log entries, photo meals).
 */
export function SaveProblems(props: SaveProblemsProps): React.JSX.Element {
  const { messages, implausible, saving, onSaveAnyway, testIds } = props;
  return (
    <>
      {messages.length > 0 && (
        <Alert color="red" role="alert" data-testid={testIds.error}>
          {messages.map((m) => (
            <Text size="sm" key={m}>
              {m}
            </Text>
          ))}
        </Alert>
      )}
      {implausible && (
        <Alert color="yellow" title={props.implausibleTitle} role="alert" data-testid={testIds.implausible}>
          <Stack gap="xs">
            <Text size="sm">{implausible}</Text>
            <Group>
              <Button
                size="xs"
                color="yellow"
                variant="filled"
                onClick={onSaveAnyway}
                loading={saving}
                data-testid={testIds.saveAnyway}
              >
                Save anyway
              </Button>
              <Text size="xs" c="dimmed">
                {props.correctHint}
              </Text>
            </Group>
          </Stack>
        </Alert>
      )}
    </>
  );
}
