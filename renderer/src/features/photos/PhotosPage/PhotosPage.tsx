import { Anchor, Button, Container, EmptyState, Group, Loader, Stack, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatRoute } from '../../../app/route.ts';
import { navigate } from '../../../app/use-route.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useCall, useInvalidate } from '../../../lib/query.ts';
import { setClientPageIntent } from '../../clients/client-page-intent.ts';
import { EnergyVisibility, hidesEnergy } from '../../clients/energy-visibility.ts';
import { useSettings } from '../../../app/settings-context.ts';
import { addPhotoFiles, currentRunPhotoIds, markPhoto, usePhotoBatch } from '../photo-batch-store.ts';
import { defaultSelection, nextPending, stripEntries } from '../photo-strip.ts';
import { savedText } from '../photo-text.ts';
import { PhotoDropZone } from '../PhotoDropZone/PhotoDropZone.tsx';
import { PhotoReview } from '../PhotoReview/PhotoReview.tsx';
import { PhotoStrip } from '../PhotoStrip/PhotoStrip.tsx';
import { BatchProgress } from './BatchProgress.tsx';
import { PairPhotosModal } from '../PairReview/PairPhotosModal.tsx';
import { PairReview } from '../PairReview/PairReview.tsx';

/** "Analyse photos" for one client: drop or choose photos, follow the analysis, review and save each meal. */
export function PhotosPage({ clientId }: { clientId: string }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const batch = usePhotoBatch(clientId);
  const { settings } = useSettings();
  const [picked, setPicked] = useState<string | null>(null);
  const [pairing, setPairing] = useState<string | null>(null);
  const client = useCall('clients.get', { id: clientId });
  const analysed = batch.files.flatMap((f) => (f.analysis ? [f.analysis] : []));
  const list = useCall('photos.list', { clientId });
  // Each photo the batch has analysed is stored by the core: the list is stale.
  const invalidate = useInvalidate();
  useEffect(() => {
    if (analysed.length > 0) invalidate(['photos.list']);
  }, [analysed.length, invalidate]);
  const entries = stripEntries(analysed, list.data, batch.statuses);
  const current = defaultSelection(entries, picked, currentRunPhotoIds(batch));
  const name = client.data?.name ?? 'the client';

  const openLog = (date?: string): void => {
    setClientPageIntent(clientId, { tab: 'log', date });
    navigate({ name: 'client', id: clientId });
  };

  const mark = (photoId: string, status: 'saved' | 'discarded', also: string[] = []): void => {
    const ids = [photoId, ...also];
    for (const id of ids) markPhoto(clientId, id, status);
    const after = entries.flatMap((e) => {
      if (!ids.includes(e.photoId)) return [e];
      return status === 'saved' ? [{ ...e, status: 'saved' as const }] : [];
    });
    setPicked(nextPending(after, photoId) ?? (status === 'saved' ? photoId : null));
  };

  // Before-and-after pairs, as the core lists them.
  const pairOf = (photoId: string) => list.data?.find((p) => p.id === photoId)?.pair ?? null;
  const pairCandidates = current
    ? entries.flatMap((entry, index) =>
        entry.status === 'pending' && entry.photoId !== current.photoId && !pairOf(entry.photoId)
          ? [{ entry, index }]
          : [],
      )
    : [];
  const currentPair = current?.status === 'pending' ? pairOf(current.photoId) : null;

  const back = (
    <Anchor
      href={formatRoute({ name: 'client', id: clientId })}
      size="sm"
      onClick={(e) => {
        e.preventDefault();
        navigate({ name: 'client', id: clientId });
      }}
      data-testid="photos-back"
    >
      ← {client.data?.name ?? 'Client'}
    </Anchor>
  );

  let body: React.ReactNode;
  if (client.error?.code === 'not-found') {
    body = <ErrorAlert title="Client not found" error={client.error} />;
  } else if (entries.length === 0 && !list.data && list.loading) {
    body = <Loader size="sm" aria-label="Loading the photos" />;
  } else if (entries.length === 0 && batch.running) {
    body = null;
  } else if (entries.length === 0) {
    body = list.error ? (
      <ErrorAlert title="Could not load the photos" error={list.error} onRetry={list.reload} />
    ) : (
      <EmptyState
        title={`No meal photos for ${name} to review`}
        description="Drop photos of a meal above, or choose them from a folder. Each is analysed on this computer; you confirm the foods and amounts before anything goes into the log."
        data-testid="photos-empty"
      />
    );
  } else {
    body = (
      <Stack gap="md">
        {list.error && <ErrorAlert title="Could not load all photos" error={list.error} onRetry={list.reload} />}
        <PhotoStrip
          entries={entries}
          selectedId={current?.photoId ?? null}
          onSelect={setPicked}
          roles={Object.fromEntries(
            (list.data ?? []).flatMap((p) => (p.pair && p.status === 'pending' ? [[p.id, p.pair.role]] : [])),
          )}
        />
        {current && (
          // Working on a photo pins it, so a photo analysed meanwhile does not take its place.
          <div
            onFocusCapture={() => picked !== current.photoId && setPicked(current.photoId)}
            onPointerDownCapture={() => picked !== current.photoId && setPicked(current.photoId)}
          >
            <EnergyVisibility hidden={client.data ? hidesEnergy(client.data, settings) : true}>
              {current.status === 'pending' && !currentPair && pairCandidates.length > 0 && (
                <Group justify="flex-end" mb="xs">
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => setPairing(current.photoId)}
                    data-testid="photo-pair-open"
                  >
                    Pair as before/after…
                  </Button>
                </Group>
              )}
              {currentPair ? (
                <PairReview
                  key={current.photoId}
                  clientId={clientId}
                  photoId={current.photoId}
                  onSaved={(result, payload, afterId) => {
                    notify({
                      message: savedText(result.entryIds.length, payload.meal ?? null, payload.date),
                      action: { label: 'Show', onClick: () => openLog(payload.date), testId: 'photo-saved-show' },
                    });
                    for (const warning of result.warnings)
                      notify({ title: 'Please check', message: warning, color: 'yellow' });
                    mark(result.photoId, 'saved', [afterId]);
                  }}
                  onUnpaired={() => notify({ message: 'The photos are no longer paired.' })}
                  onDiscarded={([first, ...rest]) => {
                    notify({ message: 'Both photos were discarded.' });
                    if (first) mark(first, 'discarded', rest);
                  }}
                />
              ) : (
                <PhotoReview
                  key={current.photoId}
                  clientId={clientId}
                  photoId={current.photoId}
                  status={current.status}
                  localDate={current.localDate}
                  analysis={analysed.find((a) => a.photoId === current.photoId) ?? null}
                  onShowLog={() => openLog(current.localDate ?? undefined)}
                  onSaved={(result, payload) => {
                    notify({
                      message: savedText(result.entryIds.length, payload.meal ?? null, payload.date),
                      action: { label: 'Show', onClick: () => openLog(payload.date), testId: 'photo-saved-show' },
                    });
                    for (const warning of result.warnings)
                      notify({ title: 'Please check', message: warning, color: 'yellow' });
                    mark(result.photoId, 'saved');
                  }}
                  onDiscarded={() => {
                    notify({ message: 'The photo was discarded.' });
                    mark(current.photoId, 'discarded');
                  }}
                />
              )}
            </EnergyVisibility>
          </div>
        )}
      </Stack>
    );
  }

  return (
    <Container size="xl" px={0} data-testid="photos-view">
      <Stack gap="md">
        {back}
        <Group justify="space-between" align="flex-end">
          <Title order={1} size="h2">
            Meal photos{client.data ? ` · ${client.data.name}` : ''}
          </Title>
        </Group>
        <PhotoDropZone
          onFiles={(files) => {
            // Show the new photos as they come in, unless a photo is being reviewed.
            if (current?.status !== 'pending') setPicked(null);
            addPhotoFiles(clientId, files, reportError);
          }}
          hint="Drop more meal photos here"
          buttonLabel="Add photos…"
        />
        <BatchProgress clientId={clientId} batch={batch} />
        {body}
        <PairPhotosModal
          photoId={pairing}
          candidates={pairCandidates}
          onClose={() => setPairing(null)}
          onPaired={(ids) => {
            setPairing(null);
            setPicked(ids.beforeId);
            notify({ message: 'Paired: adjust the share of each food eaten, then save.' });
          }}
        />
      </Stack>
    </Container>
  );
}
