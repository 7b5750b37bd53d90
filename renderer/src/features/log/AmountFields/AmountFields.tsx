import { Group, NumberInput } from '@mantine/core';
import type { Portion } from '@contract/foods.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import type { NumberField } from '../../foods/custom-food-values.ts';
import { measureOptions } from '../log-text.ts';

interface AmountFieldsProps {
  /** The household measure when the amount is a count of one; undefined: the amount is in grams. */
  portion: Portion | undefined;
  portions: readonly Portion[];
  count: NumberField;
  onCountChange: (count: NumberField) => void;
  onPortionChange: (portion: Portion) => void;
  grams: NumberField;
  onGramsChange: (grams: NumberField) => void;
  countError?: string | undefined;
  gramsError?: string | undefined;
  /** The count field's widest, so the measure beside it gets the room. */
  countWidth: number;
  gramsDescription?: string | undefined;
  testIds: { count: string; measure: string; grams: string };
}

/** How much of a food: "How many" × a household measure, or grams. */
export function AmountFields(props: AmountFieldsProps): React.JSX.Element {
  const { portion, portions, testIds } = props;
  if (!portion) {
    return (
      <NumberInput
        label="Amount (g)"
        min={0}
        clampBehavior="none"
        decimalScale={1}
        value={props.grams}
        onChange={props.onGramsChange}
        error={props.gramsError}
        data-testid={testIds.grams}
        description={props.gramsDescription}
      />
    );
  }
  return (
    <Group align="flex-start" gap="sm" grow>
      <NumberInput
        label="How many"
        min={0}
        step={0.5}
        decimalScale={2}
        clampBehavior="none"
        value={props.count}
        onChange={props.onCountChange}
        error={props.countError}
        data-testid={testIds.count}
        maw={props.countWidth}
      />
      <ChoiceSelect<string>
        label="Measure"
        data={measureOptions(portions)}
        value={portion.id}
        onChange={(id) => {
          const chosen = portions.find((p) => p.id === id);
          if (chosen) props.onPortionChange(chosen);
        }}
        data-testid={testIds.measure}
      />
    </Group>
  );
}
