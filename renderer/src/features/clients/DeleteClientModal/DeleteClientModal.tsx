import { Modal, Stack, Text } from '@mantine/core';
import type { Client } from '@contract/clients.ts';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { useMutation } from '../../../lib/query.ts';

interface DeleteClientModalProps {
  client: Client;
  opened: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

/** Asks before erasing a client; deletion cannot be undone. */
export function DeleteClientModal({ client, opened, onClose, onDeleted }: DeleteClientModalProps): React.JSX.Element {
  const action = useAction();
  const remove = useMutation('clients.delete', { invalidates: ['clients'] });

  const confirm = async (): Promise<void> => {
    if (await action.run(() => remove.run({ id: client.id }))) onDeleted();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Delete ${client.name}?`} data-testid="confirm-delete">
      <Stack>
        <Text size="sm">
          {client.name}’s personal data (name, birth date, contact details, allergies, tags and notes) will be erased
          and the client removed from every list. This cannot be undone. To keep the record but hide it from the list,
          archive the client instead.
        </Text>
        <FormActions
          error={action.error}
          busy={action.busy}
          onCancel={onClose}
          focusCancel
          confirmLabel="Delete permanently"
          onConfirm={() => void confirm()}
          confirmColor="red"
          testIds={{ error: 'confirm-delete-error', cancel: 'confirm-delete-cancel', confirm: 'confirm-delete-submit' }}
        />
      </Stack>
    </Modal>
  );
}
