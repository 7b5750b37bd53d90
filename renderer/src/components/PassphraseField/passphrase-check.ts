/** The shortest passphrase the app accepts for its database (the core checks it too). */
export const MIN_PASSPHRASE_LENGTH = 10;

/** The labels of a new database passphrase and its confirmation. */
export const NEW_PASSPHRASE_LABELS = { next: 'New passphrase', confirm: 'Confirm new passphrase' } as const;

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
