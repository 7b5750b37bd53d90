import { Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { LabelledSegments } from '../../../components/LabelledSegments/LabelledSegments.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call, type ApiError } from '../../../lib/api.ts';
import { formatBytes } from '../../../lib/base64.ts';
import { toApiError } from '../../../lib/errors.ts';
import { downloadBase64 } from '../../../lib/files.ts';
import { useSessionActions } from '../../../lib/session-context.ts';

type Audience = 'client' | 'doctor';

const AUDIENCES: { value: Audience; label: string }[] = [
  { value: 'client', label: 'Client' },
  { value: 'doctor', label: 'Referring doctor' },
];

/** "Saved visit-2026-03-02.pdf (2 pages, 84 KB)." */
export function savedPdfSentence(fileName: string, pages: number, size: string): string {
  return `Saved ${fileName} (${pages} ${pages === 1 ? 'page' : 'pages'}, ${size}).`;
}

/**
 * A saved visit as a PDF for the client (their summary) or a referring doctor (a letter), made by the
 * core and saved through the browser's download, as the report export does.
 */
export function VisitPdfExport({ visitId, disabledReason }: { visitId: string; disabledReason: string | null }) {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const [audience, setAudience] = useState<Audience>('client');
  const [recipient, setRecipient] = useState('');
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const run = async (): Promise<void> => {
    setExporting(true);
    setError(null);
    setSaved(null);
    try {
      const to = recipient.trim();
      const file = await call('visits.pdf', {
        id: visitId,
        audience,
        ...(audience === 'doctor' && to ? { recipient: to } : {}),
      });
      downloadBase64(file.fileName, file.dataBase64);
      const sentence = savedPdfSentence(file.fileName, file.pages, formatBytes(file.bytes));
      setSaved(sentence);
      notify({ title: 'Visit exported', message: sentence });
    } catch (e) {
      reportError(e);
      setError(toApiError(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Stack gap="xs" data-testid="visit-pdf">
      <Group align="flex-end" gap="sm">
        <LabelledSegments
          label="PDF for"
          labelId="visit-pdf-audience"
          data={AUDIENCES}
          value={audience}
          onChange={(v) => setAudience(v as Audience)}
          data-testid="visit-pdf-audience"
        />
        {audience === 'doctor' && (
          <TextInput
            label="Addressed to (optional)"
            placeholder="Dr Lee"
            value={recipient}
            maxLength={200}
            onChange={(e) => setRecipient(e.currentTarget.value)}
            data-testid="visit-pdf-recipient"
          />
        )}
        <Button
          variant="default"
          onClick={() => void run()}
          loading={exporting}
          disabled={disabledReason !== null}
          title={disabledReason ?? undefined}
          data-testid="visit-pdf-export"
        >
          Export PDF
        </Button>
      </Group>
      {disabledReason && (
        <Text size="xs" c="dimmed">
          {disabledReason}
        </Text>
      )}
      {exporting && (
        <Group gap="xs" role="status" aria-live="polite" data-testid="visit-pdf-progress">
          <Loader size="sm" />
          <Text size="sm">Rendering the PDF…</Text>
        </Group>
      )}
      {saved && (
        <Text size="sm" c="teal" role="status" data-testid="visit-pdf-saved">
          {saved}
        </Text>
      )}
      {error && <ErrorAlert title="The PDF could not be made" error={error} testId="visit-pdf-error" />}
    </Stack>
  );
}
