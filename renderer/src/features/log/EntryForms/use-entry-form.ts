import { useState } from 'react';
import type { MethodInput, MethodOutput } from '@contract/index.ts';
import type { LogEntry } from '@contract/log.ts';
import { fieldErrorsFor, toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';

export type EntryPayload = MethodInput<'log.add'>;
export type SaveResult = MethodOutput<'log.add'>;

/** What each kind's form is given: the client, the day open in the log, and the entry to edit (null: a new one). */
export interface EntryFormProps {
  clientId: string;
  date: string;
  entry: LogEntry | null;
  onSaved: (result: SaveResult) => void;
  onCancel: () => void;
}

/** One kind's own fields: the form adds the client, date and time. */
export type KindFields = EntryPayload extends infer T
  ? T extends unknown
    ? Omit<T, 'clientId' | 'date' | 'time'>
    : never
  : never;

/** The date and time fields every entry has (WhenFields). */
export interface WhenValues {
  date: string;
  time: string;
  onDateChange: (date: string) => void;
  onTimeChange: (time: string) => void;
}

export interface SaveEntry {
  /** Sends the kind's fields with the client, the date and the time (empty: none). */
  save: (fields: KindFields) => Promise<void>;
  when: WhenValues;
  /** Resends the last entry with `confirm: true` after an 'implausible' answer. */
  saveAnyway: () => Promise<void>;
  saving: boolean;
  /** The core's sentence when the entry looks implausible and needs confirmation. */
  implausible: string | null;
  errors: Record<string, string>;
  generalError: string | null;
}

/**
 * The date and time of a log entry and its saving (add, or update when editing). An 'implausible'
 * answer is kept with the entry, so the form can show the sentence and a "Save anyway" button that
 * confirms it.
 */
export function useEntryForm({ clientId, date: day, entry: editing, onSaved }: EntryFormProps): SaveEntry {
  const { reportError } = useSessionActions();
  const entryId = editing?.id ?? null;
  const [date, setDate] = useState(editing?.date ?? day);
  const [time, setTime] = useState(editing?.time ?? '');
  const [saving, setSaving] = useState(false);
  const update = useMutation('log.update', { invalidates: LOG_DATA });
  const add = useMutation('log.add', { invalidates: LOG_DATA });
  const [pending, setPending] = useState<EntryPayload | null>(null);
  const [implausible, setImplausible] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);

  const send = async (entry: EntryPayload): Promise<void> => {
    setSaving(true);
    setErrors({});
    setGeneralError(null);
    setImplausible(null);
    try {
      const result = entryId ? await update.run({ id: entryId, entry }) : await add.run(entry);
      setPending(null);
      setSaving(false);
      onSaved(result);
    } catch (e) {
      reportError(e);
      const error = toApiError(e);
      setSaving(false);
      if (error.code === 'implausible') {
        setPending(entry);
        setImplausible(error.message);
        return;
      }
      const fields = fieldErrorsFor(error, entryId ? 'entry' : '');
      setErrors(fields);
      setGeneralError(Object.keys(fields).length > 0 ? null : error.message);
    }
  };

  return {
    save: (fields) => send({ ...fields, clientId, date, time: time || null }),
    when: { date, time, onDateChange: setDate, onTimeChange: setTime },
    saveAnyway: async () => {
      if (pending) await send({ ...pending, confirm: true });
    },
    saving,
    implausible,
    errors,
    generalError,
  };
}
