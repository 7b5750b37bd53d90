import { Alert, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { useState } from 'react';
import { toApiError } from '../../../lib/errors.ts';
import { useMutation } from '../../../lib/query.ts';
import type { StripEntry } from '../photo-strip.ts';
import { PhotoThumb } from '../PhotoStrip/PhotoThumb.tsx';

interface PairPhotosModalProps {
  /** The photo being reviewed. */
  photoId: string | null;
  /** The other photos it can be paired with (pending, unpaired), with their place in the strip. */
  candidates: { entry: StripEntry; index: number }[];
  onClose: () => void;
  onPaired: (pair: { beforeId: string; afterId: string }) => void;
}

/** Pairs the photo being reviewed with another as before and after the meal; the practitioner says which is which. */
export function PairPhotosModal({ photoId, candidates, onClose, onPaired }: PairPhotosModalProps): React.JSX.Element {
  const [role, setRole] = useState<'before' | 'after'>('before');
  const [other, setOther] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pair = useMutation('photos.pair', { invalidates: ['photos.list', 'photos.get', 'photos.pairing'] });
  const chosen = other && candidates.some((c) => c.entry.photoId === other) ? other : null;

  const confirm = async (): Promise<void> => {
    if (!photoId || !chosen) return;
    setError(null);
    const ids = role === 'before' ? { beforeId: photoId, afterId: chosen } : { beforeId: chosen, afterId: photoId };
    try {
      await pair.run(ids);
      onPaired(ids);
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  return (
    <AppModal
      opened={photoId !== null}
      onClose={onClose}
      title="Pair as before and after the meal"
      centered
      size="lg"
      data-testid="pair-dialog"
    >
      <Stack gap="md">
        <div>
          <Text size="sm" mb={4} id="pair-role-label">
            The photo you are reviewing was taken
          </Text>
          <SegmentedControl
            aria-labelledby="pair-role-label"
            value={role}
            onChange={(v) => setRole(v === 'after' ? 'after' : 'before')}
            data={[
              { value: 'before', label: 'Before the meal' },
              { value: 'after', label: 'After the meal' },
            ]}
            data-testid="pair-role"
          />
        </div>
        <Text size="sm">Choose the {role === 'before' ? 'after' : 'before'} photo:</Text>
        <Group gap="sm" data-testid="pair-candidates">
          {candidates.map(({ entry, index }) => (
            <PhotoThumb
              key={entry.photoId}
              entry={entry}
              index={index}
              selected={entry.photoId === chosen}
              onSelect={() => setOther(entry.photoId)}
            />
          ))}
        </Group>
        {error && (
          <Alert color="red" variant="light" role="alert" data-testid="pair-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="pair-cancel">
            Cancel
          </Button>
          <Button onClick={() => void confirm()} disabled={!chosen} loading={pair.pending} data-testid="pair-confirm">
            Pair the photos
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
