import { ActionIcon, Group, Menu, Stack, Title } from '@mantine/core';
import type { LogEntry } from '@contract/log.ts';
import type { Meal } from '../../../lib/labels.ts';
import { groupEntries, type LogSection } from '../log-text.ts';
import { LogEntryRow } from './LogEntryRow.tsx';

/** A meal of the day as its header names it (null: the food entries without a meal). */
export interface MealSource {
  meal: Meal | null;
  title: string;
}

interface LogEntryListProps {
  entries: LogEntry[];
  deletingId: string | null;
  onEdit: (entry: LogEntry) => void;
  onDelete: (entry: LogEntry) => void;
  /** Shows the star that adds an entry's food to the client's favourites. */
  clientId?: string;
  onSaveTemplate?: (source: MealSource) => void;
  onCopyMeal?: (source: MealSource) => void;
}

function mealOf(section: LogSection): MealSource | null {
  if (section.key === 'activity' || section.key === 'sleep') return null;
  return { meal: section.key === 'no-meal' ? null : section.key, title: section.title };
}

/** The day's entries, by meal, then activity and sleep; a meal's menu saves it as a template or copies it. */
export function LogEntryList({
  entries,
  deletingId,
  onEdit,
  onDelete,
  clientId,
  onSaveTemplate,
  onCopyMeal,
}: LogEntryListProps): React.JSX.Element {
  return (
    <Stack gap="md" data-testid="log-entries">
      {groupEntries(entries).map((section) => {
        const meal = mealOf(section);
        const hasFood = section.entries.some((e) => e.food !== null);
        return (
          <section
            key={section.key}
            aria-labelledby={`log-section-${section.key}`}
            data-testid={`log-section-${section.key}`}
          >
            <Group gap="xs" mb={6} wrap="nowrap">
              <Title order={3} size="h5" id={`log-section-${section.key}`}>
                {section.title}
              </Title>
              {meal && hasFood && (onSaveTemplate || onCopyMeal) && (
                <Menu position="bottom-start" withinPortal>
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={`${section.title}: more actions`}
                      data-testid="log-meal-actions"
                    >
                      ⋯
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {onCopyMeal && (
                      <Menu.Item onClick={() => onCopyMeal(meal)} data-testid="log-meal-copy">
                        Copy {section.title.toLowerCase()}…
                      </Menu.Item>
                    )}
                    {onSaveTemplate && (
                      <Menu.Item onClick={() => onSaveTemplate(meal)} data-testid="log-meal-save-template">
                        Save as template…
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
            <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {section.entries.map((entry) => (
                <LogEntryRow
                  key={entry.id}
                  entry={entry}
                  clientId={clientId}
                  deleting={deletingId === entry.id}
                  onEdit={() => onEdit(entry)}
                  onDelete={() => onDelete(entry)}
                />
              ))}
            </Stack>
          </section>
        );
      })}
    </Stack>
  );
}
