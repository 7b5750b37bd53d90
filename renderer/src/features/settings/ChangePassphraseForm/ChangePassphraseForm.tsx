import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { NewPassphraseFields, PassphraseField } from '../../../components/PassphraseField/PassphraseField.tsx';
import {
  checkNewPassphrase,
  MIN_PASSPHRASE_LENGTH,
  NEW_PASSPHRASE_LABELS,
} from '../../../components/PassphraseField/passphrase-check.ts';

/** Re-wraps the database key under a new passphrase (the data itself is not re-encrypted). */
export function ChangePassphraseForm(): React.JSX.Element {
  const { setStatus, reportError } = useSessionActions();
  const notify = useNotify();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setError(null);
    if (!current) return setError('Enter your current passphrase.');
    const { tooShort, mismatch } = checkNewPassphrase(next, confirm);
    if (tooShort) return setError(`Use at least ${MIN_PASSPHRASE_LENGTH} characters for the new passphrase.`);
    if (mismatch) return setError('The new passphrase and its confirmation differ.');
    setBusy(true);
    try {
      const status = await call('session.changePassphrase', { current, next });
      setCurrent('');
      setNext('');
      setConfirm('');
      notify({ message: 'Passphrase changed. Use the new one the next time you unlock.' });
      setStatus(status);
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Change passphrase">
      <Stack gap="sm" maw={420}>
        <Text size="sm" c="dimmed">
          The new passphrase cannot be recovered either; keep it somewhere safe.
        </Text>
        <PassphraseField label="Current passphrase" value={current} onChange={setCurrent} testId="pass-current" />
        <NewPassphraseFields
          next={next}
          confirm={confirm}
          onNextChange={setNext}
          onConfirmChange={setConfirm}
          labels={NEW_PASSPHRASE_LABELS}
          testIds={{ next: 'pass-next', confirm: 'pass-confirm' }}
          description={`At least ${MIN_PASSPHRASE_LENGTH} characters`}
        />
        {error && (
          <Alert color="red" role="alert" data-testid="pass-error">
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy} data-testid="pass-submit">
            Change passphrase
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
