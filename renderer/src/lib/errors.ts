import { ApiError } from './api.ts';

/** Anything a call can throw, as an ApiError (a bug in the UI becomes an 'internal' one). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error && error.message ? error.message : 'Something went wrong.';
  return new ApiError('internal', `${message} Reload the window and try again.`);
}

export function isLockedError(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'locked';
}

/**
 * Server field errors keyed by form field. Update calls nest the patch (`patch.heightCm`), targets
 * nest the overrides (`overrides.energyKcal`); the prefix is stripped so keys match form fields.
 */
export function fieldErrorsFor(error: ApiError, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fields)) {
    const local = prefix && key.startsWith(`${prefix}.`) ? key.slice(prefix.length + 1) : key;
    out[local] = message;
  }
  return out;
}

/**
 * The sentence for a form's general alert. When every field error is shown beside its field, the
 * alert only points there (repeating the same sentence twice reads as two problems).
 */
export function generalMessage(
  error: ApiError,
  shownFields: Record<string, string>,
  knownFields: readonly string[],
): string {
  const keys = Object.keys(shownFields);
  if (keys.length > 0 && keys.every((k) => knownFields.includes(k))) {
    return keys.length === 1 ? 'Check the field marked in red.' : 'Check the fields marked in red.';
  }
  return error.message;
}
