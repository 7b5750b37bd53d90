import { Stack } from '@mantine/core';
import { AccountPasswordField, DeviceNameAndSubmit, SharedTextField } from './SyncFields.tsx';
import { useSyncForm, type SyncFormProps } from './use-sync-form.ts';
import { useMutation } from '../../../lib/query.ts';
import { PassphraseField } from '../../../components/PassphraseField/PassphraseField.tsx';

/** Signs this computer in to a practice that already exists on the server. */
export function SignInForm({ defaults }: SyncFormProps): React.JSX.Element {
  const signIn = useMutation('sync.signIn', { invalidates: [], updates: 'sync.status' });
  const form = useSyncForm({ ...defaults, password: '', practicePassphrase: '' }, (v) => signIn.run(v));

  return (
    <form onSubmit={form.submit} noValidate aria-label="Sign in to a practice">
      <Stack gap="sm" maw={460}>
        <SharedTextField form={form} name="serverUrl" />
        <SharedTextField form={form} name="email" />
        <AccountPasswordField form={form} chosen={false} />
        <PassphraseField
          label="Practice passphrase"
          description="The passphrase your practice shares; it unlocks the practice key on this computer"
          autoComplete="off"
          {...form.passphraseProps('practicePassphrase')}
          testId="sync-practice-passphrase"
        />
        <DeviceNameAndSubmit form={form} label="Sign in" testId="sync-sign-in" />
      </Stack>
    </form>
  );
}
