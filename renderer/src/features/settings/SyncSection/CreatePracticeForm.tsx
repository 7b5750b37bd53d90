import { Stack, Text, TextInput } from '@mantine/core';
import { AccountPasswordField, DeviceNameAndSubmit, SharedTextField } from './SyncFields.tsx';
import { useSyncForm, type SyncFormProps } from './use-sync-form.ts';
import { useMutation } from '../../../lib/query.ts';
import { NewPassphraseFields } from '../../../components/PassphraseField/PassphraseField.tsx';
import { checkNewPassphrase } from '../../../components/PassphraseField/passphrase-check.ts';

const MIN_PASSPHRASE = 10;

/** Registers a new practice on the server, makes its practice key here, and signs this computer in. */
export function CreatePracticeForm({ defaults }: SyncFormProps): React.JSX.Element {
  const create = useMutation('sync.createPractice', { invalidates: [], updates: 'sync.status' });
  const form = useSyncForm(
    {
      ...defaults,
      practiceName: '',
      displayName: '',
      password: '',
      practicePassphrase: '',
      practicePassphraseConfirm: '',
    },
    ({ practicePassphraseConfirm: _confirm, ...input }) => create.run(input),
    (v) =>
      v.practicePassphrase && checkNewPassphrase(v.practicePassphrase, v.practicePassphraseConfirm, 0).mismatch
        ? { practicePassphraseConfirm: 'The practice passphrase and its confirmation differ.' }
        : {},
  );
  const { values, setValue, fieldErrors } = form;

  return (
    <form onSubmit={form.submit} noValidate aria-label="Create a practice">
      <Stack gap="sm" maw={460}>
        <SharedTextField form={form} name="serverUrl" />
        <TextInput label="Practice name" {...form.inputProps('practiceName')} data-testid="sync-practice-name" />
        <TextInput
          label="Your name"
          autoComplete="name"
          {...form.inputProps('displayName')}
          data-testid="sync-display-name"
        />
        <SharedTextField form={form} name="email" />
        <AccountPasswordField form={form} chosen />
        <Text size="sm" c="dimmed">
          The practice passphrase protects the practice key. Colleagues need it to sign in; it is never sent to the
          server and cannot be recovered, so keep it somewhere safe.
        </Text>
        <NewPassphraseFields
          value={{ next: values.practicePassphrase, confirm: values.practicePassphraseConfirm }}
          onChange={({ next, confirm }) => {
            if (next !== values.practicePassphrase) setValue('practicePassphrase')(next);
            if (confirm !== values.practicePassphraseConfirm) setValue('practicePassphraseConfirm')(confirm);
          }}
          labels={{ next: 'Practice passphrase', confirm: 'Confirm practice passphrase' }}
          testIds={{ next: 'sync-practice-passphrase', confirm: 'sync-practice-passphrase-confirm' }}
          description={`At least ${MIN_PASSPHRASE} characters`}
          errors={{ next: fieldErrors.practicePassphrase, confirm: fieldErrors.practicePassphraseConfirm }}
        />
        <DeviceNameAndSubmit form={form} label="Create practice" testId="sync-create-practice" />
      </Stack>
    </form>
  );
}
