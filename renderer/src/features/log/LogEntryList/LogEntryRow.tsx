import { ActionIcon, Badge, Group, Paper, Text } from '@mantine/core';
import type { LogEntry } from '@contract/log.ts';
import { CameraIcon } from '../../../components/Icons/Icons.tsx';
import { confirmedText } from '../../foods/allergen-text.ts';
import { entryText } from '../log-text.ts';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';
import { FavouriteStar } from '../FavouriteStar/FavouriteStar.tsx';

interface LogEntryRowProps {
  entry: LogEntry;
  /** Shows the star that adds the entry's food to this client's favourites. */
  clientId?: string | undefined;
  onEdit: () => void;
  onDelete: () => void;
  deleting: boolean;
}

/** One logged entry with its edit and delete buttons. */
export function LogEntryRow({ entry, clientId, onEdit, onDelete, deleting }: LogEntryRowProps): React.JSX.Element {
  const text = entryText(entry);
  const hideEnergy = useEnergyHidden();
  const allergy = entry.allergyConfirmation;
  return (
    <Paper withBorder px="sm" py={6} component="li" data-testid="log-entry" data-entry-id={entry.id}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          {entry.time && (
            <Text size="xs" c="dimmed" w={40} style={{ flexShrink: 0 }}>
              {entry.time}
            </Text>
          )}
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} truncate="end" data-testid="log-entry-title">
              {text.title}
            </Text>
            <Text size="xs" c="dimmed" data-testid="log-entry-detail">
              {text.detail}
              {entry.note ? ` · ${entry.note}` : ''}
            </Text>
            {allergy && (
              <Text size="xs" c="red" data-testid="log-entry-allergy-reason">
                Saved despite the allergy ({confirmedText(allergy.allergens)}): {allergy.reason}
              </Text>
            )}
          </div>
          {allergy && (
            <Badge
              size="xs"
              variant="filled"
              color="red"
              title={`Saved despite the allergy: ${allergy.reason}`}
              data-testid="log-entry-allergy"
            >
              allergy
            </Badge>
          )}
          {entry.source === 'import' && (
            <Badge size="xs" variant="outline" color="gray">
              imported
            </Badge>
          )}
          {entry.source === 'photo' && (
            <Badge
              size="xs"
              variant="light"
              color="blue"
              leftSection={<CameraIcon width={12} height={12} />}
              title="Logged from a meal photo"
              data-testid="log-entry-photo"
            >
              from photo
            </Badge>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          {text.energy && !hideEnergy && (
            <Text size="sm" style={{ whiteSpace: 'nowrap' }} data-testid="log-entry-kcal">
              {text.energy}
            </Text>
          )}
          {clientId && entry.food && (
            <FavouriteStar clientId={clientId} foodId={entry.food.id} foodName={entry.food.name} />
          )}
          <ActionIcon variant="subtle" aria-label={`Edit ${text.title}`} onClick={onEdit} data-testid="log-entry-edit">
            ✎
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Delete ${text.title}`}
            onClick={onDelete}
            loading={deleting}
            data-testid="log-entry-delete"
          >
            ×
          </ActionIcon>
        </Group>
      </Group>
    </Paper>
  );
}
