import { useState } from 'react';
import type { MethodInput, MethodOutput } from '@contract/index.ts';
import { fieldErrorsFor, toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { splitSaveErrors } from '../review-items.ts';
import { useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';

export type SavePhotoPayload = MethodInput<'photos.save'>;
export type SavePhotoResult = MethodOutput<'photos.save'>;

export interface SavePhoto {
  /** Sends the meal; `keys` are the review items' keys in the order of `payload.items`. */
  save: (payload: SavePhotoPayload, keys: string[]) => Promise<void>;
  /** Resends the last meal with `confirm: true` after an 'implausible' answer. */
  saveAnyway: () => Promise<void>;
  saving: boolean;
  implausible: string | null;
  /** Server errors by item key. */
  itemErrors: Record<string, string>;
  /** Server errors on the meal's fields (date, time, meal) by field name. */
  fieldErrors: Record<string, string>;
  generalError: string | null;
}

/** photos.save with the Log tab's handling of implausible amounts ("Save anyway"). */
export function useSavePhoto(onSaved: (result: SavePhotoResult, payload: SavePhotoPayload) => void): SavePhoto {
  const { reportError } = useSessionActions();
  const [saving, setSaving] = useState(false);
  const [pending, setPending] = useState<{ payload: SavePhotoPayload; keys: string[] } | null>(null);
  const [implausible, setImplausible] = useState<string | null>(null);
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);

  const savePhoto = useMutation('photos.save', { invalidates: ['photos.list', 'photos.get', ...LOG_DATA] });

  const send = async (payload: SavePhotoPayload, keys: string[]): Promise<void> => {
    setSaving(true);
    setImplausible(null);
    setItemErrors({});
    setFieldErrors({});
    setGeneralError(null);
    try {
      const result = await savePhoto.run(payload);
      setPending(null);
      setSaving(false);
      onSaved(result, payload);
    } catch (e) {
      reportError(e);
      const error = toApiError(e);
      setSaving(false);
      if (error.code === 'implausible') {
        setPending({ payload, keys });
        setImplausible(error.message);
        return;
      }
      const split = splitSaveErrors(fieldErrorsFor(error), keys);
      const known = ['date', 'time', 'meal'];
      setItemErrors(split.items);
      setFieldErrors(Object.fromEntries(Object.entries(split.other).filter(([k]) => known.includes(k))));
      const unshown = Object.entries(split.other).filter(([k]) => !known.includes(k));
      const shownSomewhere = Object.keys(split.items).length + Object.keys(split.other).length > 0;
      setGeneralError(unshown.length > 0 ? unshown.map(([, m]) => m).join(' ') : shownSomewhere ? null : error.message);
    }
  };

  return {
    save: send,
    saveAnyway: async () => {
      if (pending) await send({ ...pending.payload, confirm: true }, pending.keys);
    },
    saving,
    implausible,
    itemErrors,
    fieldErrors,
    generalError,
  };
}
