import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { MealType, PlanSlot } from '@contract/plans.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { MEAL_TYPE_OPTIONS, slotKeyFor } from '../plan-text.ts';

const MAX_SLOTS = 8;

interface SlotsFieldsProps {
  slots: PlanSlot[];
  onChange: (slots: PlanSlot[]) => void;
  /** The core's messages by field ("slots.1.label", "slots"). */
  errors: Record<string, string>;
  /** Slots that hold entries keep their key (the entries name it); a new slot's key follows its label. */
  lockedKeys: readonly string[];
}

/** The day's meal slots: name, time and meal type each; added and removed here (1–8). */
export function SlotsFields({ slots, onChange, errors, lockedKeys }: SlotsFieldsProps): React.JSX.Element {
  const change = (index: number, patch: Partial<PlanSlot>): void => {
    onChange(
      slots.map((slot, i) => {
        if (i !== index) return slot;
        const next = { ...slot, ...patch };
        if (patch.label !== undefined && !lockedKeys.includes(slot.key)) {
          next.key = slotKeyFor(
            patch.label,
            slots.filter((_, j) => j !== i).map((s) => s.key),
          );
        }
        return next;
      }),
    );
  };
  const add = (): void => {
    const label = 'Snack';
    const key = slotKeyFor(label, [...slots.map((s) => s.key), ...lockedKeys]);
    onChange([...slots, { key, label, time: null, mealType: 'snack' }]);
  };
  return (
    <Stack gap="xs" data-testid="plan-slots">
      <Text size="sm" fw={500}>
        Meals of each day
      </Text>
      {slots.map((slot, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid="plan-slot-row">
          <TextInput
            aria-label={`Meal ${i + 1} name`}
            value={slot.label}
            onChange={(e) => change(i, { label: e.currentTarget.value })}
            error={errors[`slots.${i}.label`]}
            style={{ flex: 2 }}
            data-testid="plan-slot-label"
          />
          <TextInput
            aria-label={`Meal ${i + 1} time`}
            type="time"
            value={slot.time ?? ''}
            onChange={(e) => change(i, { time: e.currentTarget.value || null })}
            error={errors[`slots.${i}.time`]}
            style={{ flex: 1 }}
            data-testid="plan-slot-time"
          />
          <ChoiceSelect<MealType>
            aria-label={`Meal ${i + 1} type`}
            data={MEAL_TYPE_OPTIONS}
            value={slot.mealType}
            onChange={(v) => v && change(i, { mealType: v })}
            style={{ flex: 1 }}
            data-testid="plan-slot-type"
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={`Remove ${slot.label || `meal ${i + 1}`}`}
            disabled={slots.length === 1}
            onClick={() => onChange(slots.filter((_, j) => j !== i))}
            data-testid="plan-slot-remove"
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      {errors.slots && (
        <Text size="sm" c="red" role="alert">
          {errors.slots}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={add}
          disabled={slots.length >= MAX_SLOTS}
          data-testid="plan-slot-add"
        >
          Add a meal
        </Button>
      </Group>
    </Stack>
  );
}
