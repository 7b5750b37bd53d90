import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useMutation } from '../../../lib/query.ts';

interface DiscardPhotoModalProps {
  photoId: string;
  opened: boolean;
  onClose: () => void;
  onDiscarded: () => void;
}

/** Confirms discarding a photo: it is deleted with its detections; nothing goes into the log. */
export function DiscardPhotoModal({ photoId, opened, onClose, onDiscarded }: DiscardPhotoModalProps) {
  const { reportError } = useSessionActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const discardPhoto = useMutation('photos.discard', { invalidates: ['photos.list', 'photos.get'] });

  const discard = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await discardPhoto.run({ photoId });
      setBusy(false);
      onDiscarded();
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Discard this photo?" centered>
      <Stack gap="md">
        <Text size="sm">The photo and what was found on it are deleted. Nothing is added to the client’s log.</Text>
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
            Keep it
          </Button>
          <Button color="red" onClick={() => void discard()} loading={busy} data-testid="photo-discard-confirm">
            Discard photo
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
