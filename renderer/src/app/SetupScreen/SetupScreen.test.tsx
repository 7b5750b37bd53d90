import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionStatus } from '@contract/session.ts';
import { connectToHost, renderInApp } from '../../test/render.tsx';
import { SetupScreen } from './SetupScreen.tsx';

const STATUS = { state: 'needs-setup', dataDir: '/data/for/test' } as SessionStatus;

function type(testId: string, value: string): void {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

/** Renders the setup screen, fills both fields and submits. */
function submitSetup(passphrase: string, confirm: string): void {
  renderInApp(<SetupScreen status={STATUS} onDone={() => undefined} onHold={() => undefined} />);
  type('setup-passphrase', passphrase);
  type('setup-confirm', confirm);
  fireEvent.click(screen.getByTestId('setup-submit'));
}

// The host's data folder is already set up, so a setup call that gets through is refused by the
// real core and its message appears: a form that checks first never gets that far.
describe('SetupScreen (a form with validation)', () => {
  beforeEach(connectToHost);

  it('asks for a longer passphrase beside the field and sends nothing', async () => {
    submitSetup('too short', 'too short');
    expect(await screen.findByText('Use at least 10 characters.')).toBeTruthy();
    expect(screen.queryByText('The two passphrases differ.')).toBeNull();
    expect(screen.queryByTestId('setup-error')).toBeNull();
  });

  it('says when the confirmation differs, on the confirmation field', async () => {
    submitSetup('long enough passphrase', 'long enough passphrasE');
    expect(await screen.findByText('The two passphrases differ.')).toBeTruthy();
    expect(screen.queryByText('Use at least 10 characters.')).toBeNull();
  });

  it('sends a valid passphrase to the core and shows its answer', async () => {
    submitSetup('long enough passphrase', 'long enough passphrase');
    await waitFor(() => expect(screen.getByTestId('setup-error').textContent).not.toBe(''));
    expect(screen.queryByText('The two passphrases differ.')).toBeNull();
  });
});
