import { Badge, Group, SimpleGrid, Table, Text } from '@mantine/core';
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import type { TrendsView } from '@contract/log.ts';
import { formatNumber } from '../../../lib/format.ts';
import { macroSlices, macroSummary, type MacroKey } from '../dashboard-text.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { useChartColors } from './use-chart-colors.ts';

/** Protein / carbohydrate / fat as % of energy, beside the adult AMDR ranges. */
export function MacroPie({ split }: { split: NonNullable<TrendsView['macroSplit']> }): React.JSX.Element {
  const colors = useChartColors();
  const slices = macroSlices(split);
  const fill: Record<MacroKey, string> = { protein: colors.protein, carb: colors.carb, fat: colors.fat };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <ChartFigure summary={macroSummary(slices)} height={220} testId="macro-chart">
        <ResponsiveContainer width="100%" height="100%">
          <PieChart>
            <Pie
              data={slices}
              dataKey="pct"
              nameKey="label"
              innerRadius="45%"
              outerRadius="80%"
              stroke={colors.tooltipBg}
              isAnimationActive={false}
              label={({ value }: { value?: number }) => `${formatNumber(value ?? 0, 0)} %`}
            >
              {slices.map((s) => (
                <Cell key={s.key} fill={fill[s.key]} />
              ))}
            </Pie>
            <Tooltip
              formatter={(v) => `${formatNumber(typeof v === 'number' ? v : 0, 0)} % of energy`}
              contentStyle={{ background: colors.tooltipBg, borderColor: colors.tooltipBorder, color: colors.text }}
              itemStyle={{ color: colors.text }}
            />
          </PieChart>
        </ResponsiveContainer>
      </ChartFigure>
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Macronutrient</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>% of energy</Table.Th>
            <Table.Th>AMDR (adults)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {slices.map((s) => (
            <Table.Tr key={s.key} data-testid={`macro-row-${s.key}`}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <span
                    aria-hidden
                    style={{ width: 10, height: 10, borderRadius: 2, background: fill[s.key], display: 'inline-block' }}
                  />
                  {s.label}
                </Group>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatNumber(s.pct, 0)} %</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">
                    {s.min}–{s.max} %
                  </Text>
                  <Badge size="xs" variant="light" color={s.within ? 'teal' : 'yellow'}>
                    {s.within ? 'within' : s.pct < s.min ? 'below' : 'above'}
                  </Badge>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </SimpleGrid>
  );
}
