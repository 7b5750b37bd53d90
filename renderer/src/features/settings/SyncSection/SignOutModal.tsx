import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ApiError } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useMutation } from '../../../lib/query.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

interface SignOutModalProps {
  opened: boolean;
  practiceName: string | null;
  onClose: () => void;
  onSignedOut: () => void;
}

export function SignOutModal(props: SignOutModalProps): React.JSX.Element {
  return (
    <AppModal opened={props.opened} onClose={props.onClose} title="Sign out of the practice?">
      {props.opened && <SignOutConfirm {...props} />}
    </AppModal>
  );
}

/**
 * Confirms signing out. The core refuses ('conflict') while changes are unsent; the dialog then says
 * so and offers to sign out anyway (the changes stay on this computer but are not sent).
 */
function SignOutConfirm({ practiceName, onClose, onSignedOut }: SignOutModalProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [busy, setBusy] = useState(false);
  const signOutCall = useMutation('sync.signOut', { invalidates: [], updates: 'sync.status' });
  const [error, setError] = useState<ApiError | null>(null);
  const unsent = error?.code === 'conflict';

  const signOut = async (discardUnsent: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await signOutCall.run({ discardUnsent });
      onSignedOut();
    } catch (e) {
      reportError(e);
      setError(toApiError(e));
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="sync-sign-out-dialog">
      <Text size="sm">
        This computer stops syncing with {practiceName ?? 'the practice'}. Its data stays here, and the practice key is
        forgotten: signing in again needs the practice passphrase.
      </Text>
      {error && (
        <Alert
          color={unsent ? 'yellow' : 'red'}
          variant="light"
          role="alert"
          title={unsent ? 'Changes not sent yet' : 'Could not sign out'}
          data-testid="sync-sign-out-error"
        >
          <Text size="sm">{error.message}</Text>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        {unsent ? (
          <Button color="red" loading={busy} onClick={() => void signOut(true)} data-testid="sync-sign-out-anyway">
            Sign out anyway
          </Button>
        ) : (
          <Button color="red" loading={busy} onClick={() => void signOut(false)} data-testid="sync-sign-out-confirm">
            Sign out
          </Button>
        )}
      </Group>
    </Stack>
  );
}
