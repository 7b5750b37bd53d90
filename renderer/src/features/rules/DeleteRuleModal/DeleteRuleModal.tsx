import { Code, Modal, Stack, Text } from '@mantine/core';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { useMutation } from '../../../lib/query.ts';

interface DeleteRuleModalProps {
  /** The user rule file to delete (its name in the rules folder); null closes the modal. */
  fileName: string | null;
  onClose: () => void;
  onDeleted: () => void;
}

/** Asks before deleting a user rule file; its past recommendations stay in the clients' records. */
export function DeleteRuleModal({ fileName, onClose, onDeleted }: DeleteRuleModalProps): React.JSX.Element {
  const action = useAction();
  const deleteRule = useMutation('rules.deleteUserRule', {
    invalidates: ['rules.get', 'recommendations', 'reports'],
    updates: 'rules.list',
  });

  const confirm = async (name: string): Promise<void> => {
    if (await action.run(() => deleteRule.run({ fileName: name }))) onDeleted();
  };

  return (
    <Modal opened={fileName !== null} onClose={onClose} title="Delete this rule file?" data-testid="rule-delete-modal">
      <Stack>
        <Text size="sm">
          <Code>{fileName}</Code> will be removed from your rules folder, with every rule it defines. This cannot be
          undone.
        </Text>
        <FormActions
          error={action.error}
          busy={action.busy}
          onCancel={onClose}
          focusCancel
          confirmLabel="Delete"
          onConfirm={() => fileName && void confirm(fileName)}
          confirmColor="red"
          testIds={{ error: 'rule-delete-error', cancel: 'rule-delete-cancel', confirm: 'rule-delete-confirm' }}
        />
      </Stack>
    </Modal>
  );
}
