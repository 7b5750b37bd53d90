import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TrendsView } from '@contract/log.ts';
import { formatNutrient } from '../../../lib/format.ts';
import { TREND_LABELS, type TrendKey } from '../../../lib/labels.ts';
import { trendPoints, trendSummary } from '../dashboard-text.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { useChartColors } from './use-chart-colors.ts';

interface TrendsChartProps {
  view: TrendsView;
  nutrient: TrendKey;
  height?: number;
}

/** Daily values (gaps on days not logged), 7- and 30-day rolling means, and the target line. */
export function TrendsChart({ view, nutrient, height = 280 }: TrendsChartProps): React.JSX.Element {
  const colors = useChartColors();
  const { label, unit } = TREND_LABELS[nutrient];
  const data = trendPoints(view, nutrient);
  const target = view.targets[nutrient];
  const format = (v: unknown): string => (typeof v === 'number' ? formatNutrient(v, unit) : '–');
  return (
    <ChartFigure summary={trendSummary(view, nutrient)} height={height} testId={`trend-chart-${nutrient}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
          <XAxis dataKey="label" stroke={colors.axis} tick={{ fill: colors.axis, fontSize: 12 }} minTickGap={16} />
          <YAxis
            stroke={colors.axis}
            tick={{ fill: colors.axis, fontSize: 12 }}
            width={56}
            tickFormatter={(v: number) => formatNutrient(v, '')}
            label={{ value: unit, angle: -90, position: 'insideLeft', fill: colors.axis, fontSize: 12 }}
          />
          <Tooltip
            formatter={(v) => format(v)}
            contentStyle={{ background: colors.tooltipBg, borderColor: colors.tooltipBorder, color: colors.text }}
            labelStyle={{ color: colors.text }}
          />
          <Legend wrapperStyle={{ color: colors.text, fontSize: 12 }} />
          {target !== undefined && (
            <ReferenceLine
              y={target}
              ifOverflow="extendDomain"
              stroke={colors.target}
              strokeDasharray="6 4"
              label={{
                value: `Target ${formatNutrient(target, unit)}`,
                fill: colors.target,
                fontSize: 12,
                position: 'insideTopRight',
              }}
            />
          )}
          <Line
            type="linear"
            dataKey="value"
            name={label}
            stroke={colors.primary}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="mean7"
            name="7-day mean"
            stroke={colors.mean7}
            strokeWidth={1.5}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="mean30"
            name="30-day mean"
            stroke={colors.mean30}
            strokeWidth={1.5}
            strokeDasharray="4 3"
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
