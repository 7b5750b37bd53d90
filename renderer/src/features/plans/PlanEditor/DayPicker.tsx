import { Button, Group, Stack, Text } from '@mantine/core';
import type { PlanEntry } from '@contract/plans.ts';
import { formatIsoDate } from '../../../lib/format.ts';
import { dayNumbers, planDate } from '../plan-text.ts';

interface DayPickerProps {
  days: number;
  startDate: string;
  entries: readonly PlanEntry[];
  day: number;
  onChange: (day: number) => void;
}

/** The plan's days, a row a week; days with entries stand out from empty ones. */
export function DayPicker({ days, startDate, entries, day, onChange }: DayPickerProps): React.JSX.Element {
  const filled = new Set(entries.map((e) => e.day));
  const weeks: number[][] = [];
  for (const d of dayNumbers(days)) {
    if ((d - 1) % 7 === 0) weeks.push([]);
    weeks[weeks.length - 1]?.push(d);
  }
  return (
    <Stack gap={4} data-testid="plan-days-picker">
      {weeks.map((week, w) => (
        <Group key={w} gap={4} wrap="nowrap">
          {weeks.length > 1 && (
            <Text size="xs" c="dimmed" w={52}>
              Week {w + 1}
            </Text>
          )}
          {week.map((d) => (
            <Button
              key={d}
              size="compact-sm"
              w={44}
              variant={d === day ? 'filled' : filled.has(d) ? 'light' : 'default'}
              aria-pressed={d === day}
              aria-label={`Day ${d}, ${formatIsoDate(planDate(startDate, d))}${filled.has(d) ? '' : ', empty'}`}
              onClick={() => onChange(d)}
              data-testid={`plan-day-${d}`}
            >
              {d}
            </Button>
          ))}
        </Group>
      ))}
    </Stack>
  );
}
