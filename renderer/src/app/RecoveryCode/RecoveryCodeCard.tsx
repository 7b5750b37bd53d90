import { Alert, Button, Checkbox, Code, Text } from '@mantine/core';
import { useState } from 'react';
import { GateCard } from '../GateCard/GateCard.tsx';

interface RecoveryCodeCardProps {
  code: string;
  /** Why a code is shown now (setup, after recovery, re-issued). */
  intro: string;
  onConfirmed: () => void;
  continueLabel?: string;
}

/**
 * Shows a recovery code once. The practitioner confirms they wrote it down before going on; the code
 * is kept nowhere else (it is gone once this card is left).
 */
export function RecoveryCodeCard({
  code,
  intro,
  onConfirmed,
  continueLabel = 'Continue',
}: RecoveryCodeCardProps): React.JSX.Element {
  const [written, setWritten] = useState(false);
  return (
    <GateCard title="Your recovery code" maw={520} testId="recovery-card">
      <Text size="sm">{intro}</Text>
      <Code block fz="lg" ta="center" data-testid="recovery-code" aria-label="Recovery code">
        {code}
      </Code>
      <Alert color="yellow" title="Shown only now">
        Write it on paper and keep it somewhere safe, away from this computer. With it you can open the data if you
        forget the passphrase or this computer&apos;s keychain changes. Anyone who has it and this data folder can open
        the data.
      </Alert>
      <Checkbox
        label="I have written it down"
        checked={written}
        onChange={(e) => setWritten(e.currentTarget.checked)}
        data-testid="recovery-written"
      />
      <Button disabled={!written} onClick={onConfirmed} data-testid="recovery-continue">
        {continueLabel}
      </Button>
    </GateCard>
  );
}
