import { Textarea } from '@mantine/core';

interface AllergyReasonFieldProps {
  /** "Reason for saving despite the allergy", "… copying …", "… importing …". */
  label: string;
  value: string;
  onChange: (reason: string) => void;
  description?: string;
  placeholder?: string;
  error?: string | undefined;
  disabled?: boolean | undefined;
  testId: string;
}

/** The practitioner's reason for keeping a food the client is allergic to (required, kept with the entry). */
export function AllergyReasonField({ value, onChange, testId, ...rest }: AllergyReasonFieldProps) {
  return (
    <Textarea
      {...rest}
      autosize
      minRows={1}
      maxLength={500}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid={testId}
    />
  );
}
