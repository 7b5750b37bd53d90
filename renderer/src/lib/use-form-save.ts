import { useState } from 'react';
import type { ApiError } from './api.ts';
import { generalMessage, toApiError } from './errors.ts';
import { useSessionActions } from './session-context.ts';

/** A refusal's field messages under the form's own keys, and the keys the form shows beside a field. */
export interface FieldErrors {
  fields: Record<string, string>;
  shown: readonly string[];
}

export interface FormSave<T> {
  /** Sends what `send` sends; its answer goes to `onSaved`, a refusal to `errors` and `generalError`. */
  save: (send: () => Promise<T>) => Promise<void>;
  saving: boolean;
  /** The core's messages by form field. */
  errors: Record<string, string>;
  /** The sentence for the form's alert: the message, or a pointer to the fields marked in red. */
  generalError: string | null;
}

/**
 * The saving state of a form that sends everything at once: busy while the call runs, and on a
 * refusal each field's message beside that field and one sentence above the buttons.
 */
export function useFormSave<T>(
  onSaved: (result: T) => void,
  fieldErrors: (error: ApiError) => FieldErrors,
): FormSave<T> {
  const { reportError } = useSessionActions();
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);

  const save = async (send: () => Promise<T>): Promise<void> => {
    setSaving(true);
    setErrors({});
    setGeneralError(null);
    try {
      onSaved(await send());
    } catch (e) {
      reportError(e);
      const error = toApiError(e);
      const { fields, shown } = fieldErrors(error);
      setErrors(fields);
      setGeneralError(generalMessage(error, fields, shown));
      setSaving(false);
    }
  };

  return { save, saving, errors, generalError };
}
