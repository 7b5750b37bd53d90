import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '@contract/session.ts';
import { call } from '../../lib/api.ts';
import { toApiError } from '../../lib/errors.ts';
import { RecoveryCodeCard } from '../RecoveryCode/RecoveryCodeCard.tsx';
import { NewPassphraseFields } from '../../components/PassphraseField/PassphraseField.tsx';
import {
  checkNewPassphrase,
  EMPTY_NEW_PASSPHRASE,
  MIN_PASSPHRASE_LENGTH,
} from '../../components/PassphraseField/passphrase-check.ts';

interface SetupScreenProps {
  status: SessionStatus;
  onDone: (status: SessionStatus) => void;
  /** Keeps this screen up while the recovery code is shown, though the core is already unlocked. */
  onHold: (on: boolean) => void;
}

/** First start: choose the passphrase that derives the database key. */
export function SetupScreen({ status, onDone, onHold }: SetupScreenProps): React.JSX.Element {
  const [pair, setPair] = useState(EMPTY_NEW_PASSPHRASE);
  const passphrase = pair.next;
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [done, setDone] = useState<{ status: SessionStatus; recoveryCode: string } | null>(null);

  const { tooShort, mismatch } = checkNewPassphrase(pair.next, pair.confirm);
  const passError = touched && tooShort ? `Use at least ${MIN_PASSPHRASE_LENGTH} characters.` : null;
  const confirmError = touched && !tooShort && mismatch ? 'The two passphrases differ.' : null;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    setServerError(null);
    if (tooShort || mismatch) return;
    setBusy(true);
    onHold(true);
    try {
      const { recoveryCode, ...next } = await call('session.setup', { passphrase });
      setPair(EMPTY_NEW_PASSPHRASE);
      setDone({ status: next, recoveryCode });
    } catch (e) {
      setServerError(toApiError(e).message);
      setBusy(false);
      onHold(false);
    }
  };

  if (done) {
    return (
      <RecoveryCodeCard
        code={done.recoveryCode}
        intro="The encrypted database is ready. If you ever forget the passphrase, or this computer's keychain is lost, this code opens the data."
        onConfirmed={() => onDone(done.status)}
      />
    );
  }

  return (
    <Paper withBorder shadow="sm" p="xl" maw={480} w="100%">
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="setup-title">
        <Stack>
          <Title order={1} size="h2" id="setup-title">
            Welcome to BioAI Nutrition
          </Title>
          <Text size="sm">
            Choose a passphrase. It encrypts all client data on this computer. Next you get a recovery code, shown once:
            without the passphrase or that code the data cannot be opened by anyone, including you. Use at least{' '}
            {MIN_PASSPHRASE_LENGTH} characters; a few unrelated words are easy to remember and hard to guess.
          </Text>
          <NewPassphraseFields
            value={pair}
            onChange={setPair}
            labels={{ next: 'Passphrase', confirm: 'Confirm passphrase' }}
            testIds={{ next: 'setup-passphrase', confirm: 'setup-confirm' }}
            description={null}
            errors={{ next: passError, confirm: confirmError }}
            required
            autoFocus
          />
          {serverError && (
            <Alert color="red" role="alert" data-testid="setup-error">
              {serverError}
            </Alert>
          )}
          <Button type="submit" loading={busy} data-testid="setup-submit">
            Create encrypted database
          </Button>
          {busy && (
            <Text size="xs" c="dimmed" role="status">
              Deriving the key from your passphrase…
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Data folder: {status.dataDir}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
