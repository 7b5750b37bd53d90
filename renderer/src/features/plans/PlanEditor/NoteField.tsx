import { Textarea } from '@mantine/core';
import { useState } from 'react';

interface NoteFieldProps {
  label: string;
  /** The saved note. */
  value: string;
  /** Saves a changed note when the field is left. */
  onSave: (text: string) => void;
  disabled?: boolean;
  testId: string;
}

/** A note on a day or a meal, saved when the field is left with a change. */
export function NoteField({ label, value, onSave, disabled, testId }: NoteFieldProps): React.JSX.Element {
  const [text, setText] = useState(value);
  const [saved, setSaved] = useState(value);
  // A note changed elsewhere (a copied day, a new version) replaces what is shown, unless being typed.
  if (value !== saved) {
    setSaved(value);
    setText(value);
  }
  return (
    <Textarea
      aria-label={label}
      placeholder={label}
      rows={1}
      resize="vertical"
      maxLength={2000}
      value={text}
      disabled={disabled}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={() => text.trim() !== value.trim() && onSave(text.trim())}
      data-testid={testId}
    />
  );
}
