import { Stack, Text, TextInput } from '@mantine/core';
import { DeviceNameAndSubmit, EmailField, ServerUrlField } from './SyncFields.tsx';
import { useSyncForm, type SyncDefaults } from './use-sync-form.ts';
import { useMutation } from '../../../lib/query.ts';
import { NewPassphraseFields, PassphraseField } from '../../../components/PassphraseField/PassphraseField.tsx';
import { checkNewPassphrase } from '../../../components/PassphraseField/passphrase-check.ts';

const MIN_PASSPHRASE = 10;

interface CreatePracticeFormProps {
  /** Remembered from an earlier sign-in on this computer. */
  defaults: SyncDefaults;
}

/** Registers a new practice on the server, makes its practice key here, and signs this computer in. */
export function CreatePracticeForm({ defaults }: CreatePracticeFormProps): React.JSX.Element {
  const create = useMutation('sync.createPractice', { invalidates: [], updates: 'sync.status' });
  const form = useSyncForm(
    {
      serverUrl: defaults.serverUrl,
      practiceName: '',
      displayName: '',
      email: defaults.email,
      password: '',
      practicePassphrase: '',
      practicePassphraseConfirm: '',
      deviceName: defaults.deviceName,
    },
    ({ practicePassphraseConfirm: _confirm, ...input }) => create.run(input),
    (v) =>
      v.practicePassphrase && checkNewPassphrase(v.practicePassphrase, v.practicePassphraseConfirm, 0).mismatch
        ? { practicePassphraseConfirm: 'The practice passphrase and its confirmation differ.' }
        : {},
  );
  const { values, set, setValue, fieldErrors } = form;

  return (
    <form onSubmit={form.submit} noValidate aria-label="Create a practice">
      <Stack gap="sm" maw={460}>
        <ServerUrlField form={form} />
        <TextInput
          label="Practice name"
          value={values.practiceName}
          onChange={set('practiceName')}
          error={fieldErrors.practiceName}
          data-testid="sync-practice-name"
        />
        <TextInput
          label="Your name"
          autoComplete="name"
          value={values.displayName}
          onChange={set('displayName')}
          error={fieldErrors.displayName}
          data-testid="sync-display-name"
        />
        <EmailField form={form} />
        <PassphraseField
          label="Password"
          description="For your account on the sync server; at least 12 characters"
          autoComplete="new-password"
          value={values.password}
          onChange={setValue('password')}
          error={fieldErrors.password}
          testId="sync-password"
        />
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
