import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Client } from '@contract/clients.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useMutation } from '../../../lib/query.ts';

interface DeleteClientModalProps {
  client: Client;
  opened: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

/** Asks before erasing a client; deletion cannot be undone. */
export function DeleteClientModal({ client, opened, onClose, onDeleted }: DeleteClientModalProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [busy, setBusy] = useState(false);
  const remove = useMutation('clients.delete', { invalidates: ['clients'] });
  const [error, setError] = useState<string | null>(null);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await remove.run({ id: client.id });
      onDeleted();
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Delete ${client.name}?`} data-testid="confirm-delete">
      <Stack>
        <Text size="sm">
          {client.name}’s personal data (name, birth date, contact details, allergies, tags and notes) will be erased
          and the client removed from every list. This cannot be undone. To keep the record but hide it from the list,
          archive the client instead.
        </Text>
        {error && (
          <Alert color="red" role="alert" data-testid="confirm-delete-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={onClose}
            disabled={busy}
            data-testid="confirm-delete-cancel"
            data-autofocus
          >
            Cancel
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={busy} data-testid="confirm-delete-submit">
            Delete permanently
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
