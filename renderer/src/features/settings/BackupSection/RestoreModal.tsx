import { Alert, Button, Group, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { MethodOutput } from '@contract/index.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { formatBackupDate, restoreWarning } from './backup-text.ts';
import { useMutation } from '../../../lib/query.ts';
import { CLIENT_DATA } from '../../../lib/use-query-events.ts';
import { PassphraseField } from '../../../components/PassphraseField/PassphraseField.tsx';
import { InlineError } from '../../../components/InlineError/InlineError.tsx';
import { BusyNote } from '../../../components/BusyNote/BusyNote.tsx';
import { useFormRequest } from '../../../lib/use-form-request.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

type Backup = MethodOutput<'backup.list'>['backups'][number];
export type RestoreResult = MethodOutput<'backup.restore'>;

interface RestoreModalProps {
  backup: Backup | null;
  onClose: () => void;
  onRestored: (result: RestoreResult) => void;
}

export function RestoreModal({ backup, onClose, onRestored }: RestoreModalProps): React.JSX.Element {
  return (
    <AppModal opened={backup !== null} onClose={onClose} title="Restore a backup">
      {backup && <RestoreForm key={backup.fileName} backup={backup} onClose={onClose} onRestored={onRestored} />}
    </AppModal>
  );
}

/** Asks for the passphrase that was current when the backup was made, then restores it. */
function RestoreForm({ backup, onClose, onRestored }: RestoreModalProps & { backup: Backup }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [passphrase, setPassphrase] = useState('');
  // Every answer in the cache came from the database the restore replaces.
  const restore = useMutation('backup.restore', { invalidates: [...CLIENT_DATA, 'backup', 'settings', 'rules'] });
  const { busy, error, setError, send } = useFormRequest(reportError);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!passphrase) return setError('Enter the passphrase that was current when the backup was made.');
    await send(async () => {
      const result = await restore.run({ fileName: backup.fileName, passphrase });
      setPassphrase('');
      onRestored(result);
    });
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Restore a backup">
      <Stack gap="sm">
        <Alert color="yellow" data-testid="restore-warning">
          {restoreWarning(formatBackupDate(backup.createdAt))}
        </Alert>
        <PassphraseField
          label="Passphrase"
          description="The passphrase that was current when the backup was made"
          autoFocus
          value={passphrase}
          onChange={setPassphrase}
          testId="restore-passphrase"
        />
        <InlineError message={error} testId="restore-error" />
        <BusyNote busy={busy}>Checking the backup and restoring it…</BusyNote>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={busy} data-testid="restore-confirm">
            Restore
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
