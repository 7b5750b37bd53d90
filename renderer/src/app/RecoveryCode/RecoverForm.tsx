import { Button, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '@contract/session.ts';
import { call } from '../../lib/api.ts';
import { useFormRequest } from '../../lib/use-form-request.ts';
import { InlineError } from '../../components/InlineError/InlineError.tsx';
import { GateCard } from '../GateCard/GateCard.tsx';
import { RecoveryCodeCard } from './RecoveryCodeCard.tsx';
import { RecoveryCodeField } from './RecoveryCodeField.tsx';
import { LinkButton } from '../../components/LinkButton/LinkButton.tsx';
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
  const { busy, error, setError, send } = useFormRequest(() => onHold(false));
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
    if (!code.trim()) return setError('Enter your recovery code.');
    const problem = newPassphraseAlert(pair);
    if (problem) return setError(problem);
    const { next } = pair;
    await send(async () => {
      onHold(true);
      const { recoveryCode, ...status } = await call('session.recover', { recoveryCode: code, next });
      setCode('');
      setAnswer({ status, recoveryCode });
    });
  };

  return (
    <GateCard title="Use your recovery code" maw={480} onSubmit={(e) => void submit(e)}>
      <Text size="sm">
        Enter the recovery code you wrote down when you set up the app, and choose a new passphrase. You will get a new
        recovery code.
      </Text>
      <RecoveryCodeField value={code} onChange={setCode} testId="recover-code" autoFocus />
      <NewPassphraseFields
        value={pair}
        onChange={setPair}
        testIds={{ next: 'recover-next', confirm: 'recover-confirm' }}
      />
      <InlineError message={error} testId="recover-error" />
      <Button type="submit" loading={busy} data-testid="recover-submit">
        Open the data and set the passphrase
      </Button>
      <LinkButton onClick={onCancel} testId="recover-cancel">
        Back to the passphrase
      </LinkButton>
    </GateCard>
  );
}
