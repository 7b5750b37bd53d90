import { Code, Text } from '@mantine/core';
import { ConfirmModal } from '../../../components/ConfirmModal/ConfirmModal.tsx';
import { useMutation } from '../../../lib/query.ts';

interface DeleteRuleModalProps {
  /** The user rule file to delete (its name in the rules folder); null closes the modal. */
  fileName: string | null;
  onClose: () => void;
  onDeleted: () => void;
}

/** Asks before deleting a user rule file; its past recommendations stay in the clients' records. */
export function DeleteRuleModal({ fileName, onClose, onDeleted }: DeleteRuleModalProps): React.JSX.Element {
  const deleteRule = useMutation('rules.deleteUserRule', {
    invalidates: ['rules.get', 'recommendations', 'reports'],
    updates: 'rules.list',
  });
  return (
    <ConfirmModal
      subject={fileName}
      onClose={onClose}
      labels={{ title: 'Delete this rule file?', confirm: 'Delete' }}
      onConfirm={(name) => deleteRule.run({ fileName: name }).then(onDeleted)}
      testIdPrefix="rule-delete"
    >
      <Text size="sm">
        <Code>{fileName}</Code> will be removed from your rules folder, with every rule it defines. This cannot be
        undone.
      </Text>
    </ConfirmModal>
  );
}
