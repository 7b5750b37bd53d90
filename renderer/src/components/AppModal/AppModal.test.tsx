import { Button, Checkbox, TextInput } from '@mantine/core';
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../lib/api.ts';
import { connectToHost, renderInApp } from '../../test/render.tsx';
import { EntryModal } from '../../features/log/EntryForms/EntryModal.tsx';
import { RestoreModal } from '../../features/settings/BackupSection/RestoreModal.tsx';
import { AppModal } from './AppModal.tsx';

const noop = (): void => undefined;

/** The element that has the focus once the dialog's focus trap has run. */
async function focusedIn(dialogTestId: string): Promise<Element | null> {
  await screen.findByTestId(dialogTestId);
  // The trap focuses a tick after the dialog mounts: wait until the focus is inside the dialog.
  await waitFor(() => expect(document.activeElement?.closest('[role="dialog"]')).not.toBeNull());
  return document.activeElement;
}

describe('dialogs open with the focus in their first field', () => {
  beforeEach(connectToHost);

  it('the food entry dialog focuses its food search, not the close button', async () => {
    const client = await call('clients.create', { name: `Focus test ${Date.now().toString(36)}` });
    renderInApp(
      <EntryModal
        clientId={client.id}
        date="2026-01-05"
        editing={{ kind: 'diet', entry: null }}
        onClose={noop}
        onSaved={noop}
      />,
    );
    const focused = await focusedIn('log-diet-form');
    expect(focused?.tagName).toBe('INPUT');
    expect(focused).toBe(screen.getByTestId('log-diet-form').querySelector('input'));
  });

  it('the restore dialog focuses its passphrase field', async () => {
    renderInApp(
      <RestoreModal
        backup={{
          fileName: 'bioai-backup-2026-01-05.bioaibak',
          bytes: 1,
          createdAt: Date.UTC(2026, 0, 5),
          kind: 'manual',
        }}
        onClose={noop}
        onRestored={noop}
      />,
    );
    const focused = await focusedIn('restore-passphrase');
    expect(focused).toBe(screen.getByTestId('restore-passphrase'));
  });

  it('a body that marks its own first focus keeps it', async () => {
    renderInApp(
      <>
        <AppModal opened onClose={noop} title="Marked">
          <TextInput label="First" data-testid="marked-first" />
          <TextInput label="Second" data-testid="marked-second" data-autofocus />
        </AppModal>
      </>,
    );
    expect(await focusedIn('marked-second')).toBe(screen.getByTestId('marked-second'));
  });

  it('skips boxes to tick: the first field to type in gets the focus', async () => {
    renderInApp(
      <AppModal opened onClose={noop} title="Options">
        <Checkbox label="Include notes" data-testid="tick" />
        <TextInput label="Name" data-testid="typed" />
      </AppModal>,
    );
    expect(await focusedIn('typed')).toBe(screen.getByTestId('typed'));
  });

  it('a question with only buttons focuses what Mantine would', async () => {
    renderInApp(
      <AppModal opened onClose={noop} title="Sure?" withCloseButton={false}>
        <Button data-testid="question-ok">OK</Button>
      </AppModal>,
    );
    expect(await focusedIn('question-ok')).toBe(screen.getByTestId('question-ok'));
  });
});
