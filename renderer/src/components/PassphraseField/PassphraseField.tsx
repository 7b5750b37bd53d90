import { PasswordInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { MIN_PASSPHRASE_LENGTH, NEW_PASSPHRASE_LABELS, type NewPassphrase } from './passphrase-check.ts';

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
  value: NewPassphrase;
  onChange: (value: NewPassphrase) => void;
  testIds: { next: string; confirm: string };
  /** Default: the database passphrase's ("New passphrase", "Confirm new passphrase"). */
  labels?: { next: string; confirm: string };
  /** Under the first field; default: the database passphrase's minimum length. */
  description?: ReactNode;
  errors?: { next?: ReactNode; confirm?: ReactNode };
  autoFocus?: boolean;
  required?: boolean;
}

/** A passphrase being chosen and its confirmation; the form checks them with checkNewPassphrase. */
export function NewPassphraseFields({
  value,
  onChange,
  testIds,
  labels = NEW_PASSPHRASE_LABELS,
  description = `At least ${MIN_PASSPHRASE_LENGTH} characters`,
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
        value={value.next}
        onChange={(next) => onChange({ ...value, next })}
        error={errors.next}
        testId={testIds.next}
      />
      <PassphraseField
        label={labels.confirm}
        autoComplete="new-password"
        required={required}
        value={value.confirm}
        onChange={(confirm) => onChange({ ...value, confirm })}
        error={errors.confirm}
        testId={testIds.confirm}
      />
    </>
  );
}
