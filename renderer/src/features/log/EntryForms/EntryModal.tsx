import type { LogEntry } from '@contract/log.ts';
import { ActivityEntryForm } from './ActivityEntryForm.tsx';
import { DietEntryForm } from './DietEntryForm.tsx';
import { SleepEntryForm } from './SleepEntryForm.tsx';
import type { SaveResult } from './use-entry-form.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

export type EntryKind = LogEntry['kind'];

export type EntryEditing = { kind: EntryKind; entry: LogEntry | null } | null;

const TITLES: Record<EntryKind, [string, string]> = {
  diet: ['Add food', 'Edit food entry'],
  activity: ['Add activity', 'Edit activity'],
  sleep: ['Add sleep', 'Edit sleep'],
};

interface EntryModalProps {
  clientId: string;
  date: string;
  editing: EntryEditing;
  onClose: () => void;
  onSaved: (result: SaveResult) => void;
}

/** The add/edit form for one kind of entry. */
export function EntryModal({ clientId, date, editing, onClose, onSaved }: EntryModalProps): React.JSX.Element {
  const title = editing ? TITLES[editing.kind][editing.entry ? 1 : 0] : '';
  const props = { clientId, date, entry: editing?.entry ?? null, onSaved, onCancel: onClose };
  return (
    <AppModal opened={editing !== null} onClose={onClose} title={title} size="lg">
      {editing?.kind === 'diet' && <DietEntryForm key={editing.entry?.id ?? 'new'} {...props} />}
      {editing?.kind === 'activity' && <ActivityEntryForm key={editing.entry?.id ?? 'new'} {...props} />}
      {editing?.kind === 'sleep' && <SleepEntryForm key={editing.entry?.id ?? 'new'} {...props} />}
    </AppModal>
  );
}
