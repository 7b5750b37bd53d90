import { List, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import type { SyncStatus } from '@contract/sync.ts';
import { CreatePracticeForm } from './CreatePracticeForm.tsx';
import { SignInForm } from './SignInForm.tsx';

type Mode = 'sign-in' | 'create';

interface SignedOutPanelProps {
  status: SyncStatus;
}

/** What sync does and how the data is protected, then sign in to a practice or create one. */
export function SignedOutPanel({ status }: SignedOutPanelProps): React.JSX.Element {
  const [mode, setMode] = useState<Mode>('sign-in');
  const defaults = {
    serverUrl: status.serverUrl ?? '',
    email: status.email ?? '',
    deviceName: status.deviceName ?? '',
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        Sync keeps the computers of your practice up to date through your practice&apos;s server: clients, log entries,
        targets, custom foods and recommendations made on one computer appear on the others. You keep working offline;
        changes are sent the next time the server can be reached.
      </Text>
      <List size="sm" spacing={4}>
        <List.Item>
          Names, contact details and notes are encrypted with the practice key before they leave this computer; the
          server stores them without being able to read them.
        </List.Item>
        <List.Item>
          The practice passphrase unlocks the practice key here and never leaves this computer. Share it with colleagues
          in person, not by email.
        </List.Item>
      </List>
      <Tabs value={mode} onChange={(v) => setMode(v === 'create' ? 'create' : 'sign-in')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sign-in" data-testid="sync-tab-sign-in">
            Sign in to a practice
          </Tabs.Tab>
          <Tabs.Tab value="create" data-testid="sync-tab-create">
            Create a practice
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sign-in" pt="md">
          <SignInForm defaults={defaults} />
        </Tabs.Panel>
        <Tabs.Panel value="create" pt="md">
          <CreatePracticeForm defaults={defaults} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
