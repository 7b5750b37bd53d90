import { PasswordInput } from '@mantine/core';
import type { ReactNode } from 'react';

interface PassphraseFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  description?: ReactNode;
  error?: ReactNode;
  /** 'current-password' (default) for one that is asked for, 'new-password' for one being chosen. */
  autoComplete?: 'current-password' | 'new-password' | 'off';
  autoFocus?: boolean;
  required?: boolean;
}

/** One passphrase or password input (hidden, with the show/hide toggle). */
export function PassphraseField({
  label,
  value,
  onChange,
  testId,
  autoComplete = 'current-password',
  ...rest
}: PassphraseFieldProps): React.JSX.Element {
  return (
    <PasswordInput
      label={label}
      autoComplete={autoComplete}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid={testId}
      {...rest}
    />
  );
}

interface NewPassphraseFieldsProps {
  next: string;
  confirm: string;
  onNextChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  labels: { next: string; confirm: string };
  testIds: { next: string; confirm: string };
  description?: ReactNode;
  errors?: { next?: ReactNode; confirm?: ReactNode };
  autoFocus?: boolean;
  required?: boolean;
}

/** A passphrase being chosen and its confirmation; the form checks them with checkNewPassphrase. */
export function NewPassphraseFields({
  next,
  confirm,
  onNextChange,
  onConfirmChange,
  labels,
  testIds,
  description,
  errors = {},
  autoFocus,
  required,
}: NewPassphraseFieldsProps): React.JSX.Element {
  return (
    <>
      <PassphraseField
        label={labels.next}
        description={description}
        autoComplete="new-password"
        required={required}
        autoFocus={autoFocus}
        value={next}
        onChange={onNextChange}
        error={errors.next}
        testId={testIds.next}
      />
      <PassphraseField
        label={labels.confirm}
        autoComplete="new-password"
        required={required}
        value={confirm}
        onChange={onConfirmChange}
        error={errors.confirm}
        testId={testIds.confirm}
      />
    </>
  );
}
