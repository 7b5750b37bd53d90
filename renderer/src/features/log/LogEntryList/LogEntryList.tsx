import { Stack, Title } from '@mantine/core';
import type { LogEntry } from '@contract/log.ts';
import { groupEntries } from '../log-text.ts';
import { LogEntryRow } from './LogEntryRow.tsx';

interface LogEntryListProps {
  entries: LogEntry[];
  deletingId: string | null;
  onEdit: (entry: LogEntry) => void;
  onDelete: (entry: LogEntry) => void;
}

/** The day's entries, by meal, then activity and sleep. */
export function LogEntryList({ entries, deletingId, onEdit, onDelete }: LogEntryListProps): React.JSX.Element {
  return (
    <Stack gap="md" data-testid="log-entries">
      {groupEntries(entries).map((section) => (
        <section
          key={section.key}
          aria-labelledby={`log-section-${section.key}`}
          data-testid={`log-section-${section.key}`}
        >
          <Title order={3} size="h5" mb={6} id={`log-section-${section.key}`}>
            {section.title}
          </Title>
          <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {section.entries.map((entry) => (
              <LogEntryRow
                key={entry.id}
                entry={entry}
                deleting={deletingId === entry.id}
                onEdit={() => onEdit(entry)}
                onDelete={() => onDelete(entry)}
              />
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}
