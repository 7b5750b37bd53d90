import { ActionIcon, Alert, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { AllergyConflict } from '../../foods/allergen-text.ts';
import { FoodPicker } from '../../foods/FoodPicker/FoodPicker.tsx';
import { AllergyWarning } from '../../log/AllergyWarning/AllergyWarning.tsx';
import { classLabelText, percentText, portionBasisText, proposalText, rangeText } from '../photo-text.ts';
import type { ReviewItem } from '../review-items.ts';
import { ItemAmount } from './ItemAmount.tsx';

interface ReviewItemRowProps {
  item: ReviewItem;
  index: number;
  clientId: string;
  error?: string;
  autoFocus: boolean;
  onChange: (patch: Partial<ReviewItem>) => void;
  onRemove: () => void;
  /** Highlights the item's box while the row has the pointer or the focus. */
  onActive: (active: boolean) => void;
  /** The item's food conflicts with the client's allergies. */
  conflict?: AllergyConflict | undefined;
  saving: boolean;
}

/** One food on the photo: where it came from, the food (searchable), its amount, and remove. */
export function ReviewItemRow(props: ReviewItemRowProps): React.JSX.Element {
  const { item, index, clientId, error, autoFocus, onChange, onRemove, onActive, conflict, saving } = props;
  const detected = item.origin === 'detected' && item.detected;
  // The detector's class names the row, and its proposal shows, only while the food is still the one it
  // proposed: once the practitioner picks another food, the row is that food and the proposal is gone.
  const asProposed = detected && item.hit?.id === detected.foodId ? detected : null;
  const name = asProposed ? classLabelText(asProposed.label) : (item.hit?.name ?? `item ${index + 1}`);
  const basis = asProposed ? portionBasisText(asProposed.portionBasis) : null;
  const range = asProposed ? rangeText(asProposed.range) : null;
  return (
    <Paper
      withBorder
      p="sm"
      component="li"
      onMouseEnter={() => onActive(true)}
      onMouseLeave={() => onActive(false)}
      onFocus={() => onActive(true)}
      onBlur={() => onActive(false)}
      data-testid="photo-item"
      data-origin={item.origin}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            {asProposed && (
              <Text fw={600} size="sm" data-testid="photo-item-name">
                {name}
              </Text>
            )}
            <Badge
              variant="light"
              color={detected ? 'blue' : 'orange'}
              data-testid="photo-item-origin"
              title={detected ? `The detector's confidence for “${detected.label}”` : 'Entered by hand'}
            >
              {detected ? `Detected ${percentText(detected.confidence)}` : 'Entered'}
            </Badge>
            {!detected && item.box && (
              <Text size="xs" c="dimmed">
                box drawn on the photo
              </Text>
            )}
          </Group>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove ${name} (item ${index + 1})`}
            onClick={onRemove}
            data-testid="photo-item-remove"
          >
            ×
          </ActionIcon>
        </Group>
        {asProposed && (
          <Stack gap={2}>
            <Text size="sm" data-testid="photo-item-proposal">
              Proposed: {proposalText(asProposed)}
              {range ? ` · ${range}` : ''}
            </Text>
            {basis && (
              <Text size="xs" c="dimmed" data-testid="photo-item-basis">
                Basis: {basis}
              </Text>
            )}
          </Stack>
        )}
        {asProposed && asProposed.flag && (
          <Alert
            color="orange"
            variant="light"
            p="xs"
            title="Check this amount"
            role="status"
            data-testid="photo-item-flag"
          >
            {asProposed.flag}
          </Alert>
        )}
        <FoodPicker
          label="Food"
          value={item.hit}
          onChange={(hit) => onChange({ hit, portion: null, mode: 'grams' })}
          clientId={clientId}
          autoFocus={autoFocus}
          error={!item.hit ? error : undefined}
          description={
            detected && !item.hit ? `The detector saw “${detected.label}” but no food is linked to it.` : undefined
          }
          testId="photo-item-food"
          optionTestId="photo-item-food-option"
        />
        <ItemAmount item={item} onChange={onChange} error={item.hit ? error : undefined} />
        {conflict && (
          <AllergyWarning
            conflict={conflict}
            reason={item.allergyReason}
            onReasonChange={(allergyReason) => onChange({ allergyReason })}
            disabled={saving}
            testIdPrefix="photo-item-allergy"
          />
        )}
      </Stack>
    </Paper>
  );
}
