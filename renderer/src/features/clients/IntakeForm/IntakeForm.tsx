import { Alert, Badge, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { IntakeProfileField, IntakeReview } from '@contract/forms.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { FileExportButton } from '../../../components/FileExportButton/FileExportButton.tsx';
import { FileField } from '../../../components/FileField/FileField.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { readFileUpload } from '../../../lib/files.ts';
import { useMutation } from '../../../lib/query.ts';
import { CLIENT_DATA } from '../../../lib/use-query-events.ts';

/** Saves a fillable intake questionnaire for the client (the core makes it; the browser saves it). */
export function IntakeFormButton({ clientId }: { clientId: string }): React.JSX.Element {
  return (
    <FileExportButton
      label="Intake form"
      make={() => call('forms.intake', { clientId })}
      failTitle="Intake form not made"
      testId="client-intake-form"
    />
  );
}

const STATUS_COLOR = { new: 'green', changed: 'orange', same: 'gray' } as const;

/**
 * A returned intake form: chosen, read by the core into a review (each answer beside the profile's
 * value, new / changed / same), and applied for the ticked rows. New and changed rows without a
 * problem start ticked; a row with a problem cannot be ticked and says why.
 */
export function IntakeImportModal({
  clientId,
  opened,
  onClose,
}: {
  clientId: string;
  opened: boolean;
  onClose: () => void;
}): React.JSX.Element {
  const notify = useNotify();
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [review, setReview] = useState<IntakeReview | null>(null);
  const [accepted, setAccepted] = useState<Set<IntakeProfileField>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const apply = useMutation('forms.applyIntake', { invalidates: CLIENT_DATA });

  const reset = (): void => {
    setFile(null);
    setReview(null);
    setAccepted(new Set());
    setError(null);
  };
  const close = (): void => {
    reset();
    onClose();
  };

  const choose = async (chosen: File | null): Promise<void> => {
    reset();
    if (!chosen) return;
    setReading(true);
    try {
      const upload = await readFileUpload(chosen);
      const r = await call('forms.reviewIntake', { clientId, dataBase64: upload.dataBase64 });
      setFile(upload);
      setReview(r);
      setAccepted(
        new Set(r.rows.filter((row) => row.status !== 'same' && row.problem === null).map((row) => row.field)),
      );
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setReading(false);
    }
  };

  const run = async (): Promise<void> => {
    if (!file) return;
    try {
      const result = await apply.run({ clientId, dataBase64: file.dataBase64, accept: [...accepted] });
      notify({
        message:
          result.applied.length === 0
            ? 'Nothing changed: the profile already says what the form says.'
            : `Applied from the intake form: ${result.applied.length} ${result.applied.length === 1 ? 'field' : 'fields'}.`,
      });
      close();
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  const toggle = (field: IntakeProfileField, on: boolean): void => {
    const next = new Set(accepted);
    if (on) next.add(field);
    else next.delete(field);
    setAccepted(next);
  };

  return (
    <AppModal opened={opened} onClose={close} title="Import an intake form" size="xl">
      <Stack>
        <FileField
          label="The returned PDF"
          accept="application/pdf,.pdf"
          disabled={reading}
          onChange={(f) => void choose(f)}
          testId="intake-file"
        />
        {error && (
          <Alert color="red" title="Not imported" data-testid="intake-error">
            {error}
          </Alert>
        )}
        {review && (
          <>
            <Text size="sm" data-testid="intake-summary">
              Issued {review.issuedOn}. Consent to data processing: {review.consent ? 'given' : 'not given'}.
            </Text>
            {!review.consent && (
              <Alert color="yellow" data-testid="intake-no-consent">
                The client did not tick the consent to data processing, so nothing from this form can be kept.
              </Alert>
            )}
            <Table data-testid="intake-review">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Apply</Table.Th>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Profile now</Table.Th>
                  <Table.Th>The form says</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {review.rows.map((row) => (
                  <Table.Tr key={row.field} data-testid="intake-row" data-field={row.field} data-status={row.status}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Apply ${row.label}`}
                        checked={accepted.has(row.field)}
                        disabled={row.problem !== null || row.status === 'same'}
                        onChange={(e) => toggle(row.field, e.currentTarget.checked)}
                        data-testid="intake-accept"
                      />
                    </Table.Td>
                    <Table.Td>{row.label}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{row.current || '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                      {row.proposed}
                      {row.problem && (
                        <Text size="xs" c="red" data-testid="intake-problem">
                          {row.problem}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[row.status]} variant="light">
                        {row.status}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            onClick={() => void run()}
            disabled={!review || !review.consent || accepted.size === 0}
            loading={apply.pending}
            data-testid="intake-apply"
          >
            Apply {accepted.size > 0 ? `${accepted.size} ` : ''}
            {accepted.size === 1 ? 'change' : 'changes'}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
