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
import { formatIsoDate, formatNumber } from '../../../lib/format.ts';
import { ChartFigure } from '../../dashboard/Charts/ChartFigure.tsx';
import { useChartColors } from '../../dashboard/Charts/use-chart-colors.ts';
import {
  chartPoints,
  chartSummary,
  dayMs,
  decimalsFor,
  type ChartGoal,
  type MeasureGroup,
  type UnitSystem,
} from '../measure-text.ts';

const DAY = 86_400_000;
const isoOf = (t: number): string => new Date(t).toISOString().slice(0, 10);

interface MeasureChartProps {
  group: MeasureGroup;
  units: UnitSystem;
  goal: ChartGoal | null;
  /** The client's first visit: the text alternative counts the change from it. */
  firstVisit?: string | null;
  height?: number;
}

/**
 * One kind's readings over time (dates to scale), in the kind's display unit, with the goal's target as
 * a horizontal line and its review date as a vertical one. Blood pressure draws both values.
 */
export function MeasureChart({ group, units, goal, firstVisit, height = 280 }: MeasureChartProps): React.JSX.Element {
  const colors = useChartColors();
  const data = chartPoints(group, units);
  const times = data.map((p) => p.t);
  if (goal?.reviewOn) times.push(dayMs(goal.reviewOn));
  const min = Math.min(...times);
  const max = Math.max(...times);
  // A single day gets a day either side, so its point is not drawn on the axis.
  const domain: [number, number] = min === max ? [min - DAY, max + DAY] : [min, max];
  const pair = group.kind === 'blood-pressure';
  const format = (v: unknown): string =>
    typeof v === 'number' ? `${formatNumber(v, decimalsFor(group.kind, v))} ${group.unit}` : '–';
  return (
    <ChartFigure summary={chartSummary(group, units, goal, firstVisit ?? null)} height={height} testId="measure-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 0, left: 8 }}>
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={domain}
            stroke={colors.axis}
            tick={{ fill: colors.axis, fontSize: 12 }}
            tickFormatter={(t: number) => formatIsoDate(isoOf(t))}
            minTickGap={24}
          />
          <YAxis
            domain={['auto', 'auto']}
            stroke={colors.axis}
            tick={{ fill: colors.axis, fontSize: 12 }}
            width={56}
            tickFormatter={(v: number) => formatNumber(v, 1)}
            label={{ value: group.unit, angle: -90, position: 'insideLeft', fill: colors.axis, fontSize: 12 }}
          />
          <Tooltip
            formatter={(v) => format(v)}
            labelFormatter={(t) => (typeof t === 'number' ? formatIsoDate(isoOf(t)) : '')}
            contentStyle={{ background: colors.tooltipBg, borderColor: colors.tooltipBorder, color: colors.text }}
            labelStyle={{ color: colors.text }}
          />
          {pair && <Legend wrapperStyle={{ color: colors.text, fontSize: 12 }} />}
          {goal && (
            <ReferenceLine
              y={goal.value}
              ifOverflow="extendDomain"
              stroke={colors.target}
              strokeDasharray="6 4"
              label={{ value: `Goal ${goal.text}`, fill: colors.target, fontSize: 12, position: 'insideTopLeft' }}
              data-testid="measure-goal-line"
            />
          )}
          {goal?.reviewOn && (
            <ReferenceLine
              x={dayMs(goal.reviewOn)}
              ifOverflow="extendDomain"
              stroke={colors.target}
              strokeDasharray="2 4"
              label={{
                value: `Review ${formatIsoDate(goal.reviewOn)}`,
                fill: colors.target,
                fontSize: 12,
                position: 'insideTopRight',
              }}
              data-testid="measure-review-line"
            />
          )}
          <Line
            type="linear"
            dataKey="value"
            name={pair ? 'Systolic' : group.label}
            stroke={colors.primary}
            strokeWidth={2}
            dot={{ r: 4 }}
            isAnimationActive={false}
          />
          {pair && (
            <Line
              type="linear"
              dataKey="value2"
              name="Diastolic"
              stroke={colors.sleep}
              strokeWidth={2}
              dot={{ r: 4 }}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
