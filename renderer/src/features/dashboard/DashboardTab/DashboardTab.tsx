import { Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { isIsoDate, presetRange, rangeProblem } from '../../../lib/dates.ts';
import { useCall } from '../../../lib/query.ts';
import { DayStatusCard } from '../DayStatus/DayStatusCard.tsx';
import { RangePicker, type RangeChoice } from '../RangePicker/RangePicker.tsx';
import { TrendCards } from './TrendCards.tsx';

interface DashboardTabProps {
  clientId: string;
  date: string;
  onDateChange: (date: string) => void;
}

/** A client's day against targets, and trends over a range ending on that day (or any custom range). */
export function DashboardTab({ clientId, date, onDateChange }: DashboardTabProps): React.JSX.Element {
  const [choice, setChoice] = useState<RangeChoice>({ preset: 30 });
  const range = choice.preset === 'custom' ? { from: choice.from, to: choice.to } : presetRange(choice.preset, date);
  // While a custom range is unusable (its field says why), the charts keep the default range.
  const shown = rangeProblem(range.from, range.to) === null ? range : presetRange(30, date);
  const trends = useCall('dashboard.trends', { clientId, from: shown.from, to: shown.to });

  return (
    <Stack gap="md" data-testid="dashboard">
      <Group gap="lg" align="flex-end">
        <TextInput
          label="Day"
          type="date"
          value={date}
          onChange={(e) => isIsoDate(e.currentTarget.value) && onDateChange(e.currentTarget.value)}
          data-testid="dashboard-date"
          w={170}
        />
        <RangePicker choice={choice} from={range.from} to={range.to} onChange={setChoice} />
      </Group>
      <DayStatusCard clientId={clientId} date={date} />
      <TrendCards view={trends.data} loading={trends.loading} error={trends.error} onRetry={trends.reload} />
    </Stack>
  );
}
