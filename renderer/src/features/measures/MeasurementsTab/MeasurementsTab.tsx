import { Alert, Button, Card, EmptyState, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Client } from '@contract/clients.ts';
import type { Measurement } from '@contract/measures.ts';
import type { Goal } from '@contract/visits.ts';
import { ConfirmModal } from '../../../components/ConfirmModal/ConfirmModal.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { QueryPending } from '../../../components/QueryPending/QueryPending.tsx';
import { TableHead } from '../../../components/TableHead/TableHead.tsx';
import { toApiError } from '../../../lib/errors.ts';
import { formatIsoDate } from '../../../lib/format.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { MEASURE_DATA } from '../../../lib/use-query-events.ts';
import { MeasureChart } from '../MeasureChart/MeasureChart.tsx';
import { MeasurementFormModal } from '../MeasurementForm/MeasurementFormModal.tsx';
import {
  changeSinceFirst,
  changeText,
  chartGoal,
  convertedText,
  enteredText,
  groupReadings,
  inputOf,
  rangesFor,
  readingName,
  type MeasureGroup,
  type UnitSystem,
} from '../measure-text.ts';

const COLUMNS = ['Date', { label: 'Value', align: 'right' as const }, 'Method', 'Note', ''];

interface MeasurementsTabProps {
  client: Pick<Client, 'id' | 'sex' | 'lifeStage' | 'edSensitive'>;
  /** The unit system chosen in Settings: weight and lengths are shown in it. */
  units: UnitSystem;
  /** The client's goals (from their visits); the chart draws the latest open one for its kind. */
  goals?: readonly Goal[];
  /** The date of the client's first visit (the change is counted from it); null without visits. */
  firstVisit?: string | null;
}

/**
 * A client's measurements: a chart of one kind over time with its goal, and every reading grouped by
 * kind with the kind's reference range and source; add, edit, delete with undo. For a client in
 * eating-disorder-sensitive care, weight (values, chart, change) stays hidden until the practitioner
 * chooses to show it (docs/decisions/measurements.md, "Weight and eating-disorder-sensitive care").
 */
export function MeasurementsTab({
  client,
  units,
  goals = [],
  firstVisit = null,
}: MeasurementsTabProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const [editing, setEditing] = useState<Measurement | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Measurement | null>(null);
  const [chartKey, setChartKey] = useState<string | null>(null);
  // Shown on the practitioner's deliberate choice, for this visit of the tab only.
  const [weightShown, setWeightShown] = useState(false);
  const kindsQuery = useCall('measures.kinds', {}, { staleTime: Infinity });
  const query = useCall('measures.list', { clientId: client.id });
  const add = useMutation('measures.add', { invalidates: MEASURE_DATA });
  const remove = useMutation('measures.delete', { invalidates: MEASURE_DATA });

  const kinds = kindsQuery.data ?? [];
  const readings = query.data;
  const groups = readings ? groupReadings(readings, kinds, units) : [];
  const weightHidden = client.edSensitive && !weightShown;
  const hidden = (g: MeasureGroup): boolean => g.kind === 'weight' && weightHidden;
  const charted = groups.find((g) => g.key === chartKey) ?? groups.find((g) => g.kind === 'weight') ?? groups[0];

  const restore = async (m: Measurement): Promise<void> => {
    try {
      await add.run(inputOf(m));
      notify({ message: `Reading restored: ${readingName(m, false)}.` });
    } catch (e) {
      reportError(e);
      notify({ title: 'Could not undo', message: toApiError(e).message, color: 'red' });
    }
  };

  return (
    <Stack gap="md" data-testid="measures-tab">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Measurements
        </Title>
        <Button onClick={() => setEditing('new')} disabled={!kindsQuery.data} data-testid="measure-add">
          Add reading
        </Button>
      </Group>
      <QueryPending query={kindsQuery} errorTitle="Could not load the measurement kinds" loadingLabel="Loading" />
      <QueryPending
        query={query}
        errorTitle="Could not load the measurements"
        loadingLabel="Loading the measurements"
      />
      {client.edSensitive && groups.some((g) => g.kind === 'weight') && (
        <Alert color="violet" variant="light" data-testid="measure-weight-notice">
          <Group justify="space-between" gap="sm">
            <Text size="sm">
              {weightHidden
                ? 'Weight is hidden for this client (eating-disorder-sensitive care). Other measurements are shown.'
                : 'Weight is shown. Turn the screen away from the client if they should not see it.'}
            </Text>
            <Button
              size="xs"
              variant="light"
              color="violet"
              onClick={() => setWeightShown(weightHidden)}
              data-testid={weightHidden ? 'measure-show-weight' : 'measure-hide-weight'}
            >
              {weightHidden ? 'Show weight' : 'Hide weight'}
            </Button>
          </Group>
        </Alert>
      )}
      {readings && readings.length === 0 && (
        <EmptyState
          title="No measurements yet"
          description="Record weight, height, waist, blood pressure, lab values or a measurement of your own, with the date it was taken."
          data-testid="measures-empty"
        />
      )}
      {charted && (
        <Card withBorder padding="md" data-testid="measure-chart-card">
          <Stack gap="sm">
            <Group justify="space-between" align="flex-end">
              <Title order={3} size="h5">
                {charted.label} over time
              </Title>
              <NativeSelect
                label="Chart"
                size="xs"
                data={groups.map((g) => ({ value: g.key, label: g.label }))}
                value={charted.key}
                onChange={(e) => setChartKey(e.currentTarget.value)}
                data-testid="measure-chart-kind"
              />
            </Group>
            {hidden(charted) ? (
              <Text size="sm" c="dimmed" data-testid="measure-chart-hidden">
                The weight chart is hidden. Use “Show weight” above to see it.
              </Text>
            ) : (
              <ChartBody group={charted} units={units} goals={goals} firstVisit={firstVisit} />
            )}
          </Stack>
        </Card>
      )}
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`measure-group-${g.key}`} data-testid="measure-group" data-kind={g.key}>
          <Title order={3} size="h5" id={`measure-group-${g.key}`}>
            {g.label}
          </Title>
          {rangesFor(
            kinds.find((k) => k.kind === g.kind),
            client,
            units,
          ).map((r) => (
            <Text key={r} size="sm" c="dimmed" data-testid="measure-range">
              Reference range: {r}
            </Text>
          ))}
          {hidden(g) ? (
            <Text size="sm" c="dimmed" mt={4} data-testid="measure-group-hidden">
              {g.readings.length === 1 ? '1 reading' : `${g.readings.length} readings`} hidden.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing={6} highlightOnHover>
                <TableHead columns={COLUMNS} />
                <Table.Tbody>
                  {g.readings.map((m) => (
                    <ReadingRow key={m.id} m={m} units={units} onEdit={setEditing} onDelete={setDeleting} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </section>
      ))}
      <MeasurementFormModal
        clientId={client.id}
        kinds={kinds}
        units={units}
        reading={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          const was = editing;
          setEditing(null);
          notify({ message: `${was === 'new' ? 'Added' : 'Saved'}: ${readingName(saved, false)}.` });
        }}
      />
      <ConfirmModal
        subject={deleting}
        onClose={() => setDeleting(null)}
        labels={{ title: 'Delete this reading?', confirm: 'Delete reading' }}
        onConfirm={async (m) => {
          await remove.run({ id: m.id });
          setDeleting(null);
          notify({
            message: `Reading deleted: ${readingName(m, false)}.`,
            action: { label: 'Undo', onClick: () => void restore(m), testId: 'measure-undo' },
          });
        }}
        testIdPrefix="measure-delete"
      >
        <Text size="sm" data-testid="measure-delete-subject">
          {deleting && `The reading “${readingName(deleting, true)}” will be deleted.`}
        </Text>
      </ConfirmModal>
    </Stack>
  );
}

function ChartBody({
  group,
  units,
  goals,
  firstVisit,
}: {
  group: MeasureGroup;
  units: UnitSystem;
  goals: readonly Goal[];
  firstVisit: string | null;
}): React.JSX.Element {
  const goal = chartGoal(goals, group, units);
  const change = changeSinceFirst(group, units, firstVisit);
  return (
    <>
      <MeasureChart group={group} units={units} goal={goal} firstVisit={firstVisit} />
      {change && (
        <Text size="sm" data-testid="measure-change">
          {changeText(change)}
        </Text>
      )}
      {goal && (
        <Text size="sm" data-testid="measure-goal">
          Goal: {goal.text}
          {goal.reviewOn ? `, to review on ${formatIsoDate(goal.reviewOn)}` : ''} ({goal.goalText})
        </Text>
      )}
    </>
  );
}

interface ReadingRowProps {
  m: Measurement;
  units: UnitSystem;
  onEdit: (m: Measurement) => void;
  onDelete: (m: Measurement) => void;
}

function ReadingRow({ m, units, onEdit, onDelete }: ReadingRowProps): React.JSX.Element {
  const converted = convertedText(m, units);
  return (
    <Table.Tr data-testid="measure-row" data-id={m.id}>
      <Table.Td>{formatIsoDate(m.date)}</Table.Td>
      <Table.Td ta="right">
        <Text size="sm" span data-testid="measure-value-cell">
          {enteredText(m)}
        </Text>
        {converted && (
          <Text size="sm" c="dimmed" span data-testid="measure-converted">
            {' '}
            ({converted})
          </Text>
        )}
      </Table.Td>
      <Table.Td>{m.method ?? ''}</Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2}>
          {m.note ?? ''}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <Button
            size="xs"
            variant="subtle"
            onClick={() => onEdit(m)}
            aria-label={`Edit ${readingName(m, true)}`}
            data-testid="measure-edit"
          >
            Edit
          </Button>
          <Button
            size="xs"
            color="red"
            variant="subtle"
            onClick={() => onDelete(m)}
            aria-label={`Delete ${readingName(m, true)}`}
            data-testid="measure-delete"
          >
            Delete
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
