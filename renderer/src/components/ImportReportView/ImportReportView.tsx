import { Alert, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { TableHead } from '../TableHead/TableHead.tsx';
import { formatNumber } from '../../lib/format.ts';
import { failureSentence, moreErrorsText } from './import-report-text.ts';

export interface ReportRowError {
  file?: string;
  row: number;
  message: string;
}

interface ImportReportViewProps {
  committed: boolean;
  /** The success sentence ("Imported 120 foods and 340 measures."). */
  successText: string;
  errors: readonly ReportRowError[];
  errorCount: number;
  /** Prefix for test ids: `<prefix>-result`, `<prefix>-error` rows. */
  testIdPrefix: string;
}

/** The outcome of an all-or-nothing import: a success line, or every listed row error in a table. */
export function ImportReportView({
  committed,
  successText,
  errors,
  errorCount,
  testIdPrefix,
}: ImportReportViewProps): React.JSX.Element {
  if (committed) {
    return (
      <Alert color="teal" title="Import finished" data-testid={`${testIdPrefix}-result`} role="status">
        {successText}
      </Alert>
    );
  }
  const showFile = errors.some((e) => e.file !== undefined);
  const more = moreErrorsText(errorCount, errors.length);
  return (
    <Stack gap="xs" data-testid={`${testIdPrefix}-result`}>
      <Alert color="red" title="Import failed" role="alert">
        {failureSentence(Math.max(errorCount, errors.length))} Correct the rows below and import the file again.
      </Alert>
      {errors.length > 0 && (
        <ScrollArea.Autosize mah={320} type="auto">
          <Table striped withTableBorder stickyHeader>
            <caption style={{ captionSide: 'top', textAlign: 'left' }}>
              <Text size="sm" c="dimmed" component="span">
                Problems found, by row (the header is row 1)
              </Text>
            </caption>
            <TableHead columns={showFile ? ['File', 'Row', 'Problem'] : ['Row', 'Problem']} />
            <Table.Tbody>
              {errors.map((e, i) => (
                <Table.Tr key={`${e.file ?? ''}:${e.row}:${i}`} data-testid={`${testIdPrefix}-error`}>
                  {showFile && <Table.Td>{e.file}</Table.Td>}
                  <Table.Td>{formatNumber(e.row, 0)}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {more && (
        <Text size="sm" c="dimmed" data-testid={`${testIdPrefix}-more`}>
          {more}
        </Text>
      )}
    </Stack>
  );
}

interface ImportOutcomeProps {
  /** Why the import could not run at all (no report then). */
  error: string | null;
  report: { committed: boolean; errors: readonly ReportRowError[]; errorCount: number } | null;
  successText: string;
  /** As for ImportReportView; the error alert is `<prefix>-error-alert`. */
  testIdPrefix: string;
}

/** What an import dialog shows after a run: the error that stopped it, or its report. */
export function ImportOutcome({ error, report, successText, testIdPrefix }: ImportOutcomeProps): React.JSX.Element {
  return (
    <>
      {error && (
        <Alert color="red" role="alert" data-testid={`${testIdPrefix}-error-alert`}>
          {error}
        </Alert>
      )}
      {report && (
        <ImportReportView
          committed={report.committed}
          successText={successText}
          errors={report.errors}
          errorCount={report.errorCount}
          testIdPrefix={testIdPrefix}
        />
      )}
    </>
  );
}
