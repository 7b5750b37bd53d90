import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { MethodOutput } from '../../../../../core/api/contract.ts';
import { FileField } from '../../../components/FileField/FileField.tsx';
import { ImportReportView } from '../../../components/ImportReportView/ImportReportView.tsx';
import { entriesImportedSentence } from '../../../components/ImportReportView/import-report-text.ts';
import { call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { readFileUpload } from '../../../lib/files.ts';
import { useSession } from '../../../lib/session-context.ts';

type Report = MethodOutput<'log.importCsv'>;

interface LogImportModalProps {
  opened: boolean;
  clientId: string;
  onClose: () => void;
  onImported: (report: Report) => void;
}

export function LogImportModal(props: LogImportModalProps): React.JSX.Element {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Import log entries from CSV" size="lg">
      {props.opened && <LogImportForm {...props} />}
    </Modal>
  );
}

/** A CSV of entries for this client, checked whole: stored only when every row is valid. */
function LogImportForm({ clientId, onClose, onImported }: LogImportModalProps): React.JSX.Element {
  const { reportError } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (): Promise<void> => {
    if (!file) return;
    setRunning(true);
    setError(null);
    setReport(null);
    try {
      const upload = await readFileUpload(file);
      const result = await call('log.importCsv', { ...upload, clientId });
      setReport(result);
      if (result.committed) onImported(result);
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="log-import-dialog">
      <Text size="sm">
        One entry per row under a header row with the columns <Code>date</Code>, <Code>time</Code>, <Code>kind</Code>{' '}
        (diet, activity or sleep), <Code>meal</Code>, <Code>food_id</Code> or <Code>food_name</Code>,{' '}
        <Code>amount</Code> or <Code>grams</Code>, <Code>activity</Code>, <Code>minutes</Code>, <Code>hours</Code>,{' '}
        <Code>quality</Code> and <Code>note</Code>; the log.csv of an exported record can be imported again. Every row
        is checked first: nothing is stored unless all rows are valid.
      </Text>
      <FileField
        label="CSV file"
        accept=".csv,text/csv,text/plain"
        onChange={(f) => {
          setFile(f);
          setReport(null);
          setError(null);
        }}
        disabled={running}
        testId="log-import-file"
      />
      {error && (
        <Alert color="red" role="alert" data-testid="log-import-error-alert">
          {error}
        </Alert>
      )}
      {report && (
        <ImportReportView
          committed={report.committed}
          successText={entriesImportedSentence(report.entriesImported)}
          errors={report.errors}
          errorCount={report.errorCount}
          testIdPrefix="log-import"
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={running} data-testid="log-import-close">
          {report?.committed ? 'Done' : 'Cancel'}
        </Button>
        {!report?.committed && (
          <Button onClick={() => void run()} loading={running} disabled={!file} data-testid="log-import-run">
            Import
          </Button>
        )}
      </Group>
    </Stack>
  );
}
