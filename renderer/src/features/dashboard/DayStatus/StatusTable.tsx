import { Alert, Table } from '@mantine/core';
import type { NutrientStatus } from '@contract/log.ts';
import { TableHead } from '../../../components/TableHead/TableHead.tsx';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';
import { StatusRow } from './StatusRow.tsx';

const COLUMNS = ['Nutrient', { label: 'Intake', align: 'right' as const }, 'Against target', 'Status'];

/**
 * Intake against the client's targets, one row a nutrient (no energy row where the client's views
 * hide energy); a note pointing to the profile when targets cannot be worked out (`statuses` null).
 */
export function StatusTable({
  statuses,
  testId,
}: {
  statuses: readonly NutrientStatus[] | null;
  testId?: string;
}): React.JSX.Element {
  const hideEnergy = useEnergyHidden();
  if (statuses === null) {
    return (
      <Alert color="blue" data-testid="dashboard-missing-profile">
        Targets need the client’s sex, birth date, height, weight and activity level. Complete the profile on the
        “Profile & targets” tab to compare with targets.
      </Alert>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} data-testid={testId}>
        <TableHead columns={COLUMNS} />
        <Table.Tbody>
          {statuses
            .filter((s) => !(hideEnergy && s.key === 'energyKcal'))
            .map((s) => (
              <StatusRow key={s.key} status={s} />
            ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
