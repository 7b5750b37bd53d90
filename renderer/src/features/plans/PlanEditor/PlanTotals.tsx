import { Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Plan } from '@contract/plans.ts';
import { formatIsoDate } from '../../../lib/format.ts';
import { StatusTable } from '../../dashboard/DayStatus/StatusTable.tsx';
import { inRangeText } from '../plan-text.ts';

type Shown = 'day' | 'average';

/**
 * The selected day's planned intake against the client's targets, or the plan's average, judged as the
 * dashboard judges a logged day. Not shown for eating-disorder-sensitive care (the plan has no figures).
 */
export function PlanTotals({ plan, day }: { plan: Plan; day: number }): React.JSX.Element | null {
  const [shown, setShown] = useState<Shown>('day');
  if (plan.numbersHidden) return null;
  const dayTotals = plan.dayTotals.find((d) => d.day === day);
  const hasFood = plan.entries.some((e) => e.day === day && e.altOf === null);
  const anyFood = plan.entries.length > 0;
  const statuses = shown === 'day' ? (dayTotals?.statuses ?? null) : plan.average.statuses;
  const empty = shown === 'day' ? !hasFood : !anyFood;
  return (
    <Card withBorder padding="md" data-testid="plan-totals">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {shown === 'day'
              ? `Day ${day}${dayTotals ? `, ${formatIsoDate(dayTotals.date)}` : ''} against targets`
              : 'Plan average against targets'}
          </Title>
          <SegmentedControl
            size="xs"
            value={shown}
            onChange={(v) => setShown(v === 'average' ? 'average' : 'day')}
            data={[
              { value: 'day', label: 'This day' },
              { value: 'average', label: 'Plan average' },
            ]}
            data-testid="plan-totals-switch"
          />
        </Group>
        {empty ? (
          <Text size="sm" c="dimmed" data-testid="plan-totals-empty">
            {shown === 'day' ? 'No food planned on this day yet.' : 'No food planned yet.'}
          </Text>
        ) : (
          <>
            {statuses && (
              <Text size="sm" data-testid="plan-totals-summary">
                {inRangeText(statuses)}
              </Text>
            )}
            <StatusTable statuses={statuses} testId="plan-totals-table" />
            <Text size="xs" c="dimmed">
              Water is not judged here: a meal plan lists foods, not drinks.
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}
