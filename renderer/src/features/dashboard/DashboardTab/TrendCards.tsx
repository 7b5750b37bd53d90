import { Card, Loader, SegmentedControl, Skeleton, Stack, Text, Title, Group } from '@mantine/core';
import { useState } from 'react';
import type { TrendsView } from '@contract/log.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import type { ApiError } from '../../../lib/api.ts';
import { TREND_LABELS, type TrendKey } from '../../../lib/labels.ts';
import { ActivitySleepChart } from '../Charts/ActivitySleepChart.tsx';
import { MacroPie } from '../Charts/MacroPie.tsx';
import { TrendsChart } from '../Charts/TrendsChart.tsx';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';

const OTHER_KEYS: TrendKey[] = ['proteinG', 'carbG', 'fatG', 'fibreG', 'sodiumMg', 'caffeineMg', 'alcoholG'];

interface TrendCardsProps {
  view: TrendsView | undefined;
  loading: boolean;
  error: ApiError | null;
  onRetry: () => void;
}

function Placeholder({ view, loading, error, onRetry, height }: TrendCardsProps & { height: number }) {
  if (error && !view) return <ErrorAlert title="Could not load the trends" error={error} onRetry={onRetry} />;
  if (!view) return <Skeleton height={height} aria-label="Loading the trends" />;
  if (loading) return <Loader size="xs" aria-label="Updating" />;
  return null;
}

/** Energy and nutrient trends, the macro split and activity/sleep over the chosen range. */
export function TrendCards(props: TrendCardsProps): React.JSX.Element {
  const { view } = props;
  const [nutrient, setNutrient] = useState<TrendKey>('proteinG');
  const empty = view && view.daysLogged === 0;
  const hideEnergy = useEnergyHidden();
  return (
    <>
      <Card withBorder padding="lg" data-testid="dashboard-trends">
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} size="h4">
              Energy
            </Title>
            <Placeholder {...props} height={0} />
          </Group>
          {!view && <Placeholder {...props} height={280} />}
          {empty && (
            <Text size="sm" c="dimmed" data-testid="dashboard-trends-empty">
              No day in this range is logged yet: the charts fill in as food is logged.
            </Text>
          )}
          {view && !hideEnergy && <TrendsChart view={view} nutrient="energyKcal" />}
          {hideEnergy && (
            <Text size="sm" c="dimmed" data-testid="dashboard-energy-hidden">
              Energy is not charted for this client (eating-disorder-sensitive care).
            </Text>
          )}
          <Group justify="space-between" align="flex-end">
            <Title order={3} size="h5">
              {TREND_LABELS[nutrient].label}
            </Title>
            <SegmentedControl
              aria-label="Nutrient to chart"
              size="xs"
              data={OTHER_KEYS.map((k) => ({ value: k, label: TREND_LABELS[k].label }))}
              value={nutrient}
              onChange={(v) => setNutrient(OTHER_KEYS.find((k) => k === v) ?? 'proteinG')}
              data-testid="dashboard-trend-select"
            />
          </Group>
          {view && <TrendsChart view={view} nutrient={nutrient} height={220} />}
        </Stack>
      </Card>
      <Card withBorder padding="lg" data-testid="dashboard-macros">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Macronutrient distribution
          </Title>
          {!view && <Placeholder {...props} height={200} />}
          {view && view.macroSplit === null && (
            <Text size="sm" c="dimmed" data-testid="dashboard-macros-empty">
              No energy from protein, carbohydrate or fat is logged in this range.
            </Text>
          )}
          {view?.macroSplit && <MacroPie split={view.macroSplit} />}
          <Text size="xs" c="dimmed">
            Acceptable Macronutrient Distribution Ranges for adults (Institute of Medicine, 2005); children’s ranges
            differ.
          </Text>
        </Stack>
      </Card>
      <Card withBorder padding="lg" data-testid="dashboard-activity-sleep">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Activity and sleep
          </Title>
          {!view && <Placeholder {...props} height={260} />}
          {view && <ActivitySleepChart view={view} />}
        </Stack>
      </Card>
    </>
  );
}
