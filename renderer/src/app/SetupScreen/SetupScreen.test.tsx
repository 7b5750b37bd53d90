import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionStatus } from '@contract/session.ts';
import { connectToHost, renderInApp } from '../../test/render.tsx';
import { SetupScreen } from './SetupScreen.tsx';

const STATUS = { state: 'needs-setup', dataDir: '/data/for/test' } as SessionStatus;

function type(testId: string, value: string): void {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function renderSetup(): void {
  renderInApp(<SetupScreen status={STATUS} onDone={() => undefined} onHold={() => undefined} />);
}

// The host's data folder is already set up, so a setup call that gets through is refused by the
// real core and its message appears: a form that checks first never gets that far.
describe('SetupScreen (a form with validation)', () => {
  beforeEach(connectToHost);

  it('asks for a longer passphrase beside the field and sends nothing', async () => {
    renderSetup();
    type('setup-passphrase', 'too short');
    type('setup-confirm', 'too short');
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect(await screen.findByText('Use at least 10 characters.')).toBeTruthy();
    expect(screen.queryByText('The two passphrases differ.')).toBeNull();
    expect(screen.queryByTestId('setup-error')).toBeNull();
  });

  it('says when the confirmation differs, on the confirmation field', async () => {
    renderSetup();
    type('setup-passphrase', 'long enough passphrase');
    type('setup-confirm', 'long enough passphrasE');
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect(await screen.findByText('The two passphrases differ.')).toBeTruthy();
    expect(screen.queryByText('Use at least 10 characters.')).toBeNull();
  });

  it('sends a valid passphrase to the core and shows its answer', async () => {
    renderSetup();
    type('setup-passphrase', 'long enough passphrase');
    type('setup-confirm', 'long enough passphrase');
    fireEvent.click(screen.getByTestId('setup-submit'));
    await waitFor(() => expect(screen.getByTestId('setup-error').textContent).not.toBe(''));
    expect(screen.queryByText('The two passphrases differ.')).toBeNull();
  });
});
