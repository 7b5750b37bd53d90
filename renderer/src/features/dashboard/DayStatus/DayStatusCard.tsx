import { Alert, Card, Group, List, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { formatIsoDate, formatNumber, formatNutrient } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import { ForecastCard } from '../Forecast/ForecastCard.tsx';
import { StatusRow } from './StatusRow.tsx';
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
            {day.statuses === null ? (
              <Alert color="blue" data-testid="dashboard-missing-profile">
                Targets need the client’s sex, birth date, height, weight and activity level. Complete the profile on
                the “Profile & targets” tab to compare this day with targets.
              </Alert>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing={6}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Nutrient</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>Intake</Table.Th>
                      <Table.Th>Against target</Table.Th>
                      <Table.Th>Status</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {day.statuses
                      .filter((s) => !(hideEnergy && s.key === 'energyKcal'))
                      .map((s) => (
                        <StatusRow key={s.key} status={s} />
                      ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
