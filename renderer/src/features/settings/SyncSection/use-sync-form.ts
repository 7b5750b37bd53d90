import { useState, type FormEvent } from 'react';
import type { SyncStatus } from '@contract/sync.ts';
import type { ApiError } from '../../../lib/api.ts';
import { fieldErrorsFor, toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';

export interface SyncDefaults {
  serverUrl: string;
  email: string;
  deviceName: string;
}

/** What both sync forms are given. */
export interface SyncFormProps {
  /** Remembered from an earlier sign-in on this computer. */
  defaults: SyncDefaults;
}

export interface SyncForm<K extends string> {
  values: Record<K, string>;
  setValue: (key: K) => (value: string) => void;
  /** Value, change handler and error for a text input (its change hands over an event). */
  inputProps: (key: K) => {
    value: string;
    onChange: (event: { currentTarget: { value: string } }) => void;
    error: string | undefined;
  };
  /** The same for a passphrase field (its change hands over the value itself). */
  passphraseProps: (key: K) => { value: string; onChange: (value: string) => void; error: string | undefined };
  /** Messages shown on the fields (from the contract's `fields`, or checked here). */
  fieldErrors: Partial<Record<K, string>>;
  /** A problem that belongs to no field, shown in the form's alert. */
  error: ApiError | null;
  busy: boolean;
  submit: (event: FormEvent<HTMLFormElement>) => void;
}

/**
 * State of the sign-in and create-practice forms: values, field errors from the answer, the general
 * error, and the busy flag while the call runs (deriving the practice key takes about half a second).
 * `check` returns field errors found before sending (e.g. a confirmation that differs).
 */
export function useSyncForm<K extends string>(
  initial: Record<K, string>,
  send: (values: Record<K, string>) => Promise<SyncStatus>,
  check: (values: Record<K, string>) => Partial<Record<K, string>> = () => ({}),
): SyncForm<K> {
  const { reportError } = useSessionActions();
  const [values, setValues] = useState(initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<K, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = Object.keys(initial);

  const setValue =
    (key: K) =>
    (value: string): void => {
      setValues((v) => ({ ...v, [key]: value }));
      setFieldErrors((f) => ({ ...f, [key]: undefined }));
    };

  const run = async (): Promise<void> => {
    setError(null);
    const found = check(values);
    setFieldErrors(found);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    try {
      await send(values);
    } catch (e) {
      reportError(e);
      const apiError = toApiError(e);
      const fields = fieldErrorsFor(apiError);
      const known = Object.fromEntries(Object.entries(fields).filter(([k]) => keys.includes(k)));
      setFieldErrors(known as Partial<Record<K, string>>);
      // Every problem on a field: the fields say it. Anything else goes to the alert.
      const allOnFields = Object.keys(fields).length > 0 && Object.keys(fields).length === Object.keys(known).length;
      setError(allOnFields ? null : apiError);
      setBusy(false);
    }
  };

  return {
    values,
    setValue,
    inputProps: (key) => ({
      value: values[key],
      onChange: (event) => setValue(key)(event.currentTarget.value),
      error: fieldErrors[key],
    }),
    passphraseProps: (key) => ({ value: values[key], onChange: setValue(key), error: fieldErrors[key] }),
    fieldErrors,
    error,
    busy,
    submit: (event) => {
      event.preventDefault();
      void run();
    },
  };
}
