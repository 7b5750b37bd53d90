import { Button, Group } from '@mantine/core';
import { InlineError } from '../InlineError/InlineError.tsx';

interface FormActionsProps {
  /** A problem with the last attempt, shown in red above the buttons; nothing while null. */
  error?: string | null | undefined;
  busy: boolean;
  onCancel: () => void;
  cancelLabel?: string;
  /** What the main button says ("Save", "Delete", "Import despite allergy"). */
  confirmLabel: React.ReactNode;
  /** Runs on click; without it the main button submits the form around it. */
  onConfirm?: (() => void) | undefined;
  confirmColor?: string | undefined;
  confirmDisabled?: boolean | undefined;
  /** Starts the focus on Cancel, for dialogs whose main button cannot be undone. */
  focusCancel?: boolean;
  testIds?: { error?: string; cancel?: string; confirm?: string };
}

/**
 * The end of a form or dialog: the error of the last attempt, Cancel, and the main button. While busy,
 * Cancel is disabled and the main button shows that it is working.
 */
export function FormActions(props: FormActionsProps): React.JSX.Element {
  const { error, busy, onCancel, cancelLabel = 'Cancel', onConfirm, testIds = {} } = props;
  return (
    <>
      <InlineError message={error ?? null} testId={testIds.error ?? 'form-actions-error'} />
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={onCancel}
          disabled={busy}
          data-autofocus={props.focusCancel || undefined}
          data-testid={testIds.cancel}
        >
          {cancelLabel}
        </Button>
        <Button
          type={onConfirm ? 'button' : 'submit'}
          onClick={onConfirm}
          loading={busy}
          disabled={props.confirmDisabled}
          color={props.confirmColor}
          data-testid={testIds.confirm}
        >
          {props.confirmLabel}
        </Button>
      </Group>
    </>
  );
}
