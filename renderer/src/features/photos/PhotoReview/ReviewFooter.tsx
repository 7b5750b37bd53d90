import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { SavePhoto } from './use-save-photo.ts';

interface ReviewFooterProps {
  state: SavePhoto;
  /** Problems found before sending (an item without a food or an amount). */
  localError: string | null;
  onDiscard: () => void;
}

/** Errors, the implausible-amount warning with "Save anyway", and Discard / Save meal. */
export function ReviewFooter({ state, localError, onDiscard }: ReviewFooterProps): React.JSX.Element {
  const messages = [localError, state.generalError].filter((m): m is string => Boolean(m));
  return (
    <Stack gap="sm">
      {messages.length > 0 && (
        <Alert color="red" role="alert" data-testid="photo-save-error">
          {messages.map((m) => (
            <Text size="sm" key={m}>
              {m}
            </Text>
          ))}
        </Alert>
      )}
      {state.implausible && (
        <Alert color="yellow" title="Please check this meal" role="alert" data-testid="photo-implausible">
          <Stack gap="xs">
            <Text size="sm">{state.implausible}</Text>
            <Group>
              <Button
                size="xs"
                color="yellow"
                onClick={() => void state.saveAnyway()}
                loading={state.saving}
                data-testid="photo-save-anyway"
              >
                Save anyway
              </Button>
              <Text size="xs" c="dimmed">
                or correct the amounts and save again.
              </Text>
            </Group>
          </Stack>
        </Alert>
      )}
      <Group justify="space-between">
        <Button variant="subtle" color="red" onClick={onDiscard} disabled={state.saving} data-testid="photo-discard">
          Discard photo
        </Button>
        <Button type="submit" loading={state.saving} data-testid="photo-save">
          Save meal
        </Button>
      </Group>
    </Stack>
  );
}
