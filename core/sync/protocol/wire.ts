import { z } from 'zod';
import { Issue, type ServerErrorCode } from './errors.ts';
import { HLC_RE } from './hlc.ts';
import { SYNC_TABLES, TABLE_SPECS } from './tables.ts';

/**
 * The sync server's requests and answers as zod shapes: the server parses what it receives with them
 * and the device what it gets back, so both read one definition. Pure: no I/O.
 *
 * Devices push field changes (only the fields they changed: an empty value is sent only when the
 * practitioner cleared it, never because the device was behind) and pull whole rows by cursor.
 */

/** How every encrypted field value starts (the rest is base64 of nonce, ciphertext and tag). */
export const ENCRYPTED_PREFIX = 'enc:v1:';

// Limits keep one request bounded: the server also caps the body size.

export const MAX_PUSH_CHANGES = 2000;
export const MAX_PULL_ROWS = 1000;
/**
 * One field's JSON, encrypted values included. The longest field the app accepts is a client's notes
 * (20,000 characters); as UTF-8 (up to 4 bytes a character), encrypted and base64-encoded, that stays
 * under 110,000 characters: 256 KiB leaves room without letting one value dominate a request.
 */
export const MAX_VALUE_CHARS = 256 * 1024;
/** A push batch's JSON stays under this (the server accepts 8 MB per request). */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;

export const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const Uuid = z.string().regex(UUID_TEXT, 'expected a UUID');
const hlc = z.string().regex(HLC_RE, 'expected a hybrid logical clock stamp');

/** A field value: JSON scalars, or small lists/objects (allergies, nutrients, portions). */
export const FieldValue = z.unknown().superRefine((v, ctx) => {
  if (v === undefined) {
    ctx.addIssue({ code: 'custom', message: 'value is missing (use null to clear a field)' });
    return;
  }
  let text: string;
  try {
    text = JSON.stringify(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'value is not JSON' });
    return;
  }
  if (text.length > MAX_VALUE_CHARS)
    ctx.addIssue({ code: 'custom', message: `value is over ${MAX_VALUE_CHARS} characters` });
  // PostgreSQL jsonb cannot store U+0000 (JSON.stringify writes it as \u0000; an odd run of
  // backslashes before "u0000" is that escape, an even run is a literal backslash).
  if (/(?:^|[^\\])(?:\\\\)*\\u0000/.test(text))
    ctx.addIssue({ code: 'custom', message: 'value contains a NUL character' });
});

export const FieldChange = z
  .object({
    table: z.enum(SYNC_TABLES),
    id: Uuid,
    field: z.string().min(1).max(40),
    value: FieldValue,
    hlc,
  })
  .strict()
  .superRefine((c, ctx) => {
    const spec = TABLE_SPECS[c.table];
    if (!spec.fields.includes(c.field)) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `${c.table} has no synced field "${c.field}"` });
      return;
    }
    // The fields the server reads: a delete time and a record's client id, nothing else.
    if (c.field === 'deleted_at' && c.value !== null && !(Number.isInteger(c.value) && (c.value as number) >= 0))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'deleted_at must be a time in milliseconds, or null' });
    if (c.field === 'client_id' && (typeof c.value !== 'string' || !UUID_TEXT.test(c.value)))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'client_id must be a record id' });
    if (spec.encrypted.includes(c.field)) {
      if (typeof c.value !== 'string' || !c.value.startsWith(ENCRYPTED_PREFIX))
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: `${c.table}.${c.field} must be encrypted with the practice key`,
        });
    }
  });
export type FieldChange = z.infer<typeof FieldChange>;

export const PushRequest = z
  .object({
    /** Same key on a retry: the server answers the stored result instead of applying twice. */
    idempotencyKey: Uuid,
    changes: z.array(FieldChange).min(1).max(MAX_PUSH_CHANGES),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.object({
  /** Field changes that won (newer than what the server had). */
  applied: z.number().int().nonnegative(),
  /** Field changes the server already had something newer for (or a tombstone refused). */
  ignored: z.number().int().nonnegative(),
  /** True when this answer is the stored one from an earlier try with the same key. */
  replayed: z.boolean(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/**
 * The server's answer (409) to a push holding stamps more than MAX_CLOCK_DRIFT_MS ahead of its own
 * clock: the device's clock is wrong, not the values. Nothing of the push was applied; the device
 * keeps the changes and stamps them again once its clock is right. `serverTime` is the server's
 * clock (ms since the epoch) when it answered, so the device can say how far ahead it is; `issues`
 * names the changes whose stamps are too far ahead.
 */
export const ClockAheadResponse = z.object({
  error: z.literal('clock-ahead' satisfies ServerErrorCode),
  message: z.string(),
  serverTime: z.number().int().nonnegative(),
  issues: z.array(Issue).optional(),
});
export type ClockAheadResponse = z.infer<typeof ClockAheadResponse>;

/** Cursors are decimal strings of the practice's change sequence ("0" = from the start). */
export const Cursor = z.string().regex(/^\d{1,19}$/, 'expected a decimal cursor');

export const PullQuery = z
  .object({
    cursor: Cursor.default('0'),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_ROWS).default(500),
  })
  .strict();

export const SyncRow = z.object({
  table: z.enum(SYNC_TABLES),
  id: Uuid,
  fields: z.record(z.string(), z.unknown()),
  stamps: z.record(z.string(), hlc),
  /** The device that made the row's latest accepted change. */
  originDevice: Uuid,
  seq: Cursor,
});
export type SyncRow = z.infer<typeof SyncRow>;

export const PullResponse = z.object({
  rows: z.array(SyncRow),
  /** Pass back as `cursor` next time; equals the last row's seq, or the request's cursor when empty. */
  cursor: Cursor,
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

// ---------------------------------------------------------------------------------------------
// Accounts: creating a practice, signing in, renewing a session.

const email = z
  .email('expected an e-mail address')
  .max(320)
  .transform((s) => s.toLowerCase());
const password = z.string().min(12, 'the password must have at least 12 characters').max(1024);
const noNul = (s: string): boolean => !s.includes('\u0000');
const NUL_MESSAGE = 'contains a NUL character';
const label = z.string().trim().min(1).max(200).refine(noNul, NUL_MESSAGE);

export const RegisterBody = z
  .object({
    practiceName: label,
    displayName: label,
    email,
    password,
    keyEnvelope: z.string().min(1).max(8192).refine(noNul, NUL_MESSAGE),
    deviceName: label,
  })
  .strict();
export type RegisterBody = z.input<typeof RegisterBody>;

export const LoginBody = z
  .object({ email, password: z.string().min(1).max(1024), deviceName: label, deviceId: Uuid.optional() })
  .strict();
export type LoginBody = z.input<typeof LoginBody>;

export const RefreshBody = z.object({ refreshToken: z.string().min(1).max(200) }).strict();
export const AddPractitionerBody = z.object({ email, password, displayName: label }).strict();

/** The answer to creating a practice, signing in and renewing a session. */
export const Session = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds the access token is valid. */
  expiresIn: z.number(),
  practiceId: z.string(),
  practiceName: z.string(),
  practitionerId: z.string(),
  deviceId: z.string(),
  /** The practice key wrapped by the practice passphrase, made by a device; opaque to the server. */
  keyEnvelope: z.string(),
});
export type Session = z.infer<typeof Session>;

/** The answer to GET /v1/practice. */
export const PracticeInfo = Session.pick({ practiceId: true, practiceName: true, keyEnvelope: true });
export type PracticeInfo = z.infer<typeof PracticeInfo>;
