import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '@contract/session.ts';
import { call } from '../../lib/api.ts';
import { toApiError } from '../../lib/errors.ts';
import { RecoveryCodeCard } from './RecoveryCodeCard.tsx';
import { NewPassphraseFields } from '../../components/PassphraseField/PassphraseField.tsx';
import { EMPTY_NEW_PASSPHRASE, newPassphraseAlert } from '../../components/PassphraseField/passphrase-check.ts';

interface RecoverFormProps {
  onDone: (status: SessionStatus) => void;
  onHold: (on: boolean) => void;
  onCancel: () => void;
}

/** Forgotten passphrase or lost keychain: open the data with the recovery code and choose a new passphrase. */
export function RecoverForm({ onDone, onHold, onCancel }: RecoverFormProps): React.JSX.Element {
  const [code, setCode] = useState('');
  const [pair, setPair] = useState(EMPTY_NEW_PASSPHRASE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<{ status: SessionStatus; recoveryCode: string } | null>(null);

  if (answer) {
    return (
      <RecoveryCodeCard
        code={answer.recoveryCode}
        intro="The data is open and your new passphrase is set. The recovery code you used no longer works; this is your new one."
        onConfirmed={() => onDone(answer.status)}
      />
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setError(null);
    if (!code.trim()) return setError('Enter your recovery code.');
    const problem = newPassphraseAlert(pair);
    if (problem) return setError(problem);
    const { next } = pair;
    setBusy(true);
    onHold(true);
    try {
      const { recoveryCode, ...status } = await call('session.recover', { recoveryCode: code, next });
      setCode('');
      setAnswer({ status, recoveryCode });
    } catch (e) {
      setError(toApiError(e).message);
      onHold(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder shadow="sm" p="xl" maw={480} w="100%">
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="recover-title">
        <Stack>
          <Title order={1} size="h2" id="recover-title">
            Use your recovery code
          </Title>
          <Text size="sm">
            Enter the recovery code you wrote down when you set up the app, and choose a new passphrase. You will get a
            new recovery code.
          </Text>
          <TextInput
            label="Recovery code"
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            data-testid="recover-code"
          />
          <NewPassphraseFields
            value={pair}
            onChange={setPair}
            testIds={{ next: 'recover-next', confirm: 'recover-confirm' }}
          />
          {error && (
            <Alert color="red" role="alert" data-testid="recover-error">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={busy} data-testid="recover-submit">
            Open the data and set the passphrase
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={onCancel} data-testid="recover-cancel">
            Back to the passphrase
          </Anchor>
        </Stack>
      </form>
    </Paper>
  );
}
