import { Button, Group, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { call } from '../../../lib/api.ts';
import { useFormRequest } from '../../../lib/use-form-request.ts';
import { useSession } from '../../../lib/session-context.ts';
import { RecoveryCodeCard } from '../../../app/RecoveryCode/RecoveryCodeCard.tsx';
import { PassphraseField } from '../../../components/PassphraseField/PassphraseField.tsx';
import { InlineError } from '../../../components/InlineError/InlineError.tsx';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

/** Issues a new recovery code (the old one stops working); needs the passphrase. */
export function NewRecoveryCodeForm(): React.JSX.Element {
  const { status, setStatus, reportError } = useSession();
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, setError, send } = useFormRequest(reportError);
  const [code, setCode] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!passphrase) return setError('Enter your passphrase.');
    await send(async () => {
      const { recoveryCode } = await call('session.newRecoveryCode', { passphrase });
      setPassphrase('');
      setCode(recoveryCode);
      setStatus({ ...status, hasRecoveryCode: true });
    });
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
          <InlineError message={error} testId="new-recovery-error" />
          <Group>
            <Button type="submit" variant="default" loading={busy} data-testid="new-recovery-submit">
              Issue a new recovery code
            </Button>
          </Group>
        </Stack>
      </form>
      <AppModal opened={code !== null} onClose={() => undefined} withCloseButton={false} size="lg" padding={0}>
        {code && (
          <RecoveryCodeCard
            code={code}
            intro="Your new recovery code. The previous one no longer works."
            continueLabel="Done"
            onConfirmed={() => setCode(null)}
          />
        )}
      </AppModal>
    </>
  );
}
