/**
 * Errors that cross the contract boundary. `code` is for programs, `message` is a sentence a
 * practitioner can act on. Anything that is not an AppError is reported as `internal` with a
 * generic message; its details stay in the host's log (after the PII filter).
 */
export const ERROR_CODES = [
  'invalid-input',
  /** Plausible-bounds warning: resend with confirm: true to save anyway. */
  'implausible',
  'not-found',
  'conflict',
  'locked',
  'already-set-up',
  'wrong-passphrase',
  'not-a-database',
  'database-too-new',
  'database-corrupt',
  'unauthorized',
  'unsupported',
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
