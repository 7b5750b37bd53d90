import { Button, EmptyState, Group, Loader, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { LogEntry } from '@contract/log.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { toApiError } from '../../../lib/errors.ts';
import { formatIsoDate } from '../../../lib/format.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';
import { CopyDayModal } from '../CopyDayModal/CopyDayModal.tsx';
import { EntryModal, type EntryEditing } from '../EntryForms/EntryModal.tsx';
import { LogEntryList, type MealSource } from '../LogEntryList/LogEntryList.tsx';
import { CopyMealModal } from '../CopyMealModal/CopyMealModal.tsx';
import { SaveTemplateModal } from '../MealTemplates/SaveTemplateModal.tsx';
import { TemplatesModal } from '../MealTemplates/TemplatesModal.tsx';
import { LogImportModal } from '../LogImportModal/LogImportModal.tsx';
import { DiaryImportModal } from '../DiaryImportModal/DiaryImportModal.tsx';
import { dayTotals, dayTotalText, entryText } from '../log-text.ts';
import { DateStepper } from './DateStepper.tsx';
import { PhotosLink } from './PhotosLink.tsx';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';

interface LogTabProps {
  clientId: string;
  date: string;
  onDateChange: (date: string) => void;
  /** Opens the client's meal photos (the ones to review and the saved ones). */
  onOpenPhotos: () => void;
}

/** One day of a client's log: food by meal, activity, sleep; add, edit, delete with undo, copy, import. */
export function LogTab({ clientId, date, onDateChange, onOpenPhotos }: LogTabProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const hideEnergy = useEnergyHidden();
  const [editing, setEditing] = useState<EntryEditing>(null);
  const [copying, setCopying] = useState(false);
  const [copyingMeal, setCopyingMeal] = useState<MealSource | null>(null);
  const [savingTemplate, setSavingTemplate] = useState<MealSource | null>(null);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importingDiary, setImportingDiary] = useState(false);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const query = useCall('log.list', { clientId, from: date, to: date });
  const entries = query.data;
  const restoreEntry = useMutation('log.restore', { invalidates: LOG_DATA });
  const deleteEntry = useMutation('log.delete', { invalidates: LOG_DATA });

  const restore = async (entry: LogEntry): Promise<void> => {
    try {
      await restoreEntry.run({ id: entry.id });
      notify({ message: `${entryText(entry).title} is back.` });
    } catch (e) {
      reportError(e);
      notify({ title: 'Could not undo', message: toApiError(e).message, color: 'red' });
    }
  };

  const remove = async (entry: LogEntry): Promise<void> => {
    setDeletingId(entry.id);
    try {
      await deleteEntry.run({ id: entry.id });
      notify({
        message: `${entryText(entry).title} was deleted.`,
        action: { label: 'Undo', onClick: () => void restore(entry), testId: 'log-undo' },
      });
    } catch (e) {
      reportError(e);
      notify({ title: 'Not deleted', message: toApiError(e).message, color: 'red' });
    } finally {
      setDeletingId(null);
    }
  };

  let body: React.JSX.Element;
  if (query.error && !entries) {
    body = <ErrorAlert title="Could not load the log" error={query.error} onRetry={query.reload} />;
  } else if (!entries) {
    body = (
      <Stack gap={6} aria-busy="true" aria-label="Loading the log">
        <Skeleton height={48} />
        <Skeleton height={48} />
        <Skeleton height={48} />
      </Stack>
    );
  } else if (entries.length === 0) {
    body = (
      <EmptyState
        title={`Nothing logged on ${formatIsoDate(date)}`}
        description="Add what the client ate, their activity and sleep, or copy a similar day."
        data-testid="log-empty"
      />
    );
  } else {
    body = (
      <LogEntryList
        entries={entries}
        deletingId={deletingId}
        onEdit={(entry) => setEditing({ kind: entry.kind, entry })}
        onDelete={(entry) => void remove(entry)}
        clientId={clientId}
        onCopyMeal={setCopyingMeal}
        onSaveTemplate={setSavingTemplate}
      />
    );
  }

  return (
    <Stack gap="md" data-testid="log-tab">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <DateStepper date={date} onChange={onDateChange} />
          {query.loading && entries && <Loader size="xs" mb={10} aria-label="Updating the log" />}
        </Group>
        <Group gap="xs">
          <Button onClick={() => setEditing({ kind: 'diet', entry: null })} data-testid="log-add-food">
            Add food
          </Button>
          <Button
            variant="light"
            onClick={() => setEditing({ kind: 'activity', entry: null })}
            data-testid="log-add-activity"
          >
            Add activity
          </Button>
          <Button
            variant="light"
            onClick={() => setEditing({ kind: 'sleep', entry: null })}
            data-testid="log-add-sleep"
          >
            Add sleep
          </Button>
          <Button
            variant="default"
            onClick={() => setCopying(true)}
            disabled={!entries?.length}
            data-testid="log-copy-day"
          >
            Copy day
          </Button>
          <Button variant="default" onClick={() => setTemplatesOpen(true)} data-testid="log-templates">
            Meal templates
          </Button>
          <Button variant="default" onClick={() => setImporting(true)} data-testid="log-import">
            Import CSV
          </Button>
          <Button variant="default" onClick={() => setImportingDiary(true)} data-testid="log-import-diary">
            Import from another app
          </Button>
          <PhotosLink clientId={clientId} onOpen={onOpenPhotos} />
        </Group>
      </Group>
      {query.error && entries && (
        <ErrorAlert title="Could not refresh the log" error={query.error} onRetry={query.reload} />
      )}
      {body}
      {entries && (
        <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)">
          <Text size="sm" data-testid="log-day-total">
            <Text span fw={600}>
              Day total:{' '}
            </Text>
            {dayTotalText(dayTotals(entries), hideEnergy)}
          </Text>
        </Paper>
      )}
      <EntryModal
        clientId={clientId}
        date={date}
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={(result) => {
          setEditing(null);
          notify({ message: `${entryText(result.entry).title} was saved.` });
          for (const warning of result.warnings) notify({ title: 'Please check', message: warning, color: 'yellow' });
          if (result.entry.date !== date) onDateChange(result.entry.date);
        }}
      />
      <CopyDayModal
        opened={copying}
        clientId={clientId}
        from={date}
        onClose={() => setCopying(false)}
        onCopied={(copied, to, until) => {
          setCopying(false);
          notify({
            message: `Copied ${copied} ${copied === 1 ? 'entry' : 'entries'} to ${until === to ? formatIsoDate(to) : `${formatIsoDate(to)} – ${formatIsoDate(until)}`}.`,
            action: { label: 'Show', onClick: () => onDateChange(to), testId: 'log-copy-show' },
          });
        }}
      />
      <CopyMealModal
        source={copyingMeal}
        clientId={clientId}
        from={date}
        onClose={() => setCopyingMeal(null)}
        onCopied={({ copied, to, until }) => {
          setCopyingMeal(null);
          notify({
            message: `Copied ${copied} ${copied === 1 ? 'entry' : 'entries'} to ${until === to ? formatIsoDate(to) : `${formatIsoDate(to)} – ${formatIsoDate(until)}`}.`,
            action: { label: 'Show', onClick: () => onDateChange(to), testId: 'log-copy-show' },
          });
        }}
      />
      <SaveTemplateModal
        source={savingTemplate}
        clientId={clientId}
        date={date}
        onClose={() => setSavingTemplate(null)}
        onSaved={(template) => {
          setSavingTemplate(null);
          notify({ message: `Saved the template “${template.name}” (${template.entries.length} foods).` });
        }}
      />
      <TemplatesModal
        opened={templatesOpen}
        clientId={clientId}
        date={date}
        onClose={() => setTemplatesOpen(false)}
        onLogged={(logged) => {
          setTemplatesOpen(false);
          notify({
            message: `Logged “${logged.name}” (${logged.entries.length} entries) on ${formatIsoDate(logged.date)}.`,
          });
          for (const warning of logged.warnings) notify({ title: 'Please check', message: warning, color: 'yellow' });
          if (logged.date !== date) onDateChange(logged.date);
        }}
      />
      <LogImportModal opened={importing} clientId={clientId} onClose={() => setImporting(false)} />
      <DiaryImportModal opened={importingDiary} clientId={clientId} onClose={() => setImportingDiary(false)} />
    </Stack>
  );
}
