import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { Paper, Text } from '@mantine/core';
import type { TrendsView } from '@contract/log.ts';
import { formatIsoDate, formatNumber } from '../../../lib/format.ts';
import { activitySleepPoints, activitySleepSummary, type ActivitySleepPoint } from '../dashboard-text.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { useChartColors } from './use-chart-colors.ts';

function SleepTooltip({ active, payload }: Partial<TooltipContentProps>): React.JSX.Element | null {
  const point = payload?.[0]?.payload as ActivitySleepPoint | undefined;
  if (!active || !point) return null;
  return (
    <Paper withBorder shadow="sm" p="xs">
      <Text size="xs" fw={600}>
        {formatIsoDate(point.date)}
      </Text>
      <Text size="xs">Activity: {formatNumber(point.activityMin, 0)} min</Text>
      <Text size="xs">
        Sleep:{' '}
        {point.sleepHours === null
          ? 'not logged'
          : `${formatNumber(point.sleepHours, 1)} h${point.sleepQuality === null ? '' : `, quality ${point.sleepQuality}/5`}`}
      </Text>
    </Paper>
  );
}

/** Minutes of activity per day (bars) and hours of sleep (line, gaps where not logged). */
export function ActivitySleepChart({ view }: { view: TrendsView }): React.JSX.Element {
  const colors = useChartColors();
  const data = activitySleepPoints(view);
  return (
    <ChartFigure summary={activitySleepSummary(data)} height={260} testId="activity-sleep-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
          <XAxis dataKey="label" stroke={colors.axis} tick={{ fill: colors.axis, fontSize: 12 }} minTickGap={16} />
          <YAxis
            yAxisId="min"
            stroke={colors.axis}
            tick={{ fill: colors.axis, fontSize: 12 }}
            width={48}
            allowDecimals={false}
            label={{ value: 'min', angle: -90, position: 'insideLeft', fill: colors.axis, fontSize: 12 }}
          />
          <YAxis
            yAxisId="h"
            orientation="right"
            domain={[0, 12]}
            stroke={colors.axis}
            tick={{ fill: colors.axis, fontSize: 12 }}
            width={40}
            label={{ value: 'h', angle: 90, position: 'insideRight', fill: colors.axis, fontSize: 12 }}
          />
          <Tooltip content={SleepTooltip} />
          <Legend wrapperStyle={{ color: colors.text, fontSize: 12 }} />
          <Bar
            yAxisId="min"
            dataKey="activityMin"
            name="Activity (min)"
            fill={colors.activity}
            isAnimationActive={false}
          />
          <Line
            yAxisId="h"
            type="linear"
            dataKey="sleepHours"
            name="Sleep (h)"
            stroke={colors.sleep}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
