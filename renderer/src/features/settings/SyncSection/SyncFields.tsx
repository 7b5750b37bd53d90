import { Button, Group, TextInput } from '@mantine/core';
import { PassphraseField } from '../../../components/PassphraseField/PassphraseField.tsx';
import { SyncFormAlert } from './SyncFormAlert.tsx';
import type { SyncForm } from './use-sync-form.ts';

type Shared = 'serverUrl' | 'email' | 'password' | 'deviceName';

/** The text inputs that both sync forms have, the same on each. */
const SHARED_TEXT_FIELDS = {
  serverUrl: {
    label: 'Server address',
    placeholder: 'https://sync.example-practice.com',
    autoComplete: 'url',
    testId: 'sync-server-url',
  },
  email: { label: 'Email', type: 'email', autoComplete: 'username', testId: 'sync-email' },
} as const;

/** The server address or the account e-mail field, on either sync form. */
export function SharedTextField<K extends string>({
  form,
  name,
}: {
  form: SyncForm<K | Shared>;
  name: keyof typeof SHARED_TEXT_FIELDS;
}): React.JSX.Element {
  const { testId, ...field } = SHARED_TEXT_FIELDS[name];
  return <TextInput {...field} {...form.inputProps(name)} data-testid={testId} />;
}

/** The password of the account on the sync server: being chosen (a new practice) or asked for (sign in). */
export function AccountPasswordField<K extends string>({
  form,
  chosen,
}: {
  form: SyncForm<K | Shared>;
  chosen: boolean;
}): React.JSX.Element {
  return (
    <PassphraseField
      label="Password"
      description={
        chosen ? 'For your account on the sync server; at least 12 characters' : 'Your account on the sync server'
      }
      autoComplete={chosen ? 'new-password' : 'current-password'}
      {...form.passphraseProps('password')}
      testId="sync-password"
    />
  );
}

/** The end of both sync forms: this computer's name, the general error, and the submit button. */
export function DeviceNameAndSubmit<K extends string>({
  form,
  label,
  testId,
}: {
  form: SyncForm<K | Shared>;
  label: string;
  testId: string;
}): React.JSX.Element {
  return (
    <>
      <TextInput
        label="This computer's name"
        description="Shown to your colleagues, e.g. “Front desk laptop”"
        {...form.inputProps('deviceName')}
        data-testid="sync-device-name"
      />
      <SyncFormAlert error={form.error} />
      <Group>
        <Button type="submit" loading={form.busy} data-testid={testId}>
          {label}
        </Button>
      </Group>
    </>
  );
}
