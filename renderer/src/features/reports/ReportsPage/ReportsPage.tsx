import { Alert, Button, Card, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { MethodInput } from '@contract/index.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call, type ApiError } from '../../../lib/api.ts';
import { formatBytes } from '../../../lib/base64.ts';
import type { RangePreset } from '../../../lib/dates.ts';
import { toApiError } from '../../../lib/errors.ts';
import { downloadBase64 } from '../../../lib/files.ts';
import { todayIso } from '../../../lib/format.ts';
import type { PageSize } from '../../../lib/labels.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useCall } from '../../../lib/query.ts';
import { ReportPreview } from '../ReportPreview/ReportPreview.tsx';
import {
  draftKey,
  exportedSentence,
  matchReportPreset,
  pdfFileName,
  defaultSections,
  reportPresetRange,
  reportProblems,
  type ReportDraft,
  type ReportProblems,
} from '../report-options.ts';
import { ReportForm } from './ReportForm.tsx';

type ReportInput = MethodInput<'reports.preview'>;

interface PreviewState {
  key: string;
  title: string;
  html: string;
  pageSize: PageSize;
}

const FIELD_KEYS = ['clientId', 'from', 'to', 'sections'] as const;

/** Server field errors for the form's fields (others stay in the error alert). */
function serverProblems(error: ApiError): ReportProblems {
  const out: ReportProblems = {};
  for (const key of FIELD_KEYS) {
    const message = error.fields[key];
    if (message) out[key] = message;
  }
  return out;
}

function toInput(draft: ReportDraft, clientId: string): ReportInput {
  return {
    clientId,
    from: draft.from,
    to: draft.to,
    sections: [...draft.sections],
    pageSize: draft.pageSize,
    variant: draft.variant,
    // The notes section is the practitioner's choice to print notes, in either variant.
    includeNotes: draft.sections.includes('notes'),
  };
}

/** Builds a client report: choose client, period and sections, preview it, export it as a PDF. */
export function ReportsPage({ clientId }: { clientId?: string }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const [today] = useState(() => todayIso());
  const clients = useCall('clients.list', { includeArchived: true });
  const [draft, setDraft] = useState<ReportDraft>(() => ({
    clientId: clientId ?? null,
    ...reportPresetRange(30, today),
    sections: defaultSections('client'),
    pageSize: 'A4',
    variant: 'client',
  }));
  const [tried, setTried] = useState(false);
  const [serverFields, setServerFields] = useState<ReportProblems>({});
  const [previewing, setPreviewing] = useState(false);
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  const [error, setError] = useState<{ title: string; error: ApiError } | null>(null);

  const local = reportProblems(draft);
  // The client is only asked for after a first try; date and section problems show at once.
  const shown: ReportProblems = { ...serverFields, ...local };
  if (!tried) delete shown.clientId;
  const preset = matchReportPreset(draft.from, draft.to, today);

  const change = (next: ReportDraft): void => {
    setDraft(next);
    setServerFields({});
    setExported(null);
  };

  /** The request to send, or null (with the problems shown) when the form is not complete. */
  const ready = (): ReportInput | null => {
    setTried(true);
    setError(null);
    setServerFields({});
    setExported(null);
    if (Object.keys(local).length > 0 || !draft.clientId) return null;
    return toInput(draft, draft.clientId);
  };

  const failed = (title: string, e: unknown): void => {
    reportError(e);
    const err = toApiError(e);
    setServerFields(serverProblems(err));
    setError({ title, error: err });
  };

  /** Checks the form, then runs `work` on its request with `setRunning` on; a failure shows titled `failure`. */
  const attempt = async (
    setRunning: (on: boolean) => void,
    failure: string,
    work: (input: ReportInput) => Promise<void>,
  ): Promise<void> => {
    const input = ready();
    if (!input) return;
    setRunning(true);
    try {
      await work(input);
    } catch (e) {
      failed(failure, e);
    } finally {
      setRunning(false);
    }
  };

  const runPreview = (): Promise<void> =>
    attempt(setPreviewing, 'Could not preview the report', async (input) => {
      const answer = await call('reports.preview', input);
      setPreview({ key: draftKey(draft), title: answer.title, html: answer.html, pageSize: draft.pageSize });
    });

  const runExport = (): Promise<void> =>
    attempt(setExporting, 'The PDF could not be made', async (input) => {
      const file = await call('reports.export', input);
      const fileName = pdfFileName(file.fileName, { from: input.from, to: input.to });
      downloadBase64(fileName, file.dataBase64);
      const sentence = exportedSentence(fileName, file.pages, formatBytes(file.bytes));
      setExported(sentence);
      notify({ title: 'Report exported', message: sentence });
    });

  const stale = preview !== null && preview.key !== draftKey(draft);

  return (
    <Container size="xl" px={0} data-testid="page-reports">
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            Reports
          </Title>
          <Text size="sm" c="dimmed">
            A client report for a period — intake against targets, trends and notes — to preview here and save as a PDF.
          </Text>
        </div>
        {clients.error && (
          <ErrorAlert
            title="Could not load the clients"
            error={clients.error}
            onRetry={clients.reload}
            testId="report-clients-error"
          />
        )}
        {clients.data && clients.data.length === 0 ? (
          <Alert variant="light" color="blue" title="No clients yet" data-testid="report-no-clients">
            Add a client on the Clients page first; their report is built from their log.
          </Alert>
        ) : (
          <Group align="flex-start" gap="lg" wrap="wrap">
            <Card withBorder padding="lg" style={{ flex: '1 1 360px', maxWidth: 500 }}>
              <Stack gap="md">
                <ReportForm
                  draft={draft}
                  clients={clients.data}
                  preset={preset}
                  problems={shown}
                  busy={previewing}
                  exporting={exporting}
                  onChange={change}
                  onPreset={(days: RangePreset) => change({ ...draft, ...reportPresetRange(days, today) })}
                  onPreview={() => void runPreview()}
                  onExport={() => void runExport()}
                />
                {exporting && (
                  <Group gap="xs" role="status" aria-live="polite" data-testid="report-progress">
                    <Loader size="sm" />
                    <Text size="sm">Rendering the PDF…</Text>
                  </Group>
                )}
                {exported && (
                  <Text size="sm" c="teal" role="status" data-testid="report-exported">
                    {exported}
                  </Text>
                )}
                {error && <ErrorAlert title={error.title} error={error.error} testId="report-error" />}
              </Stack>
            </Card>
            <Stack gap="xs" style={{ flex: '999 1 520px', minWidth: 0 }}>
              {stale && (
                <Alert variant="light" color="yellow" data-testid="report-preview-stale">
                  <Group justify="space-between" gap="sm">
                    <Text size="sm">The form changed since this preview.</Text>
                    <Button size="xs" variant="default" onClick={() => void runPreview()} loading={previewing}>
                      Preview again
                    </Button>
                  </Group>
                </Alert>
              )}
              <ReportPreview
                html={preview?.html ?? null}
                title={preview?.title ?? 'Report'}
                pageSize={preview?.pageSize ?? draft.pageSize}
                loading={previewing}
              />
            </Stack>
          </Group>
        )}
      </Stack>
    </Container>
  );
}
