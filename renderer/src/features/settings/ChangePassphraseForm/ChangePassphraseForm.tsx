import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { NewPassphraseFields, PassphraseField } from '../../../components/PassphraseField/PassphraseField.tsx';
import { EMPTY_NEW_PASSPHRASE, newPassphraseAlert } from '../../../components/PassphraseField/passphrase-check.ts';

/** Re-wraps the database key under a new passphrase (the data itself is not re-encrypted). */
export function ChangePassphraseForm(): React.JSX.Element {
  const { setStatus, reportError } = useSessionActions();
  const notify = useNotify();
  const [current, setCurrent] = useState('');
  const [pair, setPair] = useState(EMPTY_NEW_PASSPHRASE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setError(null);
    if (!current) return setError('Enter your current passphrase.');
    const problem = newPassphraseAlert(pair);
    if (problem) return setError(problem);
    const { next } = pair;
    setBusy(true);
    try {
      const status = await call('session.changePassphrase', { current, next });
      setCurrent('');
      setPair(EMPTY_NEW_PASSPHRASE);
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
        <NewPassphraseFields value={pair} onChange={setPair} testIds={{ next: 'pass-next', confirm: 'pass-confirm' }} />
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
