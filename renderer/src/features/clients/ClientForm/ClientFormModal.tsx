import type { Client } from '@contract/clients.ts';
import { ClientForm } from './ClientForm.tsx';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

interface ClientFormModalProps {
  opened: boolean;
  client?: Client;
  onClose: () => void;
  onSaved: (client: Client) => void;
}

/** The client form in a modal; the form is mounted fresh each time it opens. */
export function ClientFormModal({ opened, client, onClose, onSaved }: ClientFormModalProps): React.JSX.Element {
  return (
    <AppModal opened={opened} onClose={onClose} title={client ? `Edit ${client.name}` : 'New client'} size="lg">
      {opened && <ClientForm client={client} onSaved={onSaved} onCancel={onClose} />}
    </AppModal>
  );
}
