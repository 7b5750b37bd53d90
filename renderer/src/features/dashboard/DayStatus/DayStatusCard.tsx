import { Alert, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { formatIsoDate, formatNumber, formatNutrient } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import { ForecastCard } from '../Forecast/ForecastCard.tsx';
import { ExtrasTable } from './ExtrasTable.tsx';
import { StatusTable } from './StatusTable.tsx';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';

/** The chosen day against the client's targets. */
export function DayStatusCard({ clientId, date }: { clientId: string; date: string }): React.JSX.Element {
  const query = useCall('dashboard.day', { clientId, date });
  const day = query.data;
  const hideEnergy = useEnergyHidden();
  return (
    <Card withBorder padding="lg" data-testid="dashboard-day">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {formatIsoDate(date)} against targets
        </Title>
        {query.error && <ErrorAlert title="Could not load the day" error={query.error} onRetry={query.reload} />}
        {!day && !query.error && <Skeleton height={320} aria-label="Loading the day" />}
        {day && (
          <>
            <Group gap="lg">
              <Text size="sm" data-testid="dashboard-day-entries">
                {day.dietEntries === 0
                  ? 'No food logged on this day.'
                  : `${day.dietEntries} food ${day.dietEntries === 1 ? 'entry' : 'entries'}`}
              </Text>
              <Text size="sm" data-testid="dashboard-day-activity">
                Activity {formatNumber(day.activityMin, 0)} min
                {hideEnergy ? '' : ` · ${formatNutrient(day.burnedKcal, 'kcal')} burned`}
              </Text>
              <Text size="sm" data-testid="dashboard-day-sleep">
                Sleep{' '}
                {day.sleepHours === null
                  ? 'not logged'
                  : `${formatNumber(day.sleepHours, 1)} h${day.sleepQuality === null ? '' : `, quality ${day.sleepQuality}/5`}`}
              </Text>
            </Group>
            {day.warnings.length > 0 && (
              <Alert color="yellow" title="Check this day" data-testid="dashboard-warnings">
                <List size="sm">
                  {day.warnings.map((w) => (
                    <List.Item key={w}>{w}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {day.forecast && <ForecastCard forecast={day.forecast} />}
            <StatusTable statuses={day.statuses} />
            <ExtrasTable extras={day.extras} dietEntries={day.dietEntries} />
          </>
        )}
      </Stack>
    </Card>
  );
}
