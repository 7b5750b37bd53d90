import { Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { TargetValue } from '@contract/targets.ts';
import { TableHead } from '../../../components/TableHead/TableHead.tsx';
import { formatQuantity, formatRange } from '../../../lib/format.ts';
import { TARGET_KIND_DESCRIPTIONS, TARGET_KIND_LABELS } from '../../../lib/labels.ts';
import { useEnergyHidden, withoutEnergyFigures } from '../../clients/energy-visibility.ts';
import { NOT_TRACKED_TEXT } from '../targets-text.ts';

const BADGE_STYLE = { minWidth: 'max-content' } as const;

/** The citation of a target, with what the app computed when the practitioner overrode it, and its notes. */
function SourceCell({ t }: { t: TargetValue }): React.JSX.Element {
  // Eating-disorder-sensitive care: sources derived from energy ("14 g per 1000 kcal of 1717 kcal") lose the figures.
  const hideEnergy = useEnergyHidden();
  const shown = (text: string): string => (hideEnergy ? withoutEnergyFigures(text) : text);
  return (
    <Stack gap={2}>
      <Text size="xs" c={t.overridden ? undefined : 'dimmed'} data-testid={`target-source-${t.key}`}>
        {shown(t.source)}
      </Text>
      {t.overridden && (
        <Text size="xs" c="dimmed" data-testid={`target-computed-${t.key}`}>
          Computed: {formatQuantity(t.computedValue, t.unit)} ({shown(t.computedSource)})
        </Text>
      )}
      {t.notes.map((n) => (
        <Text key={n.text} size="xs" data-testid={`target-note-${t.key}`}>
          {shown(n.text)}{' '}
          <Text span size="xs" c="dimmed">
            ({shown(n.source)})
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

function SuggestionRow({
  t,
  onApply,
}: {
  t: TargetValue;
  onApply: (t: TargetValue) => void;
}): React.JSX.Element | null {
  const s = t.suggestion;
  if (!s) return null;
  return (
    <Table.Tr data-testid={`target-suggestion-${t.key}`}>
      <Table.Td />
      <Table.Td colSpan={4}>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Badge size="sm" color="blue" variant="light" style={BADGE_STYLE}>
            Suggestion
          </Badge>
          <Text size="xs" style={{ flex: 1 }}>
            <Text span size="xs" fw={600}>
              {formatQuantity(s.value, t.unit)}.
            </Text>{' '}
            {s.reason}{' '}
            <Text span size="xs" c="dimmed">
              ({s.source})
            </Text>
          </Text>
          <Button size="compact-xs" variant="light" onClick={() => onApply(t)} data-testid={`target-apply-${t.key}`}>
            Apply
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * One row per target: value, range (with the UL), kind and source. An override is marked "Your value"
 * and its source is the practitioner's note; a condition's suggestion follows its row with an Apply
 * button; a nutrient the log cannot give is marked "Not tracked".
 */
export function TargetsTable({
  targets,
  onApply,
}: {
  targets: TargetValue[];
  onApply: (t: TargetValue) => void;
}): React.JSX.Element {
  const hideEnergy = useEnergyHidden();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" data-testid="targets-table">
        <TableHead columns={['Nutrient', { label: 'Target', align: 'right' }, 'Range', 'Kind', 'Source']} />
        <Table.Tbody>
          {targets
            .filter((t) => !(hideEnergy && t.key === 'energyKcal'))
            .flatMap((t) => [
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
                          style={BADGE_STYLE}
                          data-testid={`target-overridden-${t.key}`}
                        >
                          Your value
                        </Badge>
                      </Tooltip>
                    )}
                    {!t.tracked && (
                      <Tooltip label={NOT_TRACKED_TEXT}>
                        <Badge
                          size="xs"
                          color="gray"
                          variant="outline"
                          tabIndex={0}
                          aria-label={`Not tracked: ${NOT_TRACKED_TEXT}`}
                          style={BADGE_STYLE}
                          data-testid={`target-untracked-${t.key}`}
                        >
                          Not tracked
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
                  {t.ul !== null && (
                    <Text size="xs" c="dimmed" data-testid={`target-ul-${t.key}`}>
                      UL {formatQuantity(t.ul, t.unit)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Tooltip label={TARGET_KIND_DESCRIPTIONS[t.kind]}>
                    <Badge
                      size="sm"
                      variant="outline"
                      tabIndex={0}
                      aria-label={TARGET_KIND_DESCRIPTIONS[t.kind]}
                      style={BADGE_STYLE}
                    >
                      {TARGET_KIND_LABELS[t.kind]}
                    </Badge>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <SourceCell t={t} />
                </Table.Td>
              </Table.Tr>,
              <SuggestionRow key={`${t.key}-suggestion`} t={t} onApply={onApply} />,
            ])}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
