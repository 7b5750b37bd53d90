import { Stack } from '@mantine/core';
import { DeviceNameAndSubmit, EmailField, ServerUrlField } from './SyncFields.tsx';
import { useSyncForm, type SyncDefaults } from './use-sync-form.ts';
import { useMutation } from '../../../lib/query.ts';
import { PassphraseField } from '../../../components/PassphraseField/PassphraseField.tsx';

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
  const { values, setValue, fieldErrors } = form;

  return (
    <form onSubmit={form.submit} noValidate aria-label="Sign in to a practice">
      <Stack gap="sm" maw={460}>
        <ServerUrlField form={form} />
        <EmailField form={form} />
        <PassphraseField
          label="Password"
          description="Your account on the sync server"
          value={values.password}
          onChange={setValue('password')}
          error={fieldErrors.password}
          testId="sync-password"
        />
        <PassphraseField
          label="Practice passphrase"
          description="The passphrase your practice shares; it unlocks the practice key on this computer"
          autoComplete="off"
          value={values.practicePassphrase}
          onChange={setValue('practicePassphrase')}
          error={fieldErrors.practicePassphrase}
          testId="sync-practice-passphrase"
        />
        <DeviceNameAndSubmit form={form} label="Sign in" testId="sync-sign-in" />
      </Stack>
    </form>
  );
}
