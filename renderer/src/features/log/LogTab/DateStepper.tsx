import { ActionIcon, Button, Group, TextInput } from '@mantine/core';
import { addDays, isIsoDate } from '../../../lib/dates.ts';
import { formatIsoDate, todayIso } from '../../../lib/format.ts';

interface DateStepperProps {
  date: string;
  onChange: (date: string) => void;
  /** Test id of the date input; the buttons are `log-prev-day`, `log-next-day`, `log-today`. */
  testId?: string;
  label?: string;
}

/** A day: a date input with previous/next day and "Today". */
export function DateStepper({ date, onChange, testId = 'log-date', label = 'Day' }: DateStepperProps) {
  const today = todayIso();
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <ActionIcon
        variant="default"
        size="lg"
        mb={1}
        aria-label={`Previous day (${formatIsoDate(addDays(date, -1))})`}
        onClick={() => onChange(addDays(date, -1))}
        data-testid="log-prev-day"
      >
        ‹
      </ActionIcon>
      <TextInput
        label={label}
        type="date"
        value={date}
        onChange={(e) => isIsoDate(e.currentTarget.value) && onChange(e.currentTarget.value)}
        data-testid={testId}
        w={170}
      />
      <ActionIcon
        variant="default"
        size="lg"
        mb={1}
        aria-label={`Next day (${formatIsoDate(addDays(date, 1))})`}
        onClick={() => onChange(addDays(date, 1))}
        data-testid="log-next-day"
      >
        ›
      </ActionIcon>
      <Button variant="subtle" mb={1} disabled={date === today} onClick={() => onChange(today)} data-testid="log-today">
        Today
      </Button>
    </Group>
  );
}
