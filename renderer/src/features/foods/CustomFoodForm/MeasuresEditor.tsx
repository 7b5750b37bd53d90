import { ActionIcon, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import type { MeasureValues } from '../custom-food-values.ts';

interface MeasuresEditorProps {
  measures: MeasureValues[];
  errors: Record<string, string>;
  onChange: (measures: MeasureValues[]) => void;
}

/** Household measures ("1 cup = 120 g"): add and remove rows. */
export function MeasuresEditor({ measures, errors, onChange }: MeasuresEditorProps): React.JSX.Element {
  const update = (key: number, patch: Partial<MeasureValues>): void =>
    onChange(measures.map((m) => (m.key === key ? { ...m, ...patch } : m)));
  const add = (): void =>
    onChange([...measures, { key: Math.max(0, ...measures.map((m) => m.key)) + 1, amount: 1, unit: '', grams: '' }]);

  return (
    <Stack gap="xs" data-testid="custom-food-measures">
      <Text size="sm" fw={500}>
        Household measures
      </Text>
      {measures.length === 0 && (
        <Text size="sm" c="dimmed">
          None yet: the food can be logged in grams. Add a measure such as “1 slice = 30 g”.
        </Text>
      )}
      {measures.map((m, i) => (
        <Group key={m.key} align="flex-start" gap="xs" wrap="nowrap" data-testid="custom-food-measure">
          <NumberInput
            label="Amount"
            w={90}
            min={0}
            clampBehavior="none"
            value={m.amount}
            onChange={(v) => update(m.key, { amount: v })}
            error={errors[`measures.${i}.amount`]}
            data-testid="custom-food-measure-amount"
          />
          <TextInput
            label="Measure"
            placeholder="cup, slice, medium"
            style={{ flex: 1 }}
            value={m.unit}
            onChange={(e) => update(m.key, { unit: e.currentTarget.value })}
            error={errors[`measures.${i}.unit`]}
            data-testid="custom-food-measure-unit"
          />
          <NumberInput
            label="Weight (g)"
            w={110}
            min={0}
            clampBehavior="none"
            value={m.grams}
            onChange={(v) => update(m.key, { grams: v })}
            error={errors[`measures.${i}.grams`]}
            data-testid="custom-food-measure-grams"
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={26}
            size="lg"
            aria-label={`Remove measure ${i + 1}`}
            onClick={() => onChange(measures.filter((x) => x.key !== m.key))}
            data-testid="custom-food-measure-remove"
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="default" onClick={add} data-testid="custom-food-measure-add">
          Add a measure
        </Button>
      </Group>
    </Stack>
  );
}
