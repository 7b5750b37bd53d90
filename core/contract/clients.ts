import { z } from 'zod';
import {
  ActivityLevel,
  CONDITIONS,
  Condition,
  DietPattern,
  EnergyEquation,
  Goal,
  Id,
  IsoDate,
  LifeStage,
  Sex,
} from './common.ts';
import { method } from './rpc.ts';
const shortText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} is too long (at most ${max} characters).` });

const tagList = (label: string) =>
  z
    .array(shortText(label, 60).min(1, { message: `${label} cannot be empty.` }), {
      message: `${label} must be a list.`,
    })
    .max(50, { message: `At most 50 ${label.toLowerCase()}.` });

export const clientFieldShapes = {
  name: shortText('Name', 200).min(1, { message: 'Name is required.' }),
  birthDate: IsoDate.nullable(),
  sex: Sex.nullable(),
  heightCm: z
    .number({ message: 'Height must be a number.' })
    .min(40, { message: 'Height must be at least 40 cm.' })
    .max(250, { message: 'Height must be at most 250 cm.' })
    .nullable(),
  weightKg: z
    .number({ message: 'Weight must be a number.' })
    .min(2, { message: 'Weight must be at least 2 kg.' })
    .max(400, { message: 'Weight must be at most 400 kg.' })
    .nullable(),
  activityLevel: ActivityLevel,
  dietPattern: DietPattern,
  allergies: tagList('Allergies'),
  lifeStage: LifeStage,
  /** Pregnancy trimester (1–3) or months post-partum while lactating (1–24). */
  lifeStageDetail: z
    .number({ message: 'Must be a number.' })
    .int({ message: 'Must be a whole number.' })
    .min(1, { message: 'Must be at least 1.' })
    .max(24, { message: 'Must be at most 24.' })
    .nullable(),
  tags: tagList('Tags'),
  email: z
    .union([z.literal(''), z.string().trim().email({ message: 'Not a valid e-mail address.' }).max(254)])
    .nullable(),
  phone: shortText('Phone', 40).nullable(),
  notes: shortText('Notes', 20000).nullable(),
  energyEquation: EnergyEquation,
  /** Eating-disorder-sensitive care: hide calorie-focused rules and numbers for this client. */
  edSensitive: z.boolean({ message: 'Must be yes or no.' }),
  goal: Goal,
  /** kg per week for a loss or gain goal (0.1–1.0; null = the default 0.5). Ignored for other goals. */
  goalRateKgWeek: z
    .number({ message: 'The rate must be a number of kg per week.' })
    .min(0.1, { message: 'Use at least 0.1 kg a week.' })
    .max(1, { message: 'Use at most 1 kg a week (faster is not advised without medical supervision).' })
    .nullable(),
  conditions: z.array(Condition, { message: 'Conditions must be a list.' }).max(CONDITIONS.length),
  /** Chronic kidney disease stage 1–5 (KDIGO), with the chronic-kidney-disease condition. */
  ckdStage: z
    .number({ message: 'The CKD stage must be a number.' })
    .int({ message: 'The CKD stage must be a whole number.' })
    .min(1, { message: 'The CKD stage is 1 to 5.' })
    .max(5, { message: 'The CKD stage is 1 to 5.' })
    .nullable(),
};

/** Fields a practitioner fills in for a client. Everything but the name is optional (defaults apply). */
export const ClientFields = z.object({
  ...clientFieldShapes,
  birthDate: clientFieldShapes.birthDate.default(null),
  sex: clientFieldShapes.sex.default(null),
  heightCm: clientFieldShapes.heightCm.default(null),
  weightKg: clientFieldShapes.weightKg.default(null),
  activityLevel: clientFieldShapes.activityLevel.default('low-active'),
  dietPattern: clientFieldShapes.dietPattern.default('omnivore'),
  allergies: clientFieldShapes.allergies.default([]),
  lifeStage: clientFieldShapes.lifeStage.default('none'),
  lifeStageDetail: clientFieldShapes.lifeStageDetail.default(null),
  tags: clientFieldShapes.tags.default([]),
  email: clientFieldShapes.email.default(null),
  phone: clientFieldShapes.phone.default(null),
  notes: clientFieldShapes.notes.default(null),
  energyEquation: clientFieldShapes.energyEquation.default('mifflin-st-jeor'),
  edSensitive: clientFieldShapes.edSensitive.default(false),
  goal: clientFieldShapes.goal.default('maintenance'),
  goalRateKgWeek: clientFieldShapes.goalRateKgWeek.default(null),
  conditions: clientFieldShapes.conditions.default([]),
  ckdStage: clientFieldShapes.ckdStage.default(null),
});
/** A change to some fields: no defaults, so an omitted field is left as it is. */
export const ClientPatch = z.object(clientFieldShapes).partial();
export type ClientPatch = z.infer<typeof ClientPatch>;
export type ClientFields = z.infer<typeof ClientFields>;
export type ClientFieldsInput = z.input<typeof ClientFields>;

export const Client = ClientFields.extend({
  id: Id,
  createdAt: z.number(),
  updatedAt: z.number(),
  archivedAt: z.number().nullable(),
});
export type Client = z.infer<typeof Client>;

export const ClientSummary = z.object({
  id: Id,
  name: z.string(),
  birthDate: z.string().nullable(),
  ageYears: z.number().nullable(),
  sex: Sex.nullable(),
  dietPattern: DietPattern,
  tags: z.array(z.string()),
  updatedAt: z.number(),
  createdAt: z.number(),
  archivedAt: z.number().nullable(),
});
export type ClientSummary = z.infer<typeof ClientSummary>;

export const CLIENT_SORTS = ['name', 'updated', 'created', 'age'] as const;

export const AuditEntry = z.object({
  id: Id,
  at: z.number(),
  actor: z.string(),
  host: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  fields: z.array(z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const clientsMethods = {
  'clients.list': method(
    z
      .object({
        search: z.string().trim().max(200).default(''),
        sort: z.enum(CLIENT_SORTS).default('name'),
        includeArchived: z.boolean().default(false),
      })
      .strict()
      .default({ search: '', sort: 'name', includeArchived: false }),
    z.array(ClientSummary),
  ),
  'clients.get': method(z.object({ id: Id }).strict(), Client),
  /** `confirm` saves a birth date before 1900, in the future or over 120 years ago (else 'implausible'). */
  'clients.create': method(ClientFields.extend({ confirm: z.boolean().default(false) }).strict(), Client),
  'clients.update': method(
    z.object({ id: Id, patch: ClientPatch.strict(), confirm: z.boolean().default(false) }).strict(),
    Client,
  ),
  'clients.setArchived': method(z.object({ id: Id, archived: z.boolean() }).strict(), Client),
  /** Soft delete: the row is kept as a tombstone for sync and audit, and disappears from every list. */
  'clients.delete': method(z.object({ id: Id }).strict(), z.object({ id: Id })),

  'audit.list': method(
    z.object({ entityId: Id.optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.array(AuditEntry),
  ),
} as const;
