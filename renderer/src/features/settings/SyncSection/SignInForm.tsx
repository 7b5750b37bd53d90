import { PasswordInput, Stack } from '@mantine/core';
import { DeviceNameAndSubmit, EmailField, ServerUrlField } from './SyncFields.tsx';
import { useSyncForm, type SyncDefaults } from './use-sync-form.ts';
import { useMutation } from '../../../lib/query.ts';

interface SignInFormProps {
  /** Remembered from an earlier sign-in on this computer. */
  defaults: SyncDefaults;
}

/** Signs this computer in to a practice that already exists on the server. */
export function SignInForm({ defaults }: SignInFormProps): React.JSX.Element {
  const signIn = useMutation('sync.signIn', { invalidates: [], updates: 'sync.status' });
  const form = useSyncForm(
    {
      serverUrl: defaults.serverUrl,
      email: defaults.email,
      password: '',
      practicePassphrase: '',
      deviceName: defaults.deviceName,
    },
    (v) => signIn.run(v),
  );
  const { values, set, fieldErrors } = form;

  return (
    <form onSubmit={form.submit} noValidate aria-label="Sign in to a practice">
      <Stack gap="sm" maw={460}>
        <ServerUrlField form={form} />
        <EmailField form={form} />
        <PasswordInput
          label="Password"
          description="Your account on the sync server"
          autoComplete="current-password"
          value={values.password}
          onChange={set('password')}
          error={fieldErrors.password}
          data-testid="sync-password"
        />
        <PasswordInput
          label="Practice passphrase"
          description="The passphrase your practice shares; it unlocks the practice key on this computer"
          autoComplete="off"
          value={values.practicePassphrase}
          onChange={set('practicePassphrase')}
          error={fieldErrors.practicePassphrase}
          data-testid="sync-practice-passphrase"
        />
        <DeviceNameAndSubmit form={form} label="Sign in" testId="sync-sign-in" />
      </Stack>
    </form>
  );
}
