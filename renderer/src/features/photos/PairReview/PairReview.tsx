import { Alert, Button, Grid, Group, Image, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { PhotoAnalysis, PhotoPairing } from '@contract/photos.ts';
import { ConfirmModal } from '../../../components/ConfirmModal/ConfirmModal.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { todayIso } from '../../../lib/format.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { MealFields, type MealValues } from '../PhotoReview/MealFields.tsx';
import { ReviewFooter } from '../PhotoReview/ReviewFooter.tsx';
import { useSavePhoto, type SavePhotoPayload, type SavePhotoResult } from '../PhotoReview/use-save-photo.ts';
import { useAllergyCheck } from '../../log/use-allergy-check.ts';
import { EatenShareRow, type EatenRow } from './EatenShareRow.tsx';

interface PairReviewProps {
  clientId: string;
  /** Either photo of the pair. */
  photoId: string;
  onSaved: (result: SavePhotoResult, payload: SavePhotoPayload, afterId: string) => void;
  onUnpaired: () => void;
  onDiscarded: (photoIds: string[]) => void;
}

const PAIR_SCOPES = ['photos.list', 'photos.get', 'photos.pairing'] as const;

function PairPhoto({ photoId, label }: { photoId: string; label: string }): React.JSX.Element {
  const image = useCall('photos.image', { photoId, variant: 'full' }, { staleTime: Infinity });
  return (
    <Stack gap={4} data-testid="pair-photo" data-photo-id={photoId}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {image.data ? (
        <Image src={`data:${image.data.mime};base64,${image.data.dataBase64}`} alt={`${label} photo`} radius="sm" />
      ) : image.error ? (
        <ErrorAlert title="Could not load the photo" error={image.error} onRetry={image.reload} />
      ) : (
        <Skeleton height={220} />
      )}
    </Stack>
  );
}

function initialRows(before: PhotoAnalysis, pairing: PhotoPairing): EatenRow[] {
  return before.items.flatMap((item) => {
    const p = pairing.items.find((i) => i.beforeItemId === item.id);
    if (!item.foodId || !p) return [];
    return [
      {
        key: item.id,
        foodId: item.foodId,
        foodName: item.foodName ?? item.label,
        label: item.label,
        served: item.grams ?? '',
        share: p.share,
        proposed: p.share,
        basis: p.basis,
        allergyReason: '',
      },
    ];
  });
}

/**
 * A before-and-after pair: both photos side by side, each food of the before photo with the share eaten
 * proposed from the photos (a slider, 10 % steps) and the eaten grams that saving logs.
 */
export function PairReview({
  clientId,
  photoId,
  onSaved,
  onUnpaired,
  onDiscarded,
}: PairReviewProps): React.JSX.Element {
  const pairing = useCall('photos.pairing', { photoId });
  const beforeId = pairing.data?.beforeId ?? photoId;
  const before = useCall('photos.get', { photoId: beforeId }, { enabled: Boolean(pairing.data) });
  if (pairing.error) {
    return <ErrorAlert title="Could not load the pair" error={pairing.error} onRetry={pairing.reload} />;
  }
  if (before.error) {
    return <ErrorAlert title="Could not load the before photo" error={before.error} onRetry={before.reload} />;
  }
  if (!pairing.data || !before.data || before.data.photoId !== pairing.data.beforeId) {
    return <Skeleton height={360} aria-label="Loading the pair" data-testid="pair-review-loading" />;
  }
  return (
    <PairEditor
      key={pairing.data.beforeId}
      clientId={clientId}
      pairing={pairing.data}
      before={before.data}
      onSaved={onSaved}
      onUnpaired={onUnpaired}
      onDiscarded={onDiscarded}
    />
  );
}

function PairEditor(
  props: Omit<PairReviewProps, 'photoId'> & { pairing: PhotoPairing; before: PhotoAnalysis },
): React.JSX.Element {
  const { clientId, pairing, before, onSaved, onUnpaired, onDiscarded } = props;
  const [rows, setRows] = useState<EatenRow[]>(() => initialRows(before, pairing));
  const [when, setWhen] = useState<MealValues>({ date: before.takenDate ?? todayIso(), time: '', meal: 'none' });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [localError, setLocalError] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const state = useSavePhoto((result, payload) => onSaved(result, payload, pairing.afterId));
  const unpair = useMutation('photos.unpair', { invalidates: PAIR_SCOPES });
  const discard = useMutation('photos.discard', { invalidates: PAIR_SCOPES });
  const [unpairError, setUnpairError] = useState<string | null>(null);
  const left = before.items.filter((i) => !i.foodId);
  const allergy = useAllergyCheck(
    clientId,
    rows.map((r) => r.foodId),
  );
  const conflicting = new Set(allergy.conflicts.keys());
  const unconfirmed = rows.some((r) => conflicting.has(r.foodId) && r.allergyReason.trim() === '');

  const change = (key: string, patch: Partial<EatenRow>): void => {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setLocalErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const errors = Object.fromEntries(
      rows.flatMap((r) => (r.served === '' || r.served <= 0 ? [[r.key, 'Give the grams served.']] : [])),
    );
    setLocalErrors(errors);
    if (rows.length === 0) {
      setLocalError('No food of the before photo is in the food database: unpair and review the photo instead.');
      return;
    }
    if (Object.keys(errors).length > 0) {
      setLocalError('Complete the items marked in red.');
      return;
    }
    setLocalError(null);
    const item = (r: EatenRow) => before.items.find((i) => i.id === r.key);
    await state.save(
      {
        photoId: pairing.beforeId,
        date: when.date,
        time: when.time || null,
        meal: when.meal === 'none' ? null : when.meal,
        items: rows.map((r) => ({
          foodId: r.foodId,
          grams: r.served === '' ? null : r.served,
          amount: null,
          box: item(r)?.box ?? null,
          label: r.label,
          origin: 'detected' as const,
          eatenShare: r.share,
          ...(conflicting.has(r.foodId) ? { allergyConfirmation: { reason: r.allergyReason.trim() } } : {}),
        })),
        confirm: false,
      },
      rows.map((r) => r.key),
    );
  };

  const errors = { ...state.itemErrors, ...localErrors };
  return (
    <Grid gap="lg" data-testid="pair-review" data-before-id={pairing.beforeId} data-after-id={pairing.afterId}>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="xs" pos="sticky" top={72}>
          <Grid gap="sm">
            <Grid.Col span={6}>
              <PairPhoto photoId={pairing.beforeId} label="Before" />
            </Grid.Col>
            <Grid.Col span={6}>
              <PairPhoto photoId={pairing.afterId} label="After" />
            </Grid.Col>
          </Grid>
          <Text size="xs" c="dimmed">
            Measured against{' '}
            {pairing.frame === 'plate'
              ? 'the plate seen in both photos'
              : 'the whole photo (no plate was found in both)'}
            . The shares are proposals from the visible change: check each against the photos.
          </Text>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="What was eaten">
          <Stack gap="sm">
            <Title order={2} size="h4">
              What was eaten
            </Title>
            {left.length > 0 && (
              <Alert color="yellow" variant="light" data-testid="pair-left-out">
                Left out (not a food in the database): {left.map((i) => i.label).join(', ')}.
              </Alert>
            )}
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {rows.map((row) => (
                <EatenShareRow
                  key={row.key}
                  row={row}
                  onChange={(patch) => change(row.key, patch)}
                  error={errors[row.key]}
                  disabled={state.saving}
                  conflict={allergy.conflicts.get(row.foodId)}
                />
              ))}
            </Stack>
            <MealFields
              values={when}
              onChange={(patch) => setWhen((w) => ({ ...w, ...patch }))}
              errors={state.fieldErrors}
              dateDescription={before.takenDate ? 'From the before photo' : 'The photo has no date'}
            />
            {unpairError && (
              <Alert color="red" variant="light" role="alert">
                {unpairError}
              </Alert>
            )}
            <Group justify="flex-start">
              <Button
                variant="default"
                size="xs"
                disabled={state.saving}
                onClick={() => {
                  setUnpairError(null);
                  unpair
                    .run({ photoId: pairing.beforeId })
                    .then(onUnpaired)
                    .catch((e: unknown) => setUnpairError(e instanceof Error ? e.message : String(e)));
                }}
                data-testid="pair-unpair"
              >
                Unpair the photos
              </Button>
            </Group>
            <ReviewFooter
              state={state}
              localError={localError}
              onDiscard={() => setDiscarding(true)}
              allergy={conflicting.size > 0}
              saveDisabled={allergy.checking || unconfirmed}
            />
          </Stack>
        </form>
      </Grid.Col>
      <ConfirmModal
        subject={discarding ? pairing : null}
        onClose={() => setDiscarding(false)}
        labels={{ title: 'Discard both photos?', confirm: 'Discard both', cancel: 'Keep them' }}
        centered
        onConfirm={async (p) => {
          // The before photo first: discarding it releases the after photo, which then goes too.
          await discard.run({ photoId: p.beforeId });
          await discard.run({ photoId: p.afterId });
          setDiscarding(false);
          onDiscarded([p.beforeId, p.afterId]);
        }}
        testIdPrefix="pair-discard"
      >
        <Text size="sm">
          The before and the after photo and what was found on them are deleted. Nothing is added to the client’s log.
          To keep one of them, unpair the photos first.
        </Text>
      </ConfirmModal>
    </Grid>
  );
}
