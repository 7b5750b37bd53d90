import { Badge, Box, Center, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { formatIsoDate } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import type { StripEntry } from '../photo-strip.ts';

interface PhotoThumbProps {
  entry: StripEntry;
  index: number;
  selected: boolean;
  onSelect: () => void;
  /** Half of a before-and-after pair. */
  role?: 'before' | 'after' | undefined;
}

const SIZE = 96;

/** One photo in the strip: its thumbnail, whether it is saved, and how many foods it has. */
export function PhotoThumb({ entry, index, selected, onSelect, role }: PhotoThumbProps): React.JSX.Element {
  const thumb = useCall('photos.image', { photoId: entry.photoId, variant: 'thumb' }, { staleTime: Infinity });
  const saved = entry.status === 'saved';
  const items = `${entry.itemCount} ${entry.itemCount === 1 ? 'food' : 'foods'}`;
  return (
    <UnstyledButton
      onClick={onSelect}
      aria-current={selected ? 'true' : undefined}
      aria-label={`Photo ${index + 1}${role ? ` (${role} the meal)` : ''}: ${saved ? 'saved' : 'to review'}, ${items}${entry.localDate ? `, ${formatIsoDate(entry.localDate)}` : ''}`}
      p={4}
      style={{
        borderRadius: 6,
        outline: selected
          ? '3px solid var(--mantine-color-blue-filled)'
          : '1px solid var(--mantine-color-default-border)',
        outlineOffset: selected ? 0 : -1,
        flexShrink: 0,
      }}
      data-testid="photo-thumb"
      data-status={entry.status}
      data-photo-id={entry.photoId}
    >
      <Stack gap={4} w={SIZE}>
        <Box w={SIZE} h={SIZE} style={{ borderRadius: 4, overflow: 'hidden' }}>
          {thumb.data ? (
            <img
              src={`data:${thumb.data.mime};base64,${thumb.data.dataBase64}`}
              alt=""
              width={SIZE}
              height={SIZE}
              style={{ objectFit: 'cover', display: 'block', opacity: saved ? 0.7 : 1 }}
            />
          ) : thumb.error ? (
            <Center h={SIZE} bg="var(--mantine-color-default-hover)">
              <Text size="xs" c="dimmed" ta="center">
                No preview
              </Text>
            </Center>
          ) : (
            <Skeleton w={SIZE} h={SIZE} />
          )}
        </Box>
        <Badge
          size="xs"
          variant={saved ? 'light' : 'filled'}
          color={saved ? 'teal' : 'blue'}
          fullWidth
          data-testid="photo-thumb-status"
        >
          {saved ? 'Saved' : 'To review'}
        </Badge>
        <Text size="xs" c="dimmed" ta="center" truncate>
          {role ? `${role === 'before' ? 'Before' : 'After'} · ` : ''}
          {items}
        </Text>
      </Stack>
    </UnstyledButton>
  );
}
