/** The shortest passphrase the app accepts for its database (the core checks it too). */
export const MIN_PASSPHRASE_LENGTH = 10;

/** The labels of a new database passphrase and its confirmation. */
export const NEW_PASSPHRASE_LABELS = { next: 'New passphrase', confirm: 'Confirm new passphrase' } as const;

/** A passphrase being chosen and its confirmation, as typed. */
export interface NewPassphrase {
  next: string;
  confirm: string;
}

export const EMPTY_NEW_PASSPHRASE: NewPassphrase = { next: '', confirm: '' };

export interface NewPassphraseCheck {
  /** Shorter than the minimum (only when a minimum applies). */
  tooShort: boolean;
  /** The confirmation differs from the passphrase. */
  mismatch: boolean;
}

/**
 * What is wrong with a new passphrase and its confirmation. `minLength` 0 skips the length check
 * (the practice passphrase's rules live on the sync side and come back as field errors).
 */
export function checkNewPassphrase(
  next: string,
  confirm: string,
  minLength: number = MIN_PASSPHRASE_LENGTH,
): NewPassphraseCheck {
  return { tooShort: next.length < minLength, mismatch: confirm !== next };
}

/** The one sentence for a form that reports in an alert: what to fix first, or null. */
export function newPassphraseAlert({ next, confirm }: NewPassphrase): string | null {
  const { tooShort, mismatch } = checkNewPassphrase(next, confirm);
  if (tooShort) return `Use at least ${MIN_PASSPHRASE_LENGTH} characters for the new passphrase.`;
  if (mismatch) return 'The new passphrase and its confirmation differ.';
  return null;
}
