import { FileExportButton } from '../../../components/FileExportButton/FileExportButton.tsx';
import { call } from '../../../lib/api.ts';
import { exportedSentence, pdfFileName } from '../../reports/report-options.ts';

/** Saves the plan's handout as a PDF (the reports' printer and branding). */
export function ExportPlanButton({ planId }: { planId: string }): React.JSX.Element {
  return (
    <FileExportButton
      label="Export handout"
      make={() => call('plans.export', { planId })}
      saveAs={(file) => pdfFileName(file.fileName)}
      savedTitle="Handout exported"
      savedSentence={(fileName, file, size) => exportedSentence(fileName, file.pages, size)}
      failTitle="The handout could not be made"
      testId="plan-export"
    />
  );
}
