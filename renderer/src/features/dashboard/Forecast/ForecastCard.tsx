import { Alert, Card, List, Stack, Text, Title } from '@mantine/core';
import type { DayForecast } from '@contract/log.ts';
import { FLAG_TITLES, flagColor, forecastBandNote, forecastEstimateText } from './forecast-text.ts';

/**
 * The intake model's view of the chosen day (core/forecast): a typical-day estimate with its main
 * contributors, and an alert when the logged day looks incomplete. For eating-disorder-sensitive
 * clients the server leaves the numbers out; only the flag's text (without energy figures) shows. For a
 * client outside the model's training population (pregnant, lactating, under 18) it says why there is
 * no estimate.
 */
export function ForecastCard({ forecast }: { forecast: DayForecast }): React.JSX.Element | null {
  const estimate = forecastEstimateText(forecast);
  const note = forecastBandNote(forecast);
  const flag = forecast.plausibility?.flag ?? 'ok';
  if (forecast.hiddenReason === null && estimate === null && flag === 'ok') return null;
  return (
    <Card withBorder padding="md" data-testid="forecast-card">
      <Stack gap="xs">
        <Title order={3} size="h5">
          Intake model
        </Title>
        {forecast.hiddenReason !== null ? (
          <Text size="sm" data-testid="forecast-hidden-reason">
            {forecast.hiddenReason}
          </Text>
        ) : (
          <ForecastFindings forecast={forecast} estimate={estimate} note={note} flag={flag} />
        )}
      </Stack>
    </Card>
  );
}

interface ForecastFindingsProps {
  forecast: DayForecast;
  estimate: string | null;
  note: string | null;
  flag: NonNullable<DayForecast['plausibility']>['flag'];
}

/** What the model found for a client it applies to: the estimate, its band and contributors, the flag. */
function ForecastFindings({ forecast, estimate, note, flag }: ForecastFindingsProps): React.JSX.Element {
  return (
    <>
      {estimate !== null && (
        <Text size="sm" fw={600} data-testid="forecast-estimate">
          {estimate}
        </Text>
      )}
      {note !== null && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
      {forecast.contributors.length > 0 && (
        <>
          <Text size="xs" c="dimmed">
            What moved the estimate most:
          </Text>
          <List size="sm">
            {forecast.contributors.map((c) => (
              <List.Item key={c.feature} data-testid="forecast-contributor">
                {c.text}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {flag !== 'ok' && forecast.plausibility && (
        <Alert color={flagColor(flag)} title={FLAG_TITLES[flag]} data-testid="forecast-flag">
          {forecast.plausibility.message}
        </Alert>
      )}
    </>
  );
}
