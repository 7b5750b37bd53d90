import { PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { DeviceNameAndSubmit, EmailField, ServerUrlField } from './SyncFields.tsx';
import { useSyncForm, type SyncDefaults } from './use-sync-form.ts';
import { useMutation } from '../../../lib/query.ts';

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
      v.practicePassphrase && v.practicePassphraseConfirm !== v.practicePassphrase
        ? { practicePassphraseConfirm: 'The practice passphrase and its confirmation differ.' }
        : {},
  );
  const { values, set, fieldErrors } = form;

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
        <PasswordInput
          label="Password"
          description="For your account on the sync server; at least 12 characters"
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={fieldErrors.password}
          data-testid="sync-password"
        />
        <Text size="sm" c="dimmed">
          The practice passphrase protects the practice key. Colleagues need it to sign in; it is never sent to the
          server and cannot be recovered, so keep it somewhere safe.
        </Text>
        <PasswordInput
          label="Practice passphrase"
          description={`At least ${MIN_PASSPHRASE} characters`}
          autoComplete="new-password"
          value={values.practicePassphrase}
          onChange={set('practicePassphrase')}
          error={fieldErrors.practicePassphrase}
          data-testid="sync-practice-passphrase"
        />
        <PasswordInput
          label="Confirm practice passphrase"
          autoComplete="new-password"
          value={values.practicePassphraseConfirm}
          onChange={set('practicePassphraseConfirm')}
          error={fieldErrors.practicePassphraseConfirm}
          data-testid="sync-practice-passphrase-confirm"
        />
        <DeviceNameAndSubmit form={form} label="Create practice" testId="sync-create-practice" />
      </Stack>
    </form>
  );
}
