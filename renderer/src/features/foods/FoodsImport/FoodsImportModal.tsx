import { Button, Group, Loader, NativeSelect, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '@contract/index.ts';
import type { CsvMapping, ImportReport } from '@contract/foods.ts';
import { ImportOutcome } from '../../../components/ImportReportView/ImportReportView.tsx';
import { foodsImportedSentence } from '../../../components/ImportReportView/import-report-text.ts';
import { call } from '../../../lib/api.ts';
import { fieldErrorsFor, toApiError } from '../../../lib/errors.ts';
import { formatBytes } from '../../../lib/base64.ts';
import { uploadInParts, type ChunkedUpload } from '../../../lib/files.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
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
import { useMutation } from '../../../lib/query.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

type Preview = MethodOutput<'foods.previewCsv'>;

interface FoodsImportModalProps {
  opened: boolean;
  onClose: () => void;
}

export function FoodsImportModal({ opened, onClose }: FoodsImportModalProps): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  return (
    <AppModal
      opened={opened}
      onClose={() => !busy && onClose()}
      closeOnEscape={!busy}
      withCloseButton={!busy}
      title="Import foods"
      size="xl"
    >
      {opened && <FoodsImportWizard onClose={onClose} onBusyChange={setBusy} />}
    </AppModal>
  );
}

let runCounter = 0;

/** Format → file → (CSV: column mapping over a sample) → run with progress → all-or-nothing report. */
function FoodsImportWizard({
  onClose,
  onBusyChange,
}: {
  onClose: () => void;
  onBusyChange: (busy: boolean) => void;
}): React.JSX.Element {
  const { reportError } = useSessionActions();
  // A committed import adds foods and a dataset: searches, details and the dataset list load again.
  const importFoods = useMutation('foods.import', { invalidates: ['foods'] });
  const [format, setFormat] = useState<ImportFormat>('csv');
  // The chosen file stays in the window; the core holds one uploaded copy at a time, spent by an import.
  const [chosen, setChosen] = useState<File | null>(null);
  const uploadRef = useRef<ChunkedUpload | null>(null);
  const [sending, setSending] = useState<{ sent: number; total: number } | null>(null);
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

  /** Drops the core's copy of the file (a new choice, a new format, or the dialog closing). */
  const discardUpload = (): void => {
    const held = uploadRef.current;
    uploadRef.current = null;
    if (held) void call('foods.upload.discard', { uploadId: held.uploadId }).catch(() => undefined);
  };
  const closed = useRef(false);
  useEffect(
    () => () => {
      closed.current = true;
      const held = uploadRef.current;
      uploadRef.current = null;
      if (held) void call('foods.upload.discard', { uploadId: held.uploadId }).catch(() => undefined);
    },
    [],
  );

  /** The file as uploaded to the core, sending it (with progress) unless a copy is still there. */
  const ensureUpload = async (file: File): Promise<ChunkedUpload> => {
    if (uploadRef.current) return uploadRef.current;
    setSending({ sent: 0, total: file.size });
    try {
      const up = await uploadInParts(file, (sent, total) => setSending({ sent, total }));
      if (closed.current) {
        // The dialog closed while the file was being sent: nobody will import it.
        void call('foods.upload.discard', { uploadId: up.uploadId }).catch(() => undefined);
        throw new Error('The import dialog was closed.');
      }
      uploadRef.current = up;
      return up;
    } finally {
      setSending(null);
    }
  };

  const loadPreview = async (file: File, enc = encoding): Promise<void> => {
    setPreviewing(true);
    setPreview(null);
    setMapping(null);
    setFileError(null);
    try {
      const up = await ensureUpload(file);
      const p = await call('foods.previewCsv', { fileName: up.fileName, uploadId: up.uploadId, encoding: enc });
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
    discardUpload();
    setChosen(file);
    setPreview(null);
    setMapping(null);
    setReport(null);
    if (!file) return;
    try {
      if (!datasetName.trim()) setDatasetName(datasetNameFromFile(file.name));
      if (format === 'csv') await loadPreview(file);
      else await ensureUpload(file);
    } catch (e) {
      setFileError(toApiError(e).message);
    }
  };

  const changeFormat = (next: ImportFormat): void => {
    setFormat(next);
    // The file input is re-created for the new format's file types, so the choice starts over.
    discardUpload();
    setChosen(null);
    setPreview(null);
    setMapping(null);
    setFileError(null);
    setReport(null);
  };

  const problem =
    chosen === null
      ? 'Choose a file.'
      : format === 'csv'
        ? mapping
          ? mappingProblem(mapping)
          : 'Waiting for the preview.'
        : null;

  const run = async (): Promise<void> => {
    if (!chosen) return;
    const id = ++runCounter;
    setRunId(id);
    onBusyChange(true);
    setErrors({});
    setRunError(null);
    setReport(null);
    try {
      // An import spends the upload whatever its outcome; "Import again" sends the file again.
      const up = await ensureUpload(chosen);
      uploadRef.current = null;
      const result = await importFoods.run({
        fileName: up.fileName,
        uploadId: up.uploadId,
        encoding: format === 'csv' ? encoding : null,
        format,
        datasetName,
        citation: citation.trim() || null,
        mapping: format === 'csv' ? mapping : null,
      });
      setReport(result);
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
            if (chosen) void loadPreview(chosen, next);
          }}
          disabled={running}
          data-testid="foods-import-encoding"
        />
      )}
      {sending && (
        <Stack gap={4} data-testid="foods-import-upload-progress">
          <Progress
            value={sending.total > 0 ? Math.round((sending.sent / sending.total) * 100) : 0}
            aria-label="Upload progress"
            aria-valuetext={`${formatBytes(sending.sent)} of ${formatBytes(sending.total)}`}
          />
          <Text size="sm" c="dimmed" role="status">
            Sending the file: {formatBytes(sending.sent)} of {formatBytes(sending.total)}
          </Text>
        </Stack>
      )}
      {previewing && !sending && (
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
      {running && !sending && <ImportProgressBar progress={progress} />}
      <ImportOutcome
        error={runError}
        report={report}
        successText={report ? foodsImportedSentence(report.foodsImported, report.portionsImported) : ''}
        testIdPrefix="foods-import"
      />
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
