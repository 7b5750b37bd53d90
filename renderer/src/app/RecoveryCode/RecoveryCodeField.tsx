import { TextInput } from '@mantine/core';

interface RecoveryCodeFieldProps {
  value: string;
  onChange: (value: string) => void;
  testId: string;
  autoFocus?: boolean;
}

/** The recovery code as written down (shown, not hidden: it is long and typed from paper). */
export function RecoveryCodeField({ value, onChange, testId, autoFocus }: RecoveryCodeFieldProps): React.JSX.Element {
  return (
    <TextInput
      label="Recovery code"
      placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
      autoComplete="off"
      spellCheck={false}
      autoFocus={autoFocus}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid={testId}
    />
  );
}
