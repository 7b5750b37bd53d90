import { SegmentedControl, Stack } from '@mantine/core';
import { AmountFields } from './AmountFields.tsx';
import type { FoodAmount } from './use-food-amount.ts';

interface FoodAmountFieldsProps {
  amount: FoodAmount;
  countError?: string | undefined;
  gramsError?: string | undefined;
  /** "log" → log-amount-mode, log-amount-count, log-amount-measure, log-grams. */
  testIdPrefix: string;
}

/** "Household measure" or "Grams", and the fields of the chosen way (shown once the food is loaded). */
export function FoodAmountFields({ amount, countError, gramsError, testIdPrefix: p }: FoodAmountFieldsProps) {
  if (!amount.food) return null;
  const { portions } = amount;
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Amount as"
        data={[
          { value: 'measure', label: 'Household measure', disabled: portions.length === 0 },
          { value: 'grams', label: 'Grams' },
        ]}
        value={amount.mode}
        onChange={(v) => amount.setMode(v === 'grams' ? 'grams' : 'measure')}
        data-testid={`${p}-amount-mode`}
      />
      <AmountFields
        portion={amount.mode === 'measure' ? amount.portion : undefined}
        portions={portions}
        count={amount.count}
        onCountChange={amount.setCount}
        onPortionChange={(portion) => amount.setPortionId(portion.id)}
        grams={amount.grams}
        onGramsChange={amount.setGrams}
        countError={countError}
        gramsError={gramsError}
        countWidth={140}
        gramsDescription={portions.length === 0 ? 'This food has no household measures.' : undefined}
        testIds={{ count: `${p}-amount-count`, measure: `${p}-amount-measure`, grams: `${p}-grams` }}
      />
    </Stack>
  );
}
