import { SimpleGrid, TextInput } from '@mantine/core';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { MEAL_LABELS, optionsFrom, type Meal } from '../../../lib/labels.ts';

export type MealChoice = Meal | 'none';
const MEAL_OPTIONS = [{ value: 'none' as const, label: 'No meal' }, ...optionsFrom(MEAL_LABELS)];

export interface MealValues {
  date: string;
  time: string;
  meal: MealChoice;
}

interface MealFieldsProps {
  values: MealValues;
  onChange: (patch: Partial<MealValues>) => void;
  errors: Record<string, string>;
  dateDescription?: string;
}

/** When the meal was eaten: date (from the photo when it says), optional time, and the meal. */
export function MealFields({ values, onChange, errors, dateDescription }: MealFieldsProps): React.JSX.Element {
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
      <TextInput
        label="Date"
        type="date"
        required
        description={dateDescription}
        value={values.date}
        onChange={(e) => onChange({ date: e.currentTarget.value })}
        error={errors.date}
        data-testid="photo-date"
      />
      <TextInput
        label="Time"
        description="Optional"
        type="time"
        value={values.time}
        onChange={(e) => onChange({ time: e.currentTarget.value })}
        error={errors.time}
        data-testid="photo-time"
      />
      <ChoiceSelect<MealChoice>
        label="Meal"
        description="Optional"
        data={MEAL_OPTIONS}
        value={values.meal}
        onChange={(v) => v && onChange({ meal: v })}
        error={errors.meal}
        data-testid="photo-meal"
      />
    </SimpleGrid>
  );
}
