import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '@contract/session.ts';
import { call } from '../../lib/api.ts';
import { toApiError } from '../../lib/errors.ts';
import { RecoverForm } from '../RecoveryCode/RecoverForm.tsx';
import { PassphraseField } from '../../components/PassphraseField/PassphraseField.tsx';

interface UnlockScreenProps {
  status: SessionStatus;
  onDone: (status: SessionStatus) => void;
  /** Keeps this screen up while a new recovery code is shown, though the core is already unlocked. */
  onHold: (on: boolean) => void;
}

/** The database is locked: ask for the passphrase. */
export function UnlockScreen({ status, onDone, onHold }: UnlockScreenProps): React.JSX.Element {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [recovering, setRecovering] = useState(false);

  if (recovering) return <RecoverForm onDone={onDone} onHold={onHold} onCancel={() => setRecovering(false)} />;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setError(null);
    if (!passphrase) {
      setError('Enter your passphrase.');
      return;
    }
    setBusy(true);
    try {
      onDone(await call('session.unlock', { passphrase }));
    } catch (e) {
      const err = toApiError(e);
      // A damaged database has its own screen (salvage, restore, start empty).
      if (err.code === 'database-damaged') {
        onDone(await call('session.status'));
        return;
      }
      setError(err.message);
      setBusy(false);
    }
  };

  return (
    <Paper withBorder shadow="sm" p="xl" maw={440} w="100%">
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="unlock-title">
        <Stack>
          <Title order={1} size="h2" id="unlock-title">
            Unlock BioAI Nutrition
          </Title>
          <Text size="sm">Enter your passphrase to open the encrypted client data.</Text>
          <PassphraseField
            label="Passphrase"
            required
            autoFocus
            value={passphrase}
            onChange={setPassphrase}
            testId="unlock-passphrase"
          />
          {error && (
            <Alert color="red" role="alert" data-testid="unlock-error">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={busy} data-testid="unlock-submit">
            Unlock
          </Button>
          {busy && (
            <Text size="xs" c="dimmed" role="status">
              Checking the passphrase…
            </Text>
          )}
          {status.hasRecoveryCode && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => setRecovering(true)}
              data-testid="unlock-use-recovery"
            >
              Forgot passphrase? Use recovery code
            </Anchor>
          )}
          <Text size="xs" c="dimmed">
            Data folder: {status.dataDir}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
