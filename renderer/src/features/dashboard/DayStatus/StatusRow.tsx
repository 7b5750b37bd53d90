import { Badge, Progress, Table, Text } from '@mantine/core';
import type { NutrientStatus } from '@contract/log.ts';
import { STATUS_COLORS, STATUS_LABELS } from '../../../lib/labels.ts';
import { progressValue, statusTargetText, statusValueText } from '../dashboard-text.ts';

/** One nutrient on the day: value, target and range, a bar, and the low/ok/high badge. */
export function StatusRow({ status }: { status: NutrientStatus }): React.JSX.Element {
  const color = STATUS_COLORS[status.status];
  const percent = progressValue(status.ratio);
  return (
    <Table.Tr data-testid={`status-row-${status.key}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {status.label}
        </Text>
      </Table.Td>
      <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        <Text size="sm" data-testid={`status-value-${status.key}`}>
          {statusValueText(status)}
        </Text>
      </Table.Td>
      <Table.Td miw={160}>
        <Progress
          value={percent}
          color={color}
          size="md"
          aria-label={`${status.label}: ${
            status.ratio === null ? 'not tracked' : `${Math.round(status.ratio * 100)} % of the target`
          }`}
        />
        <Text size="xs" c="dimmed" mt={2}>
          {statusTargetText(status)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge
          color={color}
          variant={status.status === 'ok' ? 'light' : 'filled'}
          data-testid={`status-badge-${status.key}`}
        >
          {STATUS_LABELS[status.status]}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}
