import { SimpleGrid, TextInput } from '@mantine/core';
import type { WhenValues } from './use-entry-form.ts';

interface WhenFieldsProps extends WhenValues {
  errors: Record<string, string>;
  children?: React.ReactNode;
}

/** Date and optional time of an entry (and, for food, the meal beside them). */
export function WhenFields({ date, time, onDateChange, onTimeChange, errors, children }: WhenFieldsProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: children ? 3 : 2 }} spacing="sm">
      <TextInput
        label="Date"
        type="date"
        required
        value={date}
        onChange={(e) => onDateChange(e.currentTarget.value)}
        error={errors.date}
        data-testid="log-entry-date"
      />
      <TextInput
        label="Time"
        description="Optional"
        type="time"
        value={time}
        onChange={(e) => onTimeChange(e.currentTarget.value)}
        error={errors.time}
        data-testid="log-time"
      />
      {children}
    </SimpleGrid>
  );
}
