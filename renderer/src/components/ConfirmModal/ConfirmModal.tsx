import { Stack } from '@mantine/core';
import { useSessionActions } from '../../lib/session-context.ts';
import { useFormRequest } from '../../lib/use-form-request.ts';
import { FormActions } from '../FormActions/FormActions.tsx';
import { AppModal } from '../AppModal/AppModal.tsx';

interface ConfirmModalProps<T> {
  /** What the dialog asks about; the dialog is open while there is one. */
  subject: T | null;
  onClose: () => void;
  /** The dialog's title and its buttons ("Cancel" unless `cancel` says otherwise). */
  labels: { title: string; confirm: string; cancel?: string };
  /** What the red button does, in a sentence or two. */
  children: React.ReactNode;
  /** The work behind the red button; when it throws, its message stays in the dialog. */
  onConfirm: (subject: T) => Promise<unknown>;
  centered?: boolean;
  /** "rule-delete" → rule-delete-dialog, rule-delete-error, rule-delete-cancel, rule-delete-confirm. */
  testIdPrefix: string;
}

/**
 * Asks before something that cannot be undone (deleting, discarding). The focus starts on Cancel; the
 * red button makes one call and the dialog shows its error, if any, above the buttons.
 */
export function ConfirmModal<T>(props: ConfirmModalProps<T>): React.JSX.Element {
  const { subject, onClose, labels, onConfirm, testIdPrefix: prefix } = props;
  const request = useFormRequest(useSessionActions().reportError);
  return (
    <AppModal opened={subject !== null} onClose={onClose} title={labels.title} centered={props.centered}>
      <Stack gap="sm" data-testid={`${prefix}-dialog`}>
        {props.children}
        <FormActions
          error={request.error}
          busy={request.busy}
          onCancel={onClose}
          cancelLabel={labels.cancel}
          focusCancel
          confirmLabel={labels.confirm}
          onConfirm={() =>
            subject !== null &&
            void request.send(async () => {
              await onConfirm(subject);
            })
          }
          confirmColor="red"
          testIds={{ error: `${prefix}-error`, cancel: `${prefix}-cancel`, confirm: `${prefix}-confirm` }}
        />
      </Stack>
    </AppModal>
  );
}
