import { Group, ScrollArea } from '@mantine/core';
import type { StripEntry } from '../photo-strip.ts';
import { PhotoThumb } from './PhotoThumb.tsx';

interface PhotoStripProps {
  entries: StripEntry[];
  selectedId: string | null;
  onSelect: (photoId: string) => void;
  /** Before-and-after pairs: each paired photo's role. */
  roles?: Readonly<Record<string, 'before' | 'after'>>;
}

/** The client's photos side by side: the ones analysed here first, then the others to review or saved. */
export function PhotoStrip({ entries, selectedId, onSelect, roles = {} }: PhotoStripProps): React.JSX.Element {
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Group gap="sm" wrap="nowrap" p={4} component="nav" aria-label="Meal photos" data-testid="photo-strip">
        {entries.map((entry, index) => (
          <PhotoThumb
            key={entry.photoId}
            entry={entry}
            index={index}
            selected={entry.photoId === selectedId}
            onSelect={() => onSelect(entry.photoId)}
            role={roles[entry.photoId]}
          />
        ))}
      </Group>
    </ScrollArea>
  );
}
