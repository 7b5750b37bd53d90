import { Alert, Button, Checkbox, Code, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { GateCard } from '../GateCard/GateCard.tsx';

interface RecoveryCodeCardProps {
  code: string;
  /** Why a code is shown now (setup, after recovery, re-issued). */
  intro: string;
  onConfirmed: () => void;
  continueLabel?: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Shows a recovery code once. The practitioner copies it, prints it, or writes it down, and confirms
 * they kept it before going on; the code is kept nowhere else (it is gone once this card is left).
 */
export function RecoveryCodeCard({
  code,
  intro,
  onConfirmed,
  continueLabel = 'Continue',
}: RecoveryCodeCardProps): React.JSX.Element {
  const [written, setWritten] = useState(false);
  const [copy, setCopy] = useState<CopyState>('idle');

  const copyCode = (): void => {
    // The clipboard is refused where the page is not allowed to write it: then the code is selected,
    // ready for Ctrl+C.
    navigator.clipboard.writeText(code).then(
      () => setCopy('copied'),
      () => {
        setCopy('failed');
        const shown = document.querySelector('[data-testid="recovery-code"]');
        if (shown) window.getSelection()?.selectAllChildren(shown);
      },
    );
  };

  return (
    <GateCard title="Your recovery code" maw={520} testId="recovery-card">
      <Text size="sm">{intro}</Text>
      <Code block fz="lg" ta="center" data-testid="recovery-code" aria-label="Recovery code">
        {code}
      </Code>
      <Group gap="xs">
        <Button variant="default" onClick={copyCode} data-testid="recovery-copy">
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </Button>
        <Button variant="default" onClick={() => window.print()} data-testid="recovery-print">
          Print
        </Button>
      </Group>
      <div role="status" aria-live="polite" data-testid="recovery-copy-status">
        {copy === 'copied' && (
          <Text size="sm">
            Copied. Paste it where you keep such codes safe; it stays on the clipboard until you copy something else.
          </Text>
        )}
        {copy === 'failed' && (
          <Text size="sm" c="red">
            The code could not be copied here: it is selected, press Ctrl+C (⌘C on a Mac) to copy it.
          </Text>
        )}
      </div>
      <Alert color="yellow" title="Shown only now">
        Write it on paper or print it, and keep it somewhere safe, away from this computer. With it you can open the
        data if you forget the passphrase or this computer&apos;s keychain changes. Anyone who has it and this data
        folder can open the data.
      </Alert>
      <Checkbox
        label="I have written it down or printed it"
        checked={written}
        onChange={(e) => setWritten(e.currentTarget.checked)}
        data-testid="recovery-written"
      />
      <Button disabled={!written} onClick={onConfirmed} data-testid="recovery-continue">
        {continueLabel}
      </Button>
      <RecoveryCodeSheet code={code} />
    </GateCard>
  );
}

/**
 * What Print prints: the code and how to keep it, and nothing else of the page (global.css hides every
 * other element of the body while printing, and this sheet on screen).
 */
function RecoveryCodeSheet({ code }: { code: string }): React.JSX.Element {
  // A direct child of the body, which is what the print rule keeps.
  return createPortal(
    <div data-print-sheet="" data-testid="recovery-print-sheet">
      <h1>BioAI Nutrition recovery code</h1>
      <p className="print-sheet-code">{code}</p>
      <p>
        With this code the practice&apos;s data can be opened if the passphrase is forgotten or the computer&apos;s
        keychain changes. Anyone who has it and the data folder can open the data: keep this paper somewhere safe, away
        from the computer.
      </p>
    </div>,
    document.body,
  );
}
