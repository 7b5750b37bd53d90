import { Button, Group, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call } from '../../../lib/api.ts';
import { useFormRequest } from '../../../lib/use-form-request.ts';
import { InlineError } from '../../../components/InlineError/InlineError.tsx';
import { useSessionActions } from '../../../lib/session-context.ts';
import { NewPassphraseFields, PassphraseField } from '../../../components/PassphraseField/PassphraseField.tsx';
import { EMPTY_NEW_PASSPHRASE, newPassphraseAlert } from '../../../components/PassphraseField/passphrase-check.ts';

/** Re-wraps the database key under a new passphrase (the data itself is not re-encrypted). */
export function ChangePassphraseForm(): React.JSX.Element {
  const { setStatus, reportError } = useSessionActions();
  const notify = useNotify();
  const [current, setCurrent] = useState('');
  const [pair, setPair] = useState(EMPTY_NEW_PASSPHRASE);
  const { busy, error, setError, send } = useFormRequest(reportError);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!current) return setError('Enter your current passphrase.');
    const problem = newPassphraseAlert(pair);
    if (problem) return setError(problem);
    const { next } = pair;
    await send(async () => {
      const status = await call('session.changePassphrase', { current, next });
      setCurrent('');
      setPair(EMPTY_NEW_PASSPHRASE);
      notify({ message: 'Passphrase changed. Use the new one the next time you unlock.' });
      setStatus(status);
    });
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Change passphrase">
      <Stack gap="sm" maw={420}>
        <Text size="sm" c="dimmed">
          The new passphrase cannot be recovered either; keep it somewhere safe.
        </Text>
        <PassphraseField label="Current passphrase" value={current} onChange={setCurrent} testId="pass-current" />
        <NewPassphraseFields value={pair} onChange={setPair} testIds={{ next: 'pass-next', confirm: 'pass-confirm' }} />
        <InlineError message={error} testId="pass-error" />
        <Group>
          <Button type="submit" loading={busy} data-testid="pass-submit">
            Change passphrase
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
