import { Alert, Button, Grid, Paper, Skeleton, Stack, Text } from '@mantine/core';
import type { PhotoAnalysis } from '@contract/photos.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { formatIsoDate } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import { PhotoCanvas } from '../PhotoCanvas/PhotoCanvas.tsx';
import { analysisText } from '../photo-text.ts';
import { itemsFromAnalysis } from '../review-items.ts';
import { canvasBoxes } from './review-boxes.ts';
import { ReviewEditor } from './ReviewEditor.tsx';
import type { SavePhotoPayload, SavePhotoResult } from './use-save-photo.ts';

interface PhotoReviewProps {
  clientId: string;
  photoId: string;
  status: 'pending' | 'saved';
  localDate: string | null;
  /** The analysis when this window made it (saves a photos.get). */
  analysis: PhotoAnalysis | null;
  onSaved: (result: SavePhotoResult, payload: SavePhotoPayload) => void;
  onDiscarded: () => void;
  onShowLog: () => void;
}

/** Loads one photo and its analysis, then shows the review (or, once saved, what was found). */
export function PhotoReview(props: PhotoReviewProps): React.JSX.Element {
  const { clientId, photoId, status, localDate, analysis: known, onSaved, onDiscarded, onShowLog } = props;
  const query = useCall('photos.get', { photoId }, { enabled: !known });
  const image = useCall('photos.image', { photoId, variant: 'full' }, { staleTime: Infinity });
  const loaded = known ?? query.data;
  const analysis = loaded?.photoId === photoId ? loaded : undefined;
  const src = image.data ? `data:${image.data.mime};base64,${image.data.dataBase64}` : null;
  const imageError = image.error ? (
    <ErrorAlert title="Could not load the photo" error={image.error} onRetry={image.reload} />
  ) : null;

  if (!analysis) {
    if (query.error) {
      return <ErrorAlert title="Could not load the photo’s analysis" error={query.error} onRetry={query.reload} />;
    }
    return (
      <Grid gap="lg" aria-busy="true" aria-label="Loading the photo" data-testid="photo-review-loading">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Skeleton height={360} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xs">
            <Skeleton height={90} />
            <Skeleton height={90} />
          </Stack>
        </Grid.Col>
      </Grid>
    );
  }

  if (status === 'saved') {
    return (
      <Grid gap="lg" data-testid="photo-review" data-photo-id={photoId} data-status="saved">
        <Grid.Col span={{ base: 12, md: 7 }}>
          {imageError ?? (
            <PhotoCanvas
              src={src}
              photo={{ width: analysis.width, height: analysis.height }}
              boxes={canvasBoxes(itemsFromAnalysis(analysis), analysis.references, null)}
              drawing={false}
              onDrawn={() => undefined}
              alt="Meal photo (saved)"
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Alert color="teal" variant="light" title="Saved to the log" data-testid="photo-saved-notice">
                This meal is in the client’s log{localDate ? ` on ${formatIsoDate(localDate)}` : ''}. Edit or delete its
                entries from the Log tab.
              </Alert>
              <Text size="xs" c="dimmed">
                {analysisText(analysis.provider, analysis.timings.totalMs)} · model {analysis.modelId}
              </Text>
              <div>
                <Button variant="default" size="xs" onClick={onShowLog} data-testid="photo-show-log">
                  Open the log
                </Button>
              </div>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    );
  }

  return (
    <ReviewEditor
      clientId={clientId}
      analysis={analysis}
      imageSrc={src}
      imageError={imageError}
      onSaved={onSaved}
      onDiscarded={onDiscarded}
    />
  );
}
