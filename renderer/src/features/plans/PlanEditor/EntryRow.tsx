import { ActionIcon, Badge, Group, Menu, Stack, Text } from '@mantine/core';
import type { PlanEntry } from '@contract/plans.ts';
import { ALLERGEN_LABELS } from '../../../lib/labels.ts';
import { foodAmountText } from '../../log/log-text.ts';
import { entryEnergy } from '../plan-text.ts';

export type EntryAction = 'edit' | 'pin' | 'alternative' | 'swap' | 'remove';

interface EntryRowProps {
  entry: PlanEntry;
  /** Shown as an "or" alternative to the entry above it. */
  alternative?: boolean;
  /** No energy figure (eating-disorder-sensitive care). */
  energyHidden: boolean;
  disabled: boolean;
  onAction: (action: EntryAction, entry: PlanEntry) => void;
}

const allergenLabel = (a: string): string => (ALLERGEN_LABELS as Record<string, string>)[a] ?? a;

/** One food of a meal: name, amount, energy, pin, allergy and diet warnings, and what can be done to it. */
export function EntryRow({ entry, alternative = false, energyHidden, disabled, onAction }: EntryRowProps) {
  const energy = entryEnergy(entry, energyHidden);
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="xs"
      pl={alternative ? 'lg' : 0}
      data-testid={alternative ? 'plan-alternative' : 'plan-entry'}
      data-entry-id={entry.id}
    >
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="wrap">
          {alternative && (
            <Text size="sm" c="dimmed" fs="italic">
              or
            </Text>
          )}
          <Text size="sm" fw={500} data-testid="plan-entry-name">
            {entry.food.name}
          </Text>
          {entry.pinned && (
            <Badge size="xs" variant="outline" data-testid="plan-entry-pinned">
              Pinned
            </Badge>
          )}
          {entry.allergens.map((a) => (
            <Badge key={a} size="xs" color="red" variant="filled" data-testid="plan-entry-allergen" data-allergen={a}>
              Allergy: {allergenLabel(a)}
            </Badge>
          ))}
          {entry.dietConflict && (
            <Badge size="xs" color="yellow" variant="light" title={entry.dietConflict} data-testid="plan-entry-diet">
              Diet: {entry.dietConflict}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" data-testid="plan-entry-amount">
          {foodAmountText(entry.food)}
          {energy !== null && ` · ${energy}`}
        </Text>
        {entry.note && (
          <Text size="xs" fs="italic">
            {entry.note}
          </Text>
        )}
      </Stack>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            aria-label={`Actions for ${entry.food.name}`}
            disabled={disabled}
            data-testid="plan-entry-menu"
          >
            ⋯
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onAction('edit', entry)} data-testid="plan-entry-edit">
            Edit amount or note
          </Menu.Item>
          <Menu.Item onClick={() => onAction('pin', entry)} data-testid="plan-entry-pin">
            {entry.pinned ? 'Unpin' : 'Pin (the generator keeps it)'}
          </Menu.Item>
          {!alternative && (
            <Menu.Item onClick={() => onAction('alternative', entry)} data-testid="plan-entry-add-alt">
              Add an “or” alternative
            </Menu.Item>
          )}
          <Menu.Item onClick={() => onAction('swap', entry)} data-testid="plan-entry-swap">
            Swap this food
          </Menu.Item>
          <Menu.Item color="red" onClick={() => onAction('remove', entry)} data-testid="plan-entry-remove">
            Remove
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
