import { Alert, Button, Group, Loader, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { MethodOutput } from '../../../../../core/api/contract.ts';
import type { CsvMapping, ImportReport } from '../../../../../core/api/schemas-foods.ts';
import { ImportReportView } from '../../../components/ImportReportView/ImportReportView.tsx';
import { foodsImportedSentence } from '../../../components/ImportReportView/import-report-text.ts';
import { call } from '../../../lib/api.ts';
import { fieldErrorsFor, toApiError } from '../../../lib/errors.ts';
import { readFileUpload } from '../../../lib/files.ts';
import { useSession } from '../../../lib/session-context.ts';
import { CsvMappingForm } from './CsvMappingForm.tsx';
import { CsvSampleTable } from './CsvSampleTable.tsx';
import {
  datasetNameFromFile,
  mappingFromSuggested,
  mappingProblem,
  mappingWarning,
  type ImportFormat,
} from './import-mapping.ts';
import { ImportProgressBar } from './ImportProgressBar.tsx';
import { ImportSetupFields } from './ImportSetupFields.tsx';
import { useImportProgress } from './use-import-progress.ts';

type Upload = { fileName: string; dataBase64: string };
type Preview = MethodOutput<'foods.previewCsv'>;

interface FoodsImportModalProps {
  opened: boolean;
  onClose: () => void;
  /** After a committed import (lists reload). */
  onImported: (report: ImportReport) => void;
}

export function FoodsImportModal({ opened, onClose, onImported }: FoodsImportModalProps): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      opened={opened}
      onClose={() => !busy && onClose()}
      closeOnEscape={!busy}
      withCloseButton={!busy}
      title="Import foods"
      size="xl"
    >
      {opened && <FoodsImportWizard onClose={onClose} onImported={onImported} onBusyChange={setBusy} />}
    </Modal>
  );
}

let runCounter = 0;

/** Format → file → (CSV: column mapping over a sample) → run with progress → all-or-nothing report. */
function FoodsImportWizard({
  onClose,
  onImported,
  onBusyChange,
}: {
  onClose: () => void;
  onImported: (report: ImportReport) => void;
  onBusyChange: (busy: boolean) => void;
}): React.JSX.Element {
  const { reportError } = useSession();
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [datasetName, setDatasetName] = useState('');
  const [citation, setCitation] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [mapping, setMapping] = useState<CsvMapping | null>(null);
  // UTF-8 unless the practitioner says otherwise: a file that is not UTF-8 is refused, never guessed.
  const [encoding, setEncoding] = useState<'utf-8' | 'windows-1252'>('utf-8');
  const [runId, setRunId] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [runError, setRunError] = useState<string | null>(null);
  const progress = useImportProgress(runId);
  const running = runId !== null;

  const loadPreview = async (file: Upload, enc = encoding): Promise<void> => {
    setPreviewing(true);
    setPreview(null);
    setMapping(null);
    setFileError(null);
    try {
      const p = await call('foods.previewCsv', { ...file, encoding: enc });
      setPreview(p);
      setMapping(mappingFromSuggested(p.suggested, p.headers));
    } catch (e) {
      reportError(e);
      setFileError(toApiError(e).message);
    } finally {
      setPreviewing(false);
    }
  };

  const chooseFile = async (file: File | null): Promise<void> => {
    setFileError(null);
    setUpload(null);
    setPreview(null);
    setMapping(null);
    setReport(null);
    if (!file) return;
    try {
      const read = await readFileUpload(file);
      setUpload(read);
      if (!datasetName.trim()) setDatasetName(datasetNameFromFile(file.name));
      if (format === 'csv') await loadPreview(read);
    } catch (e) {
      setFileError(toApiError(e).message);
    }
  };

  const changeFormat = (next: ImportFormat): void => {
    setFormat(next);
    // The file input is re-created for the new format's file types, so the choice starts over.
    setUpload(null);
    setPreview(null);
    setMapping(null);
    setFileError(null);
    setReport(null);
  };

  const problem =
    upload === null
      ? 'Choose a file.'
      : format === 'csv'
        ? mapping
          ? mappingProblem(mapping)
          : 'Waiting for the preview.'
        : null;

  const run = async (): Promise<void> => {
    if (!upload) return;
    const id = ++runCounter;
    setRunId(id);
    onBusyChange(true);
    setErrors({});
    setRunError(null);
    setReport(null);
    try {
      const result = await call('foods.import', {
        ...upload,
        encoding: format === 'csv' ? encoding : null,
        format,
        datasetName,
        citation: citation.trim() || null,
        mapping: format === 'csv' ? mapping : null,
      });
      setReport(result);
      if (result.committed) onImported(result);
    } catch (e) {
      reportError(e);
      const error = toApiError(e);
      const fields = fieldErrorsFor(error);
      setErrors(fields);
      setRunError(Object.keys(fields).length > 0 ? 'Check the fields marked in red.' : error.message);
    } finally {
      setRunId(null);
      onBusyChange(false);
    }
  };

  const warning = format === 'csv' && mapping ? mappingWarning(mapping) : null;

  return (
    <Stack gap="md" data-testid="foods-import-dialog">
      <ImportSetupFields
        format={format}
        onFormatChange={changeFormat}
        onFile={(f) => void chooseFile(f)}
        fileError={fileError}
        datasetName={datasetName}
        onDatasetNameChange={setDatasetName}
        citation={citation}
        onCitationChange={setCitation}
        errors={errors}
        disabled={running}
      />
      {format === 'csv' && (
        <NativeSelect
          label="Text encoding"
          description="Files saved by Excel on Western-European Windows are often Windows-1252 (Latin-1)."
          value={encoding}
          data={[
            { value: 'utf-8', label: 'UTF-8' },
            { value: 'windows-1252', label: 'Windows-1252 (Latin-1)' },
          ]}
          onChange={(e) => {
            const next = e.currentTarget.value === 'windows-1252' ? 'windows-1252' : 'utf-8';
            setEncoding(next);
            if (upload) void loadPreview(upload, next);
          }}
          disabled={running}
          data-testid="foods-import-encoding"
        />
      )}
      {previewing && (
        <Group gap="xs" role="status">
          <Loader size="xs" aria-hidden />
          <Text size="sm">Reading the columns…</Text>
        </Group>
      )}
      {preview && mapping && (
        <>
          <CsvSampleTable
            headers={preview.headers}
            rows={preview.sampleRows}
            rowCount={preview.rowCount}
            delimiter={preview.delimiter}
          />
          <CsvMappingForm headers={preview.headers} mapping={mapping} onChange={setMapping} disabled={running} />
        </>
      )}
      {warning && !report && (
        <Text size="sm" c="yellow.8" data-testid="foods-import-warning">
          {warning}
        </Text>
      )}
      {running && <ImportProgressBar progress={progress} />}
      {runError && (
        <Alert color="red" role="alert" data-testid="foods-import-error-alert">
          {runError}
        </Alert>
      )}
      {report && (
        <ImportReportView
          committed={report.committed}
          successText={foodsImportedSentence(report.foodsImported, report.portionsImported)}
          errors={report.errors}
          errorCount={report.errorCount}
          testIdPrefix="foods-import"
        />
      )}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {problem && !running && !report?.committed
            ? problem
            : 'All rows are checked first: nothing is stored unless every row is valid.'}
        </Text>
        <Group>
          <Button variant="default" onClick={onClose} disabled={running} data-testid="foods-import-close">
            {report?.committed ? 'Done' : 'Cancel'}
          </Button>
          {!report?.committed && (
            <Button
              onClick={() => void run()}
              loading={running}
              disabled={problem !== null}
              data-testid="foods-import-run"
            >
              {report ? 'Import again' : 'Import'}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}
