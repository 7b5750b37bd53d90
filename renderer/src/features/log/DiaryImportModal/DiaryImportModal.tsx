import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  ScrollArea,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { useState } from 'react';
import type { MethodOutput } from '@contract/index.ts';
import type { DiaryFormat, DiaryPreviewRow } from '@contract/log.ts';
import { FileField } from '../../../components/FileField/FileField.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { call } from '../../../lib/api.ts';
import { readFileUpload } from '../../../lib/files.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useMutation } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useFormRequest } from '../../../lib/use-form-request.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';
import { AllergyReasonAlert } from '../AllergyWarning/AllergyReasonAlert.tsx';

type Preview = MethodOutput<'log.diaryPreview'>;
type Report = MethodOutput<'log.diaryImport'>;
type Use = 'match' | 'reported' | 'skip';

const FORMATS: { value: DiaryFormat; label: string; accept: string; help: string }[] = [
  {
    value: 'cronometer',
    label: 'Cronometer (servings export, CSV)',
    accept: '.csv,text/csv',
    help: 'In Cronometer: More → Account → Export Data → Food & Recipe Entries.',
  },
  {
    value: 'mfp',
    label: 'MyFitnessPal (nutrition summary, CSV)',
    accept: '.csv,text/csv',
    help: 'In MyFitnessPal: Settings → Export data; use the Nutrition Summary file (one row per meal).',
  },
  {
    value: 'ont',
    label: 'OpenNutriTracker (export zip or user_intake.json)',
    accept: '.zip,.json,application/zip,application/json',
    help: 'In OpenNutriTracker: Settings → Export data.',
  },
];

interface DiaryImportModalProps {
  opened: boolean;
  clientId: string;
  onClose: () => void;
}

export function DiaryImportModal(props: DiaryImportModalProps): React.JSX.Element {
  return (
    <AppModal opened={props.opened} onClose={props.onClose} title="Import a diary from another app" size="90rem">
      {props.opened && <DiaryImportForm {...props} />}
    </AppModal>
  );
}

const defaultUse = (r: DiaryPreviewRow): Use => (r.match ? 'match' : 'reported');

/**
 * A client's diary from another app: every row is shown with the database food it matched (and the
 * match's score) before anything is stored; the practitioner may keep a row as reported or leave it
 * out. The import stores all chosen rows or none.
 */
function DiaryImportForm({ clientId, onClose }: DiaryImportModalProps): React.JSX.Element {
  const [format, setFormat] = useState<DiaryFormat>('cronometer');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [uses, setUses] = useState<Record<number, Use>>({});
  const [report, setReport] = useState<Report | null>(null);
  const [reason, setReason] = useState('');
  const [confirmDates, setConfirmDates] = useState(false);
  const request = useFormRequest(useSessionActions().reportError);
  const notify = useNotify();
  const hideEnergy = useEnergyHidden();
  const importDiary = useMutation('log.diaryImport', { invalidates: LOG_DATA });
  const chosen = FORMATS.find((f) => f.value === format) ?? FORMATS[0];
  const allergyOnly = report !== null && !report.committed && report.allergyConflicts === report.errorCount;
  // Only dates far from today were refused: the practitioner may confirm them (an old diary is possible).
  const datesOnly =
    report !== null &&
    !report.committed &&
    report.errorCount > 0 &&
    report.errors.every((e) => e.message.startsWith('The date '));

  const reset = (): void => {
    setPreview(null);
    setReport(null);
    setUses({});
    setReason('');
    setConfirmDates(false);
    request.setError(null);
  };

  const runPreview = async (): Promise<void> => {
    if (!file) return;
    reset();
    await request.send(async () => {
      const upload = await readFileUpload(file);
      setPreview(await call('log.diaryPreview', { ...upload, clientId, format }));
    });
  };

  const runImport = async (): Promise<void> => {
    if (!file || !preview) return;
    setReport(null);
    await request.send(async () => {
      const upload = await readFileUpload(file);
      const choices = preview.rows
        .filter((r) => !r.alreadyImported)
        .map((r) => ({ row: r.row, use: uses[r.row] ?? defaultUse(r) }));
      const result = await importDiary.run({
        ...upload,
        clientId,
        format,
        choices,
        allergyConfirmation: allergyOnly && reason.trim() !== '' ? { reason: reason.trim() } : null,
        confirmDates,
      });
      setReport(result);
      if (result.committed) {
        const n = result.imported;
        notify({
          message:
            `Imported ${n} ${n === 1 ? 'entry' : 'entries'} (${result.matched} matched, ${result.asReported} as reported)` +
            (result.alreadyImported ? `; ${result.alreadyImported} already imported were skipped.` : '.'),
        });
        onClose();
      }
    });
  };

  const fresh = preview?.rows.filter((r) => !r.alreadyImported) ?? [];
  const toStore = fresh.filter((r) => (uses[r.row] ?? defaultUse(r)) !== 'skip').length;

  return (
    <Stack gap="sm" data-testid="diary-import-dialog">
      <NativeSelect
        label="Exported from"
        data={FORMATS.map((f) => ({ value: f.value, label: f.label }))}
        value={format}
        onChange={(e) => {
          setFormat(e.currentTarget.value as DiaryFormat);
          reset();
        }}
        description={chosen?.help}
        disabled={request.busy}
        data-testid="diary-import-format"
      />
      <FileField
        label="Export file"
        accept={chosen?.accept}
        onChange={(f) => {
          setFile(f);
          reset();
        }}
        disabled={request.busy}
        testId="diary-import-file"
      />
      {request.error && (
        <Alert color="red" title="Not imported" data-testid="diary-import-error">
          {request.error}
        </Alert>
      )}
      {preview && preview.errorCount > 0 && (
        <Alert
          color="red"
          title="Rows that cannot be read: nothing will be imported"
          data-testid="diary-import-bad-rows"
        >
          <List size="sm">
            {preview.errors.map((e) => (
              <List.Item key={`${e.file}:${e.row}`}>
                {e.file}, row {e.row}: {e.message}
              </List.Item>
            ))}
          </List>
          {preview.errorCount > preview.errors.length && (
            <Text size="sm">…and {preview.errorCount - preview.errors.length} more.</Text>
          )}
        </Alert>
      )}
      {report && !report.committed && !allergyOnly && (
        <Alert color="red" title="Nothing was imported" data-testid="diary-import-refused">
          <List size="sm">
            {report.errors.map((e) => (
              <List.Item key={`${e.file}:${e.row}`}>
                {e.file}, row {e.row}: {e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {datesOnly && (
        <Checkbox
          label="These dates are right: import them"
          checked={confirmDates}
          onChange={(e) => setConfirmDates(e.currentTarget.checked)}
          data-testid="diary-import-confirm-dates"
        />
      )}
      {allergyOnly && report && (
        <AllergyReasonAlert
          title="Foods the client is allergic to"
          message={`${report.allergyConflicts === 1 ? 'One row has' : `${report.allergyConflicts} rows have`} a food with an allergen of the client (${report.errors.map((e) => `row ${e.row}`).join(', ')}). Leave them out, or give a reason to import them anyway: it is kept with each entry.`}
          reasonLabel="Reason for importing despite the allergy"
          reason={reason}
          onReasonChange={setReason}
          testIds={{ alert: 'diary-import-allergy', reason: 'diary-import-allergy-reason' }}
        />
      )}
      {preview && (
        <>
          <Text size="sm" data-testid="diary-import-summary">
            {preview.rowsRead} rows read: {fresh.filter((r) => r.match).length} matched to a database food,{' '}
            {fresh.filter((r) => !r.match).length} to keep as reported, {preview.alreadyImported} already imported
            (skipped).
          </Text>
          <ScrollArea.Autosize mah="50vh">
            <Table striped withTableBorder stickyHeader data-testid="diary-import-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Meal</Table.Th>
                  <Table.Th>As reported</Table.Th>
                  {!hideEnergy && <Table.Th>kcal</Table.Th>}
                  <Table.Th>Database match (score)</Table.Th>
                  <Table.Th>Import as</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((r) => (
                  <PreviewRow
                    key={r.row}
                    row={r}
                    use={uses[r.row] ?? defaultUse(r)}
                    onUse={(use) => setUses((u) => ({ ...u, [r.row]: use }))}
                    hideEnergy={hideEnergy}
                    disabled={request.busy}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={request.busy} data-testid="diary-import-close">
          Cancel
        </Button>
        {!preview ? (
          <Button
            onClick={() => void runPreview()}
            loading={request.busy}
            disabled={!file}
            data-testid="diary-import-preview"
          >
            Preview
          </Button>
        ) : (
          <Button
            onClick={() => void runImport()}
            loading={request.busy}
            disabled={
              preview.errorCount > 0 ||
              toStore === 0 ||
              (allergyOnly && reason.trim() === '') ||
              (datesOnly && !confirmDates)
            }
            color={allergyOnly ? 'red' : undefined}
            data-testid="diary-import-run"
          >
            {allergyOnly ? 'Import despite allergy' : `Import ${toStore} ${toStore === 1 ? 'entry' : 'entries'}`}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

interface PreviewRowProps {
  row: DiaryPreviewRow;
  use: Use;
  onUse: (use: Use) => void;
  hideEnergy: boolean;
  disabled: boolean;
}

function PreviewRow({ row: r, use, onUse, hideEnergy, disabled }: PreviewRowProps): React.JSX.Element {
  const kcal = use === 'match' && r.match ? r.match.nutrients.energyKcal : r.reported.energyKcal;
  const options = [
    ...(r.match ? [{ value: 'match', label: 'Matched food' }] : []),
    { value: 'reported', label: 'As reported' },
    { value: 'skip', label: 'Leave out' },
  ];
  return (
    <Table.Tr data-testid="diary-import-row" data-row={r.row} c={r.alreadyImported ? 'dimmed' : undefined}>
      <Table.Td>{r.row}</Table.Td>
      <Table.Td>
        {r.date}
        {r.time ? ` ${r.time}` : ''}
      </Table.Td>
      <Table.Td>{r.meal ?? '–'}</Table.Td>
      <Table.Td>
        {r.name}
        {r.amountText ? `, ${r.amountText}` : ''}
      </Table.Td>
      {!hideEnergy && <Table.Td>{kcal === undefined ? '–' : formatNumber(kcal, 0)}</Table.Td>}
      <Table.Td data-testid="diary-import-match">
        {r.match ? (
          <>
            {r.match.foodName}, {r.match.amountLabel}{' '}
            <Badge size="xs" variant="light" color={r.match.how === 'exact' ? 'green' : 'blue'}>
              {r.match.how} {r.match.score === null ? '' : formatNumber(r.match.score, 1)}
            </Badge>
          </>
        ) : (
          <Text size="xs" c="dimmed">
            {r.matchNote}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {r.alreadyImported ? (
          <Text size="xs">Already imported</Text>
        ) : (
          <NativeSelect
            size="xs"
            aria-label={`Import row ${r.row} as`}
            data={options}
            value={use}
            onChange={(e) => onUse(e.currentTarget.value as Use)}
            disabled={disabled}
            data-testid="diary-import-use"
          />
        )}
      </Table.Td>
    </Table.Tr>
  );
}
