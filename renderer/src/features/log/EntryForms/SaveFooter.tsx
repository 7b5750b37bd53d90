import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { SaveEntry } from './use-save-entry.ts';

interface SaveFooterProps {
  state: SaveEntry;
  onCancel: () => void;
  /** Field errors the form does not show beside a field. */
  unshownErrors: string[];
}

/** Errors, the implausible-value warning with "Save anyway", and the form's buttons. */
export function SaveFooter({ state, onCancel, unshownErrors }: SaveFooterProps): React.JSX.Element {
  const messages = [...(state.generalError ? [state.generalError] : []), ...unshownErrors];
  return (
    <Stack gap="sm">
      {messages.length > 0 && (
        <Alert color="red" role="alert" data-testid="log-error">
          {messages.map((m) => (
            <Text size="sm" key={m}>
              {m}
            </Text>
          ))}
        </Alert>
      )}
      {state.implausible && (
        <Alert color="yellow" title="Please check this entry" role="alert" data-testid="log-implausible">
          <Stack gap="xs">
            <Text size="sm">{state.implausible}</Text>
            <Group>
              <Button
                size="xs"
                color="yellow"
                variant="filled"
                onClick={() => void state.saveAnyway()}
                loading={state.saving}
                data-testid="log-save-anyway"
              >
                Save anyway
              </Button>
              <Text size="xs" c="dimmed">
                or correct the values and save again.
              </Text>
            </Group>
          </Stack>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={state.saving} data-testid="log-cancel">
          Cancel
        </Button>
        <Button type="submit" loading={state.saving} data-testid="log-save">
          Save
        </Button>
      </Group>
    </Stack>
  );
}
