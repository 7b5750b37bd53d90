import { Button } from '@mantine/core';
import { useState } from 'react';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call } from '../../../lib/api.ts';
import { formatBytes } from '../../../lib/base64.ts';
import { toApiError } from '../../../lib/errors.ts';
import { downloadBase64 } from '../../../lib/files.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { exportedSentence, pdfFileName } from '../../reports/report-options.ts';

/** Saves the plan's handout as a PDF (the reports' printer and branding). */
export function ExportPlanButton({ planId }: { planId: string }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const [exporting, setExporting] = useState(false);

  const run = async (): Promise<void> => {
    setExporting(true);
    try {
      const file = await call('plans.export', { planId });
      const fileName = pdfFileName(file.fileName);
      downloadBase64(fileName, file.dataBase64);
      notify({ title: 'Handout exported', message: exportedSentence(fileName, file.pages, formatBytes(file.bytes)) });
    } catch (e) {
      reportError(e);
      notify({ title: 'The handout could not be made', message: toApiError(e).message, color: 'red' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button variant="default" onClick={() => void run()} loading={exporting} data-testid="plan-export">
      Export handout
    </Button>
  );
}
