import { Button, Group, TextInput } from '@mantine/core';
import { SyncFormAlert } from './SyncFormAlert.tsx';
import type { SyncForm } from './use-sync-form.ts';

type Shared = 'serverUrl' | 'email' | 'deviceName';

/** The server address field, the same on both sync forms. */
export function ServerUrlField<K extends string>({ form }: { form: SyncForm<K | Shared> }): React.JSX.Element {
  return (
    <TextInput
      label="Server address"
      placeholder="https://sync.example-practice.com"
      autoComplete="url"
      value={form.values.serverUrl}
      onChange={form.set('serverUrl')}
      error={form.fieldErrors.serverUrl}
      data-testid="sync-server-url"
    />
  );
}

/** The account e-mail field, the same on both sync forms. */
export function EmailField<K extends string>({ form }: { form: SyncForm<K | Shared> }): React.JSX.Element {
  return (
    <TextInput
      label="Email"
      type="email"
      autoComplete="username"
      value={form.values.email}
      onChange={form.set('email')}
      error={form.fieldErrors.email}
      data-testid="sync-email"
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
        value={form.values.deviceName}
        onChange={form.set('deviceName')}
        error={form.fieldErrors.deviceName}
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
