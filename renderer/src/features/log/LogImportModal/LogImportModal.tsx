import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { MethodOutput } from '@contract/index.ts';
import { FileField } from '../../../components/FileField/FileField.tsx';
import { ImportOutcome } from '../../../components/ImportReportView/ImportReportView.tsx';
import { entriesImportedSentence } from '../../../components/ImportReportView/import-report-text.ts';
import { readFileUpload } from '../../../lib/files.ts';
import { useMutation } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useFormRequest } from '../../../lib/use-form-request.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';
import { AllergyReasonAlert } from '../AllergyWarning/AllergyReasonAlert.tsx';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

type Report = MethodOutput<'log.importCsv'>;

interface LogImportModalProps {
  opened: boolean;
  clientId: string;
  onClose: () => void;
}

export function LogImportModal(props: LogImportModalProps): React.JSX.Element {
  return (
    <AppModal opened={props.opened} onClose={props.onClose} title="Import log entries from CSV" size="lg">
      {props.opened && <LogImportForm {...props} />}
    </AppModal>
  );
}

/** A CSV of entries for this client, checked whole: stored only when every row is valid. */
function LogImportForm({ clientId, onClose }: LogImportModalProps): React.JSX.Element {
  const [file, setFile] = useState<File | null>(null);
  const request = useFormRequest(useSessionActions().reportError);
  const [report, setReport] = useState<Report | null>(null);
  const [reason, setReason] = useState('');
  // Only rows refused for an allergy are left: importing them needs the practitioner's reason.
  const allergyOnly = report !== null && !report.committed && report.allergyConflicts === report.errorCount;

  const importCsv = useMutation('log.importCsv', { invalidates: LOG_DATA });

  const run = async (chosen: File): Promise<void> => {
    setReport(null);
    await request.send(async () => {
      const upload = await readFileUpload(chosen);
      const result = await importCsv.run({
        ...upload,
        clientId,
        allergyConfirmation: allergyOnly && reason.trim() !== '' ? { reason: reason.trim() } : null,
      });
      setReport(result);
    });
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
          request.setError(null);
          setReason('');
        }}
        disabled={request.busy}
        testId="log-import-file"
      />
      <ImportOutcome
        error={request.error}
        report={report}
        successText={report ? entriesImportedSentence(report.entriesImported) : ''}
        testIdPrefix="log-import"
      />
      {allergyOnly && (
        <AllergyReasonAlert
          title="Foods the client is allergic to"
          message={`${report.allergyConflicts === 1 ? 'One row has' : `${report.allergyConflicts} rows have`} a food that contains an allergen of the client (listed above). Check with the client; to import the file anyway, give a reason: it is kept with each of those entries.`}
          reasonLabel="Reason for importing despite the allergy"
          reason={reason}
          onReasonChange={setReason}
          testIds={{ alert: 'log-import-allergy', reason: 'log-import-allergy-reason' }}
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={request.busy} data-testid="log-import-close">
          {report?.committed ? 'Done' : 'Cancel'}
        </Button>
        {!report?.committed && (
          <Button
            onClick={() => file && void run(file)}
            loading={request.busy}
            disabled={!file || (allergyOnly && reason.trim() === '')}
            color={allergyOnly ? 'red' : undefined}
            data-testid="log-import-run"
          >
            {allergyOnly ? 'Import despite allergy' : 'Import'}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
