import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useMutation } from '../../../lib/query.ts';

interface DeleteRuleModalProps {
  /** The user rule file to delete (its name in the rules folder); null closes the modal. */
  fileName: string | null;
  onClose: () => void;
  onDeleted: () => void;
}

/** Asks before deleting a user rule file; its past recommendations stay in the clients' records. */
export function DeleteRuleModal({ fileName, onClose, onDeleted }: DeleteRuleModalProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [busy, setBusy] = useState(false);
  const deleteRule = useMutation('rules.deleteUserRule', {
    invalidates: ['rules.get', 'recommendations', 'reports'],
    updates: 'rules.list',
  });
  const [error, setError] = useState<string | null>(null);

  const confirm = async (name: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await deleteRule.run({ fileName: name });
      onDeleted();
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={fileName !== null} onClose={onClose} title="Delete this rule file?" data-testid="rule-delete-modal">
      <Stack>
        <Text size="sm">
          <Code>{fileName}</Code> will be removed from your rules folder, with every rule it defines. This cannot be
          undone.
        </Text>
        {error && (
          <Alert color="red" role="alert" data-testid="rule-delete-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus data-testid="rule-delete-cancel">
            Cancel
          </Button>
          <Button
            color="red"
            onClick={() => fileName && void confirm(fileName)}
            loading={busy}
            data-testid="rule-delete-confirm"
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
