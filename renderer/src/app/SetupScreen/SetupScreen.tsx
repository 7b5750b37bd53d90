import { Button, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '@contract/session.ts';
import { call } from '../../lib/api.ts';
import { useFormRequest } from '../../lib/use-form-request.ts';
import { InlineError } from '../../components/InlineError/InlineError.tsx';
import { BusyNote } from '../../components/BusyNote/BusyNote.tsx';
import { GateCard } from '../GateCard/GateCard.tsx';
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
  // The alert shows what the core answered; the checks speak beside the fields.
  const { busy, error: serverError, setError: setServerError, send } = useFormRequest(() => onHold(false));
  const [done, setDone] = useState<{ status: SessionStatus; recoveryCode: string } | null>(null);

  const { tooShort, mismatch } = checkNewPassphrase(pair.next, pair.confirm);
  const passError = touched && tooShort ? `Use at least ${MIN_PASSPHRASE_LENGTH} characters.` : null;
  const confirmError = touched && !tooShort && mismatch ? 'The two passphrases differ.' : null;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    if (tooShort || mismatch) return setServerError(null);
    await send(async () => {
      onHold(true);
      const { recoveryCode, ...next } = await call('session.setup', { passphrase });
      setPair(EMPTY_NEW_PASSPHRASE);
      setDone({ status: next, recoveryCode });
    });
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
    <GateCard title="Welcome to BioAI Nutrition" maw={480} onSubmit={(e) => void submit(e)} dataDir={status.dataDir}>
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
      <InlineError message={serverError} testId="setup-error" />
      <Button type="submit" loading={busy} data-testid="setup-submit">
        Create encrypted database
      </Button>
      <BusyNote busy={busy}>Deriving the key from your passphrase…</BusyNote>
    </GateCard>
  );
}
