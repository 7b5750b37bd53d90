import { Box, Button, Group, Text } from '@mantine/core';
import { useId, useRef, useState, type DragEvent } from 'react';
import { CameraIcon } from '../../../components/Icons/Icons.tsx';
import { dragHasFiles, PHOTO_ACCEPT } from '../photo-files.ts';
import classes from './PhotoDropZone.module.css';

interface PhotoDropZoneProps {
  onFiles: (files: File[]) => void;
  /** The sentence beside the button. */
  hint?: string;
  buttonLabel?: string;
}

/**
 * Where meal photos go in: drop image files on it (it lights up while files are dragged over), or
 * press "Choose photos" for the system's file dialog (a real multi-file input, for keyboards and tests).
 */
export function PhotoDropZone({
  onFiles,
  hint = 'Drop meal photos here to find the foods on them',
  buttonLabel = 'Choose photos…',
}: PhotoDropZoneProps): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  // Enter/leave fire for every child element; count them so the highlight does not flicker.
  const [depth, setDepth] = useState(0);

  const files = (list: FileList | null | undefined): File[] => (list ? Array.from(list) : []);

  const onDragEnter = (e: DragEvent<HTMLDivElement>): void => {
    if (!dragHasFiles(Array.from(e.dataTransfer.types))) return;
    e.preventDefault();
    setDepth((d) => d + 1);
  };
  const onDragOver = (e: DragEvent<HTMLDivElement>): void => {
    if (!dragHasFiles(Array.from(e.dataTransfer.types))) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = (): void => setDepth((d) => Math.max(0, d - 1));
  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDepth(0);
    const dropped = files(e.dataTransfer.files);
    if (dropped.length > 0) onFiles(dropped);
  };

  return (
    <Box
      className={classes.zone}
      data-active={depth > 0 || undefined}
      px="md"
      py="sm"
      role="group"
      aria-label="Meal photos"
      aria-describedby={hintId}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-testid="photo-dropzone"
    >
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="nowrap">
          <CameraIcon width={22} height={22} />
          <Text size="sm" id={hintId}>
            {depth > 0 ? 'Drop the photos to analyse them' : hint}{' '}
            <Text span size="xs" c="dimmed">
              (JPEG, PNG or WebP; analysed on this computer)
            </Text>
          </Text>
        </Group>
        <Button size="xs" variant="light" onClick={() => input.current?.click()} data-testid="photo-choose">
          {buttonLabel}
        </Button>
      </Group>
      <input
        ref={input}
        className={classes.input}
        type="file"
        multiple
        accept={PHOTO_ACCEPT}
        tabIndex={-1}
        aria-label="Meal photos to analyse"
        onChange={(e) => {
          const chosen = files(e.currentTarget.files);
          e.currentTarget.value = '';
          if (chosen.length > 0) onFiles(chosen);
        }}
        data-testid="photo-file-input"
      />
    </Box>
  );
}
