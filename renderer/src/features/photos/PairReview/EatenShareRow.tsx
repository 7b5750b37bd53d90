import { Group, NumberInput, Paper, Slider, Stack, Text } from '@mantine/core';
import type { AllergyConflict } from '../../foods/allergen-text.ts';
import { AllergyWarning } from '../../log/AllergyWarning/AllergyWarning.tsx';
import { eatenGrams } from './eaten.ts';

/** One food of a before-and-after pair as the practitioner adjusts it. */
export interface EatenRow {
  /** The before photo's item id. */
  key: string;
  foodId: string;
  foodName: string;
  label: string;
  /** Grams on the plate in the before photo (as proposed, editable); '' until given. */
  served: number | '';
  /** Share eaten, 0–1 in steps of 0.1. */
  share: number;
  /** The share proposed from the photos, and why. */
  proposed: number;
  basis: string;
  /** Why it is logged despite an allergy of the client (asked only for a conflicting food). */
  allergyReason: string;
}

interface EatenShareRowProps {
  row: EatenRow;
  onChange: (patch: Partial<EatenRow>) => void;
  error?: string | undefined;
  disabled?: boolean;
  /** The food conflicts with the client's allergies: the reason is asked for before saving. */
  conflict?: AllergyConflict | undefined;
}

const MARKS = [0, 50, 100].map((value) => ({ value, label: `${value} %` }));

/** A food's served amount, the share eaten on a 0–100 % slider in 10 % steps, and the eaten grams it logs. */
export function EatenShareRow({
  row,
  onChange,
  error,
  disabled = false,
  conflict,
}: EatenShareRowProps): React.JSX.Element {
  const percent = Math.round(row.share * 100);
  const eaten = row.served === '' ? null : eatenGrams(row.served, row.share);
  return (
    <Paper withBorder p="sm" component="li" data-testid="pair-item" data-item-id={row.key}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={600} size="sm" data-testid="pair-item-food">
            {row.foodName}
          </Text>
          <Text size="sm" data-testid="pair-item-eaten" aria-live="polite">
            {eaten === null ? 'Give the amount served' : `Eaten: ${eaten} g (${percent} %)`}
          </Text>
        </Group>
        <NumberInput
          label="Served (g, before the meal)"
          size="xs"
          min={1}
          max={5000}
          value={row.served}
          onChange={(v) => onChange({ served: typeof v === 'number' ? v : v === '' ? '' : Number(v) || '' })}
          error={error}
          disabled={disabled}
          data-testid="pair-item-served"
        />
        <div>
          <Text size="xs" id={`pair-share-${row.key}`} mb={4}>
            Share eaten
          </Text>
          <Slider
            min={0}
            max={100}
            step={10}
            marks={MARKS}
            value={percent}
            onChange={(v) => onChange({ share: Math.round(v / 10) / 10 })}
            label={(v) => `${v} %`}
            disabled={disabled}
            aria-labelledby={`pair-share-${row.key}`}
            thumbLabel={`Share of ${row.foodName} eaten`}
            data-testid="pair-item-share"
            mb="md"
          />
        </div>
        <Text size="xs" c="dimmed" data-testid="pair-item-basis">
          Proposed {Math.round(row.proposed * 100)} % from the photos. {row.basis}.
        </Text>
        {conflict && (
          <AllergyWarning
            conflict={conflict}
            reason={row.allergyReason}
            onReasonChange={(allergyReason) => onChange({ allergyReason })}
            disabled={disabled}
            testIdPrefix="pair-item-allergy"
          />
        )}
      </Stack>
    </Paper>
  );
}
