import { Button } from '@mantine/core';
import { useState } from 'react';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call } from '../../../lib/api.ts';
import { formatBytes } from '../../../lib/base64.ts';
import { toApiError } from '../../../lib/errors.ts';
import { downloadBase64 } from '../../../lib/files.ts';
import { useSessionActions } from '../../../lib/session-context.ts';

/** Downloads the client's whole record (a zip of CSV and JSON files) for data portability. */
export function ExportButton({ clientId }: { clientId: string }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const [exporting, setExporting] = useState(false);

  const run = async (): Promise<void> => {
    setExporting(true);
    try {
      const file = await call('export.client', { clientId });
      downloadBase64(file.fileName, file.dataBase64);
      notify({ message: `Saved ${file.fileName} (${formatBytes(file.bytes)}).` });
    } catch (e) {
      reportError(e);
      notify({ title: 'Export failed', message: toApiError(e).message, color: 'red' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button variant="default" onClick={() => void run()} loading={exporting} data-testid="client-export">
      Export record
    </Button>
  );
}
