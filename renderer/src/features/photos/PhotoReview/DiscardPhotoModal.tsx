import { Modal, Stack, Text } from '@mantine/core';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { useMutation } from '../../../lib/query.ts';

interface DiscardPhotoModalProps {
  photoId: string;
  opened: boolean;
  onClose: () => void;
  onDiscarded: () => void;
}

/** Confirms discarding a photo: it is deleted with its detections; nothing goes into the log. */
export function DiscardPhotoModal({ photoId, opened, onClose, onDiscarded }: DiscardPhotoModalProps) {
  const action = useAction();
  const discardPhoto = useMutation('photos.discard', { invalidates: ['photos.list', 'photos.get'] });

  const discard = async (): Promise<void> => {
    if (await action.run(() => discardPhoto.run({ photoId }))) onDiscarded();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Discard this photo?" centered>
      <Stack gap="md">
        <Text size="sm">The photo and what was found on it are deleted. Nothing is added to the client’s log.</Text>
        <FormActions
          error={action.error}
          busy={action.busy}
          onCancel={onClose}
          cancelLabel="Keep it"
          focusCancel
          confirmLabel="Discard photo"
          onConfirm={() => void discard()}
          confirmColor="red"
          testIds={{ confirm: 'photo-discard-confirm' }}
        />
      </Stack>
    </Modal>
  );
}
