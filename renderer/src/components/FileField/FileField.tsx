import { Input } from '@mantine/core';
import { useId } from 'react';

interface FileFieldProps {
  label: string;
  description?: string;
  accept?: string;
  error?: string | null;
  disabled?: boolean;
  onChange: (file: File | null) => void;
  testId: string;
}

/**
 * A labelled native file input: keyboard- and screen-reader friendly as the browser made it, and a
 * real <input type=file> for tests to set files on.
 */
export function FileField({
  label,
  description,
  accept,
  error,
  disabled,
  onChange,
  testId,
}: FileFieldProps): React.JSX.Element {
  const id = useId();
  return (
    <Input.Wrapper label={label} description={description} error={error ?? undefined} id={id}>
      <input
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        style={{ display: 'block', marginTop: 4, font: 'inherit', color: 'inherit' }}
      />
    </Input.Wrapper>
  );
}
