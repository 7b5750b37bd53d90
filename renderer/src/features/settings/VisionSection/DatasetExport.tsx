import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { downloadBase64 } from '../../../lib/files.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { datasetText } from '../vision-values.ts';

const DATASET_FORMATS = ['coco', 'yolo'] as const;
type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** Downloads the saved photos with their reviewed boxes and labels, as a COCO or YOLO zip. */
export function DatasetExport(): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const [busy, setBusy] = useState<DatasetFormat | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (format: DatasetFormat): Promise<void> => {
    setBusy(format);
    setError(null);
    try {
      const file = await call('photos.exportDataset', { format });
      downloadBase64(file.fileName, file.dataBase64);
      const text = `Saved ${file.fileName}: ${datasetText(file.images, file.annotations)}.`;
      setResult(text);
      notify({ message: text });
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        The photos saved to a log, with the boxes and food labels as reviewed, for training a better detector. The zip
        holds meal photos of clients: keep it as safe as their records.
      </Text>
      <Group gap="xs">
        {DATASET_FORMATS.map((format) => (
          <Button
            key={format}
            variant="default"
            onClick={() => void run(format)}
            loading={busy === format}
            disabled={busy !== null}
            data-testid={`dataset-export-${format}`}
          >
            Export {format.toUpperCase()}
          </Button>
        ))}
      </Group>
      {result && (
        <Text size="sm" role="status" data-testid="dataset-export-result">
          {result}
        </Text>
      )}
      {error && (
        <Text size="sm" c="red" role="alert" data-testid="dataset-export-error">
          {error}
        </Text>
      )}
    </Stack>
  );
}
