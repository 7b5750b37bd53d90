import { Alert, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Box, PhotoAnalysis } from '@contract/photos.ts';
import { todayIso } from '../../../lib/format.ts';
import { PhotoCanvas } from '../PhotoCanvas/PhotoCanvas.tsx';
import { analysisText, NOTHING_FOUND_TEXT } from '../photo-text.ts';
import { drawTarget, itemsFromAnalysis, manualItem, reviewPayload, type ReviewItem } from '../review-items.ts';
import { DiscardPhotoModal } from './DiscardPhotoModal.tsx';
import { MealFields, type MealValues } from './MealFields.tsx';
import { canvasBoxes } from './review-boxes.ts';
import { ReviewFooter } from './ReviewFooter.tsx';
import { ReviewItemRow } from './ReviewItemRow.tsx';
import { useSavePhoto, type SavePhotoPayload, type SavePhotoResult } from './use-save-photo.ts';
import { useAllergyCheck } from '../../log/use-allergy-check.ts';

interface ReviewEditorProps {
  clientId: string;
  analysis: PhotoAnalysis;
  imageSrc: string | null;
  imageError: React.ReactNode;
  onSaved: (result: SavePhotoResult, payload: SavePhotoPayload) => void;
  onDiscarded: () => void;
}

function initialItems(analysis: PhotoAnalysis): ReviewItem[] {
  const items = itemsFromAnalysis(analysis);
  // Nothing found: open the form for the first food entered by hand.
  return items.length > 0 ? items : [manualItem('manual-1')];
}

/** Review of one pending photo: the boxes on the photo, the items to confirm or correct, and the meal. */
export function ReviewEditor(props: ReviewEditorProps): React.JSX.Element {
  const { clientId, analysis, imageSrc, imageError, onSaved, onDiscarded } = props;
  const [items, setItems] = useState<ReviewItem[]>(() => initialItems(analysis));
  const nextManual = useRef(2);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [when, setWhen] = useState<MealValues>({ date: analysis.takenDate ?? todayIso(), time: '', meal: 'none' });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [localError, setLocalError] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const state = useSavePhoto(onSaved);
  const allergy = useAllergyCheck(
    clientId,
    items.flatMap((i) => (i.hit ? [i.hit.id] : [])),
  );
  const conflicting = new Set(allergy.conflicts.keys());
  const unconfirmed = items.some((i) => i.hit && conflicting.has(i.hit.id) && i.allergyReason.trim() === '');

  useEffect(() => {
    if (!drawing) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setDrawing(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawing]);

  const add = (box: Box | null): void => {
    const key = `manual-${nextManual.current++}`;
    setItems((list) => [...list, manualItem(key, box)]);
    setFocusKey(key);
    setLocalError(null);
  };

  const change = (key: string, patch: Partial<ReviewItem>): void => {
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));
    setLocalErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const payload = reviewPayload(items, conflicting);
    setLocalErrors(payload.errors);
    if (items.length === 0) {
      setLocalError('Add at least one food before saving the meal.');
      return;
    }
    if (Object.keys(payload.errors).length > 0) {
      setLocalError('Complete the items marked in red.');
      return;
    }
    setLocalError(null);
    await state.save(
      {
        photoId: analysis.photoId,
        date: when.date,
        time: when.time || null,
        meal: when.meal === 'none' ? null : when.meal,
        items: payload.items,
        confirm: false,
      },
      items.map((i) => i.key),
    );
  };

  const target = drawTarget(items);
  const drawn = (box: Box): void => {
    setDrawing(false);
    if (target) change(target.key, { box });
    else add(box);
  };

  const errors = { ...state.itemErrors, ...localErrors };
  return (
    <Grid gap="lg" data-testid="photo-review" data-photo-id={analysis.photoId}>
      <Grid.Col span={{ base: 12, md: 7 }}>
        {/* The photo stays in view while a long list of items scrolls. */}
        <Stack gap="xs" pos="sticky" top={72}>
          {imageError ?? (
            <PhotoCanvas
              src={imageSrc}
              photo={{ width: analysis.width, height: analysis.height }}
              boxes={canvasBoxes(items, analysis.references, activeKey)}
              drawing={drawing}
              onDrawn={drawn}
              drawingFor={target ? (target.hit ? `“${target.hit.name}”` : 'the item just added') : 'a new item'}
              alt={`Meal photo with ${items.length} ${items.length === 1 ? 'item' : 'items'}`}
            />
          )}
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed" data-testid="photo-analysis-info">
              {analysisText(analysis.provider, analysis.timings.totalMs)} · model {analysis.modelId}
            </Text>
            <Button
              size="xs"
              variant={drawing ? 'filled' : 'default'}
              aria-pressed={drawing}
              onClick={() => setDrawing((d) => !d)}
              disabled={!imageSrc}
              data-testid="photo-draw-box"
            >
              {drawing ? 'Stop drawing' : 'Draw a box'}
            </Button>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Review the meal">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Foods on this photo
            </Title>
            {analysis.flags.map((flag) => (
              <Alert key={flag} color="orange" variant="light" role="status" data-testid="photo-flag">
                {flag}
              </Alert>
            ))}
            {analysis.nothingFound && (
              <Alert color="yellow" variant="light" data-testid="photo-nothing-found">
                {NOTHING_FOUND_TEXT}
              </Alert>
            )}
            {items.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="photo-items-empty">
                No items. Add the foods on the photo by hand.
              </Text>
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {items.map((item, index) => (
                  <ReviewItemRow
                    key={item.key}
                    item={item}
                    index={index}
                    clientId={clientId}
                    error={errors[item.key]}
                    autoFocus={item.key === focusKey}
                    onChange={(patch) => change(item.key, patch)}
                    onRemove={() => setItems((list) => list.filter((i) => i.key !== item.key))}
                    onActive={(active) => setActiveKey(active ? item.key : null)}
                    conflict={item.hit ? allergy.conflicts.get(item.hit.id) : undefined}
                    saving={state.saving}
                  />
                ))}
              </Stack>
            )}
            <div>
              <Button variant="light" size="xs" onClick={() => add(null)} data-testid="photo-add-item">
                Add item
              </Button>
            </div>
            <MealFields
              values={when}
              onChange={(patch) => setWhen((w) => ({ ...w, ...patch }))}
              errors={state.fieldErrors}
              dateDescription={analysis.takenDate ? 'From the photo' : 'The photo has no date'}
            />
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
      <DiscardPhotoModal
        photoId={analysis.photoId}
        opened={discarding}
        onClose={() => setDiscarding(false)}
        onDiscarded={() => {
          setDiscarding(false);
          onDiscarded();
        }}
      />
    </Grid>
  );
}
