import { Anchor, Badge, Button, EmptyState, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PlanSummary } from '@contract/plans.ts';
import { ConfirmModal } from '../../../components/ConfirmModal/ConfirmModal.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { QueryPending } from '../../../components/QueryPending/QueryPending.tsx';
import { TableHead } from '../../../components/TableHead/TableHead.tsx';
import { formatIsoDate, formatRelative } from '../../../lib/format.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { PlanEditor } from '../PlanEditor/PlanEditor.tsx';
import { PlanFormModal } from '../PlanForm/PlanFormModal.tsx';
import { statusText } from '../plan-text.ts';

const COLUMNS = ['Plan', 'Starts', { label: 'Days', align: 'right' as const }, 'Status', 'Changed', ''];

interface PlansTabProps {
  clientId: string;
  /** Eating-disorder-sensitive care: no energy or nutrient figures anywhere in the plans. */
  edSensitive: boolean;
}

/** A client's meal plans (the latest version of each), a new plan, and one plan open in the editor. */
export function PlansTab({ clientId, edSensitive }: PlansTabProps): React.JSX.Element {
  const notify = useNotify();
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<PlanSummary | null>(null);
  const query = useCall('plans.list', { clientId });
  const remove = useMutation('plans.delete', { invalidates: ['plans'] });

  if (openId) {
    return <PlanEditor planId={openId} onOpen={setOpenId} onClose={() => setOpenId(null)} />;
  }

  const plans = query.data;
  return (
    <Stack gap="md" data-testid="plans-tab">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Meal plans
        </Title>
        <Button onClick={() => setCreating(true)} data-testid="plan-new">
          New plan
        </Button>
      </Group>
      <QueryPending query={query} errorTitle="Could not load the plans" loadingLabel="Loading the plans" />
      {plans && plans.length === 0 && (
        <EmptyState
          title="No meal plans yet"
          description="Make a plan of 1 to 28 days: fill it yourself, or let the generator fill it against the client's targets."
          data-testid="plans-empty"
        />
      )}
      {plans && plans.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} highlightOnHover data-testid="plans-list">
            <TableHead columns={COLUMNS} />
            <Table.Tbody>
              {plans.map((p) => (
                <Table.Tr key={p.id} data-testid="plans-row">
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      fw={500}
                      onClick={() => setOpenId(p.id)}
                      data-testid="plans-open"
                    >
                      {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatIsoDate(p.startDate)}</Table.Td>
                  <Table.Td ta="right">{p.days}</Table.Td>
                  <Table.Td>
                    <Badge color={p.status === 'sent' ? 'teal' : 'gray'} variant="light" data-testid="plans-status">
                      {statusText(p)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {formatRelative(p.updatedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      color="red"
                      variant="subtle"
                      onClick={() => setDeleting(p)}
                      data-testid="plans-delete"
                    >
                      Delete
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PlanFormModal
        clientId={clientId}
        plan={null}
        opened={creating}
        numbersHidden={edSensitive}
        onClose={() => setCreating(false)}
        onSaved={(plan) => {
          setCreating(false);
          notify({ message: `${plan.name} was made.` });
          setOpenId(plan.id);
        }}
      />
      <ConfirmModal
        subject={deleting}
        onClose={() => setDeleting(null)}
        labels={{ title: 'Delete this plan?', confirm: 'Delete plan' }}
        onConfirm={async (plan) => {
          await remove.run({ planId: plan.id });
          setDeleting(null);
          notify({ message: `${plan.name} was deleted.` });
        }}
        testIdPrefix="plan-delete"
      >
        <Text size="sm">
          “{deleting?.name}” and all its versions, sent ones included, will be deleted. This cannot be undone.
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
