import { Button, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '@contract/session.ts';
import { call } from '../../lib/api.ts';
import { toApiError } from '../../lib/errors.ts';
import { RecoverForm } from '../RecoveryCode/RecoverForm.tsx';
import { PassphraseField } from '../../components/PassphraseField/PassphraseField.tsx';
import { InlineError } from '../../components/InlineError/InlineError.tsx';
import { BusyNote } from '../../components/BusyNote/BusyNote.tsx';
import { useFormRequest } from '../../lib/use-form-request.ts';
import { GateCard } from '../GateCard/GateCard.tsx';
import { LinkButton } from '../../components/LinkButton/LinkButton.tsx';

interface UnlockScreenProps {
  status: SessionStatus;
  onDone: (status: SessionStatus) => void;
  /** Keeps this screen up while a new recovery code is shown, though the core is already unlocked. */
  onHold: (on: boolean) => void;
}

/** The database is locked: ask for the passphrase. */
export function UnlockScreen({ status, onDone, onHold }: UnlockScreenProps): React.JSX.Element {
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, setError, send } = useFormRequest();
  const [recovering, setRecovering] = useState(false);

  if (recovering) return <RecoverForm onDone={onDone} onHold={onHold} onCancel={() => setRecovering(false)} />;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!passphrase) return setError('Enter your passphrase.');
    await send(async () => {
      try {
        onDone(await call('session.unlock', { passphrase }));
      } catch (e) {
        // A damaged database has its own screen (salvage, restore, start empty).
        if (toApiError(e).code !== 'database-damaged') throw e;
        onDone(await call('session.status'));
      }
    });
  };

  return (
    <GateCard title="Unlock BioAI Nutrition" maw={440} onSubmit={(e) => void submit(e)} dataDir={status.dataDir}>
      <Text size="sm">Enter your passphrase to open the encrypted client data.</Text>
      <PassphraseField
        label="Passphrase"
        required
        autoFocus
        value={passphrase}
        onChange={setPassphrase}
        testId="unlock-passphrase"
      />
      <InlineError message={error} testId="unlock-error" />
      <Button type="submit" loading={busy} data-testid="unlock-submit">
        Unlock
      </Button>
      <BusyNote busy={busy}>Checking the passphrase…</BusyNote>
      {status.hasRecoveryCode && (
        <LinkButton onClick={() => setRecovering(true)} testId="unlock-use-recovery">
          Forgot passphrase? Use recovery code
        </LinkButton>
      )}
    </GateCard>
  );
}
