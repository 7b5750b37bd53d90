import { Modal, Stack } from '@mantine/core';
import { useAction } from '../../lib/use-action.ts';
import { FormActions } from '../FormActions/FormActions.tsx';

interface ConfirmModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What the red button does, in a sentence or two. */
  children: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** The work behind the red button; when it throws, its message stays in the dialog. */
  onConfirm: () => Promise<unknown>;
  centered?: boolean;
  /** "rule-delete" → rule-delete-dialog, rule-delete-error, rule-delete-cancel, rule-delete-confirm. */
  testIdPrefix: string;
}

/**
 * Asks before something that cannot be undone (deleting, discarding). The focus starts on Cancel; the
 * red button makes one call and the dialog shows its error, if any, above the buttons.
 */
export function ConfirmModal(props: ConfirmModalProps): React.JSX.Element {
  const { opened, onClose, onConfirm, testIdPrefix: prefix } = props;
  const action = useAction();
  return (
    <Modal opened={opened} onClose={onClose} title={props.title} centered={props.centered}>
      <Stack gap="sm" data-testid={`${prefix}-dialog`}>
        {props.children}
        <FormActions
          error={action.error}
          busy={action.busy}
          onCancel={onClose}
          cancelLabel={props.cancelLabel}
          focusCancel
          confirmLabel={props.confirmLabel}
          onConfirm={() => void action.run(onConfirm)}
          confirmColor="red"
          testIds={{ error: `${prefix}-error`, cancel: `${prefix}-cancel`, confirm: `${prefix}-confirm` }}
        />
      </Stack>
    </Modal>
  );
}
