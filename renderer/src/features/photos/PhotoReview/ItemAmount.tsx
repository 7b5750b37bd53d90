import { SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { formatNumber, formatNutrient } from '../../../lib/format.ts';
import { scaleNutrients } from '../../../lib/nutrients.ts';
import { useCall } from '../../../lib/query.ts';
import { numberOrNull } from '../../foods/custom-food-values.ts';
import { AmountFields } from '../../log/AmountFields/AmountFields.tsx';
import { measureGrams } from '../../log/log-text.ts';
import type { ReviewItem } from '../review-items.ts';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';

interface ItemAmountProps {
  item: ReviewItem;
  onChange: (patch: Partial<ReviewItem>) => void;
  error?: string;
}

/** The amount of one item: grams, or a household measure × count from the food's portions. */
export function ItemAmount({ item, onChange, error }: ItemAmountProps): React.JSX.Element | null {
  const foodId = item.hit?.id ?? '';
  const hideEnergy = useEnergyHidden();
  const query = useCall('foods.get', { id: foodId }, { enabled: foodId !== '', staleTime: Infinity });
  const food = query.data?.id === foodId ? query.data : undefined;
  // A counted proposal ("2 × medium") starts on the food's own measure of the proposed grams, chosen once the
  // measures load; a food without that measure falls back to the proposed grams.
  const needsPortion = item.mode === 'measure' && item.portion === null && food !== undefined;
  useEffect(() => {
    if (!needsPortion || !food) return;
    const wanted = item.measureGrams;
    const match = wanted === null ? food.portions[0] : food.portions.find((p) => Math.abs(p.grams - wanted) < 0.5);
    onChange(match ? { portion: match } : { mode: 'grams' });
  }, [needsPortion, food, item.measureGrams, onChange]);
  // The food's measures could not be loaded: the proposed grams (already filled in) are used instead, so the
  // item can still be saved.
  const measuresFailed = item.mode === 'measure' && item.portion === null && query.error !== null;
  useEffect(() => {
    if (measuresFailed) onChange({ mode: 'grams' });
  }, [measuresFailed, onChange]);
  if (!item.hit) return null;
  const portions = food?.portions ?? [];
  const portion = item.portion && portions.some((p) => p.id === item.portion?.id) ? item.portion : portions[0];
  const count = numberOrNull(item.count);
  const grams =
    item.mode === 'measure'
      ? portion && count !== null
        ? measureGrams(count, portion)
        : null
      : numberOrNull(item.grams);
  const nutrients = food && grams !== null && grams > 0 ? scaleNutrients(food.nutrients, grams) : null;

  return (
    <Stack gap={6}>
      {food && portions.length > 0 && (
        <SegmentedControl
          size="xs"
          aria-label="Amount as"
          data={[
            { value: 'grams', label: 'Grams' },
            { value: 'measure', label: 'Household measure' },
          ]}
          value={item.mode}
          onChange={(v) =>
            onChange(v === 'measure' ? { mode: 'measure', portion: portion ?? null } : { mode: 'grams' })
          }
          data-testid="photo-item-amount-mode"
        />
      )}
      <AmountFields
        portion={item.mode === 'measure' ? portion : undefined}
        portions={portions}
        count={item.count}
        onCountChange={(count) => onChange({ count })}
        onPortionChange={(chosen) => onChange({ portion: chosen })}
        grams={item.grams}
        onGramsChange={(grams) => onChange({ grams })}
        countError={error}
        gramsError={error}
        countWidth={120}
        testIds={{ count: 'photo-item-count', measure: 'photo-item-measure', grams: 'photo-item-grams' }}
      />
      {!food && !query.error && <Skeleton height={14} width="50%" aria-label="Loading the food’s measures" />}
      {query.error && (
        <Text size="xs" c="red" role="alert">
          {query.error.message}
        </Text>
      )}
      {nutrients && grams !== null && (
        <Text size="xs" c="dimmed" data-testid="photo-item-kcal">
          {formatNumber(grams)} g ≈{' '}
          {[
            hideEnergy
              ? null
              : nutrients.energyKcal === undefined
                ? 'energy unknown'
                : formatNutrient(nutrients.energyKcal, 'kcal'),
            nutrients.proteinG === undefined ? null : `protein ${formatNutrient(nutrients.proteinG, 'g')}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      )}
    </Stack>
  );
}
