import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { PlanEntry } from '@contract/plans.ts';
import { QueryPending } from '../../../components/QueryPending/QueryPending.tsx';
import { useCall } from '../../../lib/query.ts';
import { foodAmountText } from '../../log/log-text.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

interface SwapModalProps {
  entry: PlanEntry | null;
  onClose: () => void;
  /** Puts the chosen food in the entry's place, in the amount offered. */
  onSwap: (entry: PlanEntry, food: { id: string; amountLabel: string; grams: number }) => void;
}

/** Foods like the entry's (plans.swapOptions), most alike first, saying which keep the day in range. */
export function SwapModal({ entry, onClose, onSwap }: SwapModalProps): React.JSX.Element {
  return (
    <AppModal opened={entry !== null} onClose={onClose} title={entry ? `Swap ${entry.food.name}` : ''} size="lg">
      {entry && <SwapOptions entry={entry} onSwap={onSwap} />}
    </AppModal>
  );
}

function SwapOptions({ entry, onSwap }: { entry: PlanEntry; onSwap: SwapModalProps['onSwap'] }) {
  const query = useCall('plans.swapOptions', { entryId: entry.id });
  const options = query.data;
  return (
    <Stack gap="xs" data-testid="plan-swap">
      <QueryPending query={query} errorTitle="No swaps could be found" loadingLabel="Finding similar foods" />
      {options?.length === 0 && (
        <Text size="sm" c="dimmed">
          No similar food fits this client and meal.
        </Text>
      )}
      {options?.map((o) => (
        <Group key={o.food.id} justify="space-between" wrap="nowrap" data-testid="plan-swap-option">
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {o.food.name}
            </Text>
            <Text size="xs" c="dimmed">
              {foodAmountText(o.food)} · {Math.round(o.similarity * 100)} % alike
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {!o.keepsDayInRange && (
              <Badge size="xs" color="yellow" variant="light">
                Day leaves range
              </Badge>
            )}
            <Button size="xs" variant="light" onClick={() => onSwap(entry, o.food)} data-testid="plan-swap-choose">
              Use this
            </Button>
          </Group>
        </Group>
      ))}
    </Stack>
  );
}
