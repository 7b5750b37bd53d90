import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useSession } from '../../../lib/session-context.ts';
import { RecoveryCodeCard } from '../../../app/RecoveryCode/RecoveryCodeCard.tsx';
import { PassphraseField } from '../../../components/PassphraseField/PassphraseField.tsx';

/** Issues a new recovery code (the old one stops working); needs the passphrase. */
export function NewRecoveryCodeForm(): React.JSX.Element {
  const { status, setStatus, reportError } = useSession();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setError(null);
    if (!passphrase) return setError('Enter your passphrase.');
    setBusy(true);
    try {
      const { recoveryCode } = await call('session.newRecoveryCode', { passphrase });
      setPassphrase('');
      setCode(recoveryCode);
      setStatus({ ...status, hasRecoveryCode: true });
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="New recovery code">
        <Stack gap="sm" maw={420}>
          <Text size="sm" c="dimmed" data-testid="recovery-state">
            {status.hasRecoveryCode
              ? 'A recovery code can open this data. Issue a new one if the old one is lost or was seen by someone else; the old one then stops working.'
              : 'This data has no recovery code yet. Issue one and write it down.'}
          </Text>
          <PassphraseField
            label="Passphrase"
            value={passphrase}
            onChange={setPassphrase}
            testId="new-recovery-passphrase"
          />
          {error && (
            <Alert color="red" role="alert" data-testid="new-recovery-error">
              {error}
            </Alert>
          )}
          <Group>
            <Button type="submit" variant="default" loading={busy} data-testid="new-recovery-submit">
              Issue a new recovery code
            </Button>
          </Group>
        </Stack>
      </form>
      <Modal opened={code !== null} onClose={() => undefined} withCloseButton={false} size="lg" padding={0}>
        {code && (
          <RecoveryCodeCard
            code={code}
            intro="Your new recovery code. The previous one no longer works."
            continueLabel="Done"
            onConfirmed={() => setCode(null)}
          />
        )}
      </Modal>
    </>
  );
}
