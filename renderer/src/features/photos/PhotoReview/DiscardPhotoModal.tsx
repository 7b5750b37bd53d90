import { Text } from '@mantine/core';
import { ConfirmModal } from '../../../components/ConfirmModal/ConfirmModal.tsx';
import { useMutation } from '../../../lib/query.ts';

interface DiscardPhotoModalProps {
  photoId: string;
  opened: boolean;
  onClose: () => void;
  onDiscarded: () => void;
}

/** Confirms discarding a photo: it is deleted with its detections; nothing goes into the log. */
export function DiscardPhotoModal({ photoId, opened, onClose, onDiscarded }: DiscardPhotoModalProps) {
  const discardPhoto = useMutation('photos.discard', { invalidates: ['photos.list', 'photos.get'] });
  return (
    <ConfirmModal
      opened={opened}
      onClose={onClose}
      title="Discard this photo?"
      centered
      cancelLabel="Keep it"
      confirmLabel="Discard photo"
      onConfirm={() => discardPhoto.run({ photoId }).then(onDiscarded)}
      testIdPrefix="photo-discard"
    >
      <Text size="sm">The photo and what was found on it are deleted. Nothing is added to the client’s log.</Text>
    </ConfirmModal>
  );
}
