import { FileExportButton } from '../../../components/FileExportButton/FileExportButton.tsx';
import { call } from '../../../lib/api.ts';

/** Downloads the client's whole record (a zip of CSV and JSON files) for data portability. */
export function ExportButton({ clientId }: { clientId: string }): React.JSX.Element {
  return (
    <FileExportButton
      label="Export record"
      make={() => call('export.client', { clientId })}
      failTitle="Export failed"
      testId="client-export"
    />
  );
}
