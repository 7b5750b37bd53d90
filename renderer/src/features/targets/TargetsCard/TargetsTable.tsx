import { Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import type { TargetValue } from '../../../../../core/api/schemas.ts';
import { formatQuantity, formatRange } from '../../../lib/format.ts';
import { TARGET_KIND_DESCRIPTIONS, TARGET_KIND_LABELS } from '../../../lib/labels.ts';
import { useEnergyHidden, withoutEnergyFigures } from '../../clients/energy-visibility.ts';

/** One row per target: value, range, kind, source and whether the practitioner overrode it. */
export function TargetsTable({ targets }: { targets: TargetValue[] }): React.JSX.Element {
  const hideEnergy = useEnergyHidden();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" striped data-testid="targets-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Nutrient</Table.Th>
            <Table.Th ta="right">Target</Table.Th>
            <Table.Th>Range</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Source</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {targets
            .filter((t) => !(hideEnergy && t.key === 'energyKcal'))
            .map((t) => (
              <Table.Tr key={t.key} data-testid={`target-row-${t.key}`}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm">{t.label}</Text>
                    {t.overridden && (
                      <Tooltip label={`Computed: ${formatQuantity(t.computedValue, t.unit)}`}>
                        <Badge
                          size="xs"
                          color="orange"
                          variant="light"
                          style={{ minWidth: 'max-content' }}
                          data-testid={`target-overridden-${t.key}`}
                        >
                          Overridden
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right" data-testid={`target-value-${t.key}`} style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" fw={600} span>
                    {formatQuantity(t.value, t.unit)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" c="dimmed" span>
                    {formatRange(t.min, t.max, t.unit) ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={TARGET_KIND_DESCRIPTIONS[t.kind]}>
                    <Badge
                      size="sm"
                      variant="outline"
                      tabIndex={0}
                      aria-label={TARGET_KIND_DESCRIPTIONS[t.kind]}
                      style={{ minWidth: 'max-content' }}
                    >
                      {TARGET_KIND_LABELS[t.kind]}
                    </Badge>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {hideEnergy ? withoutEnergyFigures(t.source) : t.source}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
