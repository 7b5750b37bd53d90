import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';

const MIN_LENGTH = 10;

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
    if (next.length < MIN_LENGTH) return setError(`Use at least ${MIN_LENGTH} characters for the new passphrase.`);
    if (next !== confirm) return setError('The new passphrase and its confirmation differ.');
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
        <PasswordInput
          label="Current passphrase"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          data-testid="pass-current"
        />
        <PasswordInput
          label="New passphrase"
          description={`At least ${MIN_LENGTH} characters`}
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          data-testid="pass-next"
        />
        <PasswordInput
          label="Confirm new passphrase"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          data-testid="pass-confirm"
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
