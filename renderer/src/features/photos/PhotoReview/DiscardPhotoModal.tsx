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
      subject={opened ? photoId : null}
      onClose={onClose}
      labels={{ title: 'Discard this photo?', confirm: 'Discard photo', cancel: 'Keep it' }}
      centered
      onConfirm={(id) => discardPhoto.run({ photoId: id }).then(onDiscarded)}
      testIdPrefix="photo-discard"
    >
      <Text size="sm">The photo and what was found on it are deleted. Nothing is added to the client’s log.</Text>
    </ConfirmModal>
  );
}
