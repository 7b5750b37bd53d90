/**
 * Errors that cross the contract boundary. `code` is for programs, `message` is a sentence a
 * practitioner can act on. Anything that is not an AppError is reported as `internal` with a
 * generic message; its details stay in the host's log (after the PII filter).
 */
export const ERROR_CODES = [
  'invalid-input',
  /** Plausible-bounds warning: resend with confirm: true to save anyway. */
  'implausible',
  /**
   * The food contains an allergen the client's record lists (core/foods/allergens.ts): resend with
   * allergyConfirmation: { reason } to save anyway; the reason is kept with the entry.
   */
  'allergen-conflict',
  'not-found',
  'conflict',
  'locked',
  'already-set-up',
  'wrong-passphrase',
  'not-a-database',
  'database-too-new',
  /** A page of the database does not read back; see core/db/salvage.ts for the ways out. */
  'database-damaged',
  /** The recovery code is malformed or does not open the data. */
  'bad-recovery-code',
  /** A backup file is truncated, damaged or not a BioAI Nutrition backup. */
  'backup-corrupt',
  'unauthorized',
  'unsupported',
  /** A feature this build does not have yet (or whose part is not installed); nothing was changed. */
  'unavailable',
  /** Sync: the server cannot be reached (offline, DNS, refused, timed out); nothing was lost. */
  'sync-offline',
  /** Sync: the server refused the sign-in or the session ended; sign in again. */
  'sync-auth',
  /** Sync: the server refused a request or answered something this version cannot read. */
  'sync-protocol',
  /**
   * Sync: this computer's clock is far ahead of the server's, which refuses its changes; they are
   * kept and sent once the date and time are corrected.
   */
  'sync-clock',
  'wrong-practice-passphrase',
  'wrong-practice-key',
  /** Another program or command held the database's write lock longer than the wait; try again. */
  'database-busy',
  /** The disk holding the data folder (or the chosen output) is full; reading still works. */
  'disk-full',
  /** The data folder cannot be written (permissions, read-only disk); reading still works. */
  'read-only',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
