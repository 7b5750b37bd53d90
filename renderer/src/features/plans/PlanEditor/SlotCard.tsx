import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { PlanEntry, PlanSlot } from '@contract/plans.ts';
import { slotItems } from '../plan-text.ts';
import { DayMenu } from './DayMenu.tsx';
import { EntryRow, type EntryAction } from './EntryRow.tsx';
import { NoteField } from './NoteField.tsx';

interface SlotCardProps {
  slot: PlanSlot;
  day: number;
  days: number;
  entries: readonly PlanEntry[];
  note: string;
  energyHidden: boolean;
  /** A change or a generation is running: the actions wait. */
  busy: boolean;
  onAdd: () => void;
  onEntryAction: (action: EntryAction, entry: PlanEntry) => void;
  onCopyTo: (toDay: number) => void;
  onRegenerate: () => void;
  onNote: (text: string) => void;
}

/** One meal of the selected day: its foods (with their "or" alternatives), its note and its actions. */
export function SlotCard(props: SlotCardProps): React.JSX.Element {
  const { slot, day, busy } = props;
  const items = slotItems(props.entries, day, slot.key);
  return (
    <Card withBorder padding="sm" data-testid="plan-slot" data-slot={slot.key}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h5">
            {slot.label}
            {slot.time && (
              <Text span size="sm" c="dimmed" fw={400}>
                {' '}
                · {slot.time}
              </Text>
            )}
          </Title>
          <Group gap={4} wrap="nowrap">
            <DayMenu
              label="Copy to…"
              days={props.days}
              from={day}
              onPick={props.onCopyTo}
              disabled={busy || items.length === 0}
              testId="plan-slot-copy"
            />
            <Button
              variant="default"
              size="xs"
              onClick={props.onRegenerate}
              disabled={busy}
              data-testid="plan-slot-regenerate"
            >
              Regenerate
            </Button>
          </Group>
        </Group>
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            Nothing planned.
          </Text>
        )}
        {items.map(({ entry, alternatives }) => (
          <Stack key={entry.id} gap={4}>
            <EntryRow entry={entry} energyHidden={props.energyHidden} disabled={busy} onAction={props.onEntryAction} />
            {alternatives.map((alt) => (
              <EntryRow
                key={alt.id}
                entry={alt}
                alternative
                energyHidden={props.energyHidden}
                disabled={busy}
                onAction={props.onEntryAction}
              />
            ))}
          </Stack>
        ))}
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <div style={{ flex: 1 }}>
            <NoteField
              label={`Note for ${slot.label}`}
              value={props.note}
              onSave={props.onNote}
              disabled={busy}
              testId="plan-slot-note"
            />
          </div>
          <Button size="xs" variant="light" onClick={props.onAdd} disabled={busy} data-testid="plan-slot-add-food">
            Add food
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
