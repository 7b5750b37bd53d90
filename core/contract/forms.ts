import { z } from 'zod';
import { Id } from './common.ts';
import { method } from './rpc.ts';

/** Profile fields an intake form can fill (the client's notes take the free-text answers). */
export const INTAKE_PROFILE_FIELDS = [
  'name',
  'email',
  'phone',
  'birthDate',
  'sex',
  'heightCm',
  'weightKg',
  'conditions',
  'allergies',
  'dietPattern',
  'activityLevel',
  'goal',
  'notes',
] as const;
export const IntakeProfileField = z.enum(INTAKE_PROFILE_FIELDS, {
  message: `Use one of: ${INTAKE_PROFILE_FIELDS.join(', ')}.`,
});
export type IntakeProfileField = z.infer<typeof IntakeProfileField>;

/** A returned PDF as base64 (at most 20 MB of PDF: an intake form is a few tens of KB). */
const PdfBase64 = z
  .string()
  .min(1, { message: 'The file is empty.' })
  .max(28_000_000, { message: 'The file is larger than 20 MB; an intake form is much smaller.' })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'The file must be sent as base64.' });

export const IntakeReviewRow = z.object({
  field: IntakeProfileField,
  label: z.string(),
  /** As shown: the profile's value now, and the form's ('' = empty). */
  current: z.string(),
  proposed: z.string(),
  status: z.enum(['new', 'changed', 'same']),
  /** Why this answer cannot be applied (a date not as YYYY-MM-DD, a height out of range), or null. */
  problem: z.string().nullable(),
});
export type IntakeReviewRow = z.infer<typeof IntakeReviewRow>;

export const IntakeReview = z.object({
  clientId: Id,
  issuedOn: z.string(),
  /** Whether the client ticked the consent to data processing (applying needs it). */
  consent: z.boolean(),
  rows: z.array(IntakeReviewRow),
});
export type IntakeReview = z.infer<typeof IntakeReview>;

export const formsMethods = {
  /** A fillable intake questionnaire for the client, with the practice's branding, as a PDF. */
  'forms.intake': method(
    z.object({ clientId: Id }).strict(),
    z.object({ fileName: z.string(), dataBase64: z.string(), bytes: z.number() }),
  ),
  /** Reads a returned form and compares it with the client's profile; changes nothing. */
  'forms.reviewIntake': method(z.object({ clientId: Id, dataBase64: PdfBase64 }).strict(), IntakeReview),
  /**
   * Applies the accepted answers in one transaction (the file is read and checked again: what is
   * applied is what the form says, not what the caller sends). `confirm` saves an implausible birth date.
   */
  'forms.applyIntake': method(
    z
      .object({
        clientId: Id,
        dataBase64: PdfBase64,
        accept: z.array(IntakeProfileField).max(INTAKE_PROFILE_FIELDS.length),
        confirm: z.boolean().default(false),
      })
      .strict(),
    z.object({ applied: z.array(IntakeProfileField) }),
  ),
} as const;
