import { Text } from '@mantine/core';
import type { Client } from '@contract/clients.ts';
import { ConfirmModal } from '../../../components/ConfirmModal/ConfirmModal.tsx';
import { useMutation } from '../../../lib/query.ts';

interface DeleteClientModalProps {
  client: Client;
  opened: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

/** Asks before erasing a client; deletion cannot be undone. */
export function DeleteClientModal({ client, opened, onClose, onDeleted }: DeleteClientModalProps): React.JSX.Element {
  const remove = useMutation('clients.delete', { invalidates: ['clients'] });
  return (
    <ConfirmModal
      subject={opened ? client : null}
      onClose={onClose}
      labels={{ title: `Delete ${client.name}?`, confirm: 'Delete permanently' }}
      onConfirm={(c) => remove.run({ id: c.id }).then(onDeleted)}
      testIdPrefix="client-delete"
    >
      <Text size="sm">
        {client.name}’s personal data (name, birth date, contact details, allergies, tags and notes) will be erased and
        the client removed from every list. This cannot be undone. To keep the record but hide it from the list, archive
        the client instead.
      </Text>
    </ConfirmModal>
  );
}
