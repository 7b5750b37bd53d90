import { z } from 'zod';
import { TARGET_KEYS } from '../targets/target-keys.ts';

/**
 * Shared zod schemas for the contract. Messages here are written for a practitioner: they are the
 * only part of a validation failure that is sent back to the UI (per field), never zod's raw dump.
 */

export const Id = z.string().uuid({ message: 'Not a valid record id.' });

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date like 1985-04-23.' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      // Date rolls 2023-02-30 over to March; a real date survives the round trip unchanged.
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'This date does not exist.' },
  );

export const SEXES = ['female', 'male'] as const;
export const Sex = z.enum(SEXES, { message: 'Choose female or male (used for the reference values).' });

/** Activity levels with IOM physical activity level (PAL) categories (IOM DRI Energy 2005, ch. 5). */
export const ACTIVITY_LEVELS = ['sedentary', 'low-active', 'active', 'very-active'] as const;
export const ActivityLevel = z.enum(ACTIVITY_LEVELS, { message: 'Choose an activity level.' });

export const DIET_PATTERNS = [
  'omnivore',
  'flexitarian',
  'pescatarian',
  'vegetarian',
  'lacto-vegetarian',
  'ovo-vegetarian',
  'vegan',
  'other',
] as const;
export const DietPattern = z.enum(DIET_PATTERNS, { message: 'Choose a diet pattern.' });

export const LIFE_STAGES = ['none', 'pregnant', 'lactating'] as const;
export const LifeStage = z.enum(LIFE_STAGES, { message: 'Choose a life stage.' });

/**
 * What the client works towards: it changes the energy target (loss/gain at a weekly rate) and, for
 * sport, protein (g/kg). See core/targets/compute.ts for the references.
 */
export const GOALS = ['maintenance', 'loss', 'gain', 'sport'] as const;
export const Goal = z.enum(GOALS, { message: 'Choose maintenance, weight loss, weight gain or sport.' });

/**
 * Medical conditions the targets and rules take into account (core/targets/conditions.ts). A label,
 * not a diagnosis made by the app: the practitioner records what the client's doctor diagnosed.
 */
export const CONDITIONS = [
  'hypertension',
  'type-2-diabetes',
  'chronic-kidney-disease',
  'coeliac-disease',
  'iron-deficiency',
  'lactose-intolerance',
] as const;
export const Condition = z.enum(CONDITIONS, { message: `Use one of: ${CONDITIONS.join(', ')}.` });

/** The major food allergens foods are flagged for (FALCPA/FASTER Act 2021; EU 1169/2011 Annex II). */
export const ALLERGENS = ['milk', 'egg', 'fish', 'shellfish', 'tree-nut', 'peanut', 'gluten', 'soy', 'sesame'] as const;
export const Allergen = z.enum(ALLERGENS, { message: `Use one of: ${ALLERGENS.join(', ')}.` });
export type Allergen = z.infer<typeof Allergen>;

export const ENERGY_EQUATIONS = ['mifflin-st-jeor', 'iom-eer'] as const;
export const EnergyEquation = z.enum(ENERGY_EQUATIONS, { message: 'Choose an energy equation.' });

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

export { TARGET_KEYS };
export const TargetKey = z.enum(TARGET_KEYS);
export type TargetKey = z.infer<typeof TargetKey>;

/**
 * What kind of reference a target is: it decides how intake is judged against it. 'info' is shown for
 * information and never judged low or high (e.g. potassium in chronic kidney disease, where blood tests
 * decide the amount: core/targets/conditions.ts).
 */
export const TARGET_KINDS = ['goal', 'rda', 'ai', 'amdr', 'limit', 'cdrr', 'info'] as const;

/** A remark on a target from the client's conditions or life stage, with the reference it rests on. */
export const TargetNote = z.object({ text: z.string(), source: z.string() });
export type TargetNote = z.infer<typeof TargetNote>;

/** A condition-based change the practitioner may apply (as an override); never applied automatically. */
export const TargetSuggestion = z.object({
  value: z.number(),
  /** Why, in words for the practitioner (e.g. "Hypertension: aim for under 1,500 mg sodium a day"). */
  reason: z.string(),
  /** The reference, e.g. "AHA/ACC 2017 high blood pressure guideline (Whelton 2018), Table 15". */
  source: z.string(),
});
export type TargetSuggestion = z.infer<typeof TargetSuggestion>;

export const TargetValue = z.object({
  key: TargetKey,
  label: z.string(),
  unit: z.string(),
  /** The number intake is compared with. */
  value: z.number(),
  /** Acceptable range where one applies (AMDR, energy ±10 %, RDA/AI floor; max = UL where it bounds food). */
  min: z.number().nullable(),
  max: z.number().nullable(),
  /**
   * The Tolerable Upper Intake Level for the client's life stage, where one bounds intake from food
   * (null where none was set, or where it covers supplements only, as for magnesium).
   */
  ul: z.number().nullable(),
  kind: z.enum(TARGET_KINDS),
  /** Where the value in force came from: the computation's citation, or the practitioner's override. */
  source: z.string(),
  /** What the app computed and why (equation or DRI table, with every adjustment), override or not. */
  computedSource: z.string(),
  computedValue: z.number(),
  overridden: z.boolean(),
  /** The note saved with the override in force (client_targets.note); null when not overridden. */
  overrideNote: z.string().nullable(),
  /** False when the food data has no values for the nutrient, so intake cannot be compared ("Not tracked"). */
  tracked: z.boolean(),
  suggestion: TargetSuggestion.nullable(),
  notes: z.array(TargetNote),
});
export type TargetValue = z.infer<typeof TargetValue>;

export const TargetOverrides = z.partialRecord(
  TargetKey,
  z.number({ message: 'Must be a number.' }).min(0, { message: 'Must not be negative.' }).max(100000, {
    message: 'That value is implausibly large.',
  }),
);
export type TargetOverrides = z.infer<typeof TargetOverrides>;

export const TargetsView = z.object({
  clientId: Id,
  asOf: IsoDate,
  /** Null when the profile lacks what the equations need; `missing` says what. */
  targets: z.array(TargetValue).nullable(),
  missing: z.array(z.string()),
  equation: EnergyEquation,
  bmrKcal: z.number().nullable(),
  pal: z.number().nullable(),
  ageYears: z.number().nullable(),
  overrides: TargetOverrides,
  effectiveFrom: IsoDate.nullable(),
});
export type TargetsView = z.infer<typeof TargetsView>;

export const TargetHistoryEntry = z.object({
  id: Id,
  effectiveFrom: IsoDate,
  overrides: TargetOverrides,
  note: z.string().nullable(),
  createdAt: z.number(),
});
export type TargetHistoryEntry = z.infer<typeof TargetHistoryEntry>;

/** 'damaged': the database was found damaged and waits for the practitioner's choice (salvage, restore, start empty). */
export const SESSION_STATES = ['needs-setup', 'locked', 'unlocked', 'damaged'] as const;
export const SessionStatus = z.object({
  state: z.enum(SESSION_STATES),
  /** How the database key is protected on this machine. */
  keyProtection: z.array(z.enum(['passphrase', 'safeStorage'])),
  /** The OS keychain backend safeStorage used, when it is in use (e.g. gnome_libsecret, keychain, dpapi). */
  safeStorageBackend: z.string().nullable(),
  /** Whether a recovery code can open this data folder (data set up before recovery codes has none). */
  hasRecoveryCode: z.boolean(),
  host: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  /** Set when the database was seen damaged (kept until resolved); with 'unlocked' it is a warning. */
  damage: z
    .object({ detectedAt: z.number(), source: z.enum(['open', 'use', 'integrity-check']), detail: z.string() })
    .nullable(),
  /** The background integrity check of the open database (null when none ran since unlock). */
  integrityCheck: z.enum(['running', 'ok', 'damaged', 'failed']).nullable(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const Passphrase = z
  .string({ message: 'Enter a passphrase.' })
  .min(10, { message: 'Use at least 10 characters for the passphrase.' })
  .max(1024, { message: 'The passphrase is too long.' });

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

export const THEMES = ['light', 'dark', 'auto'] as const;
export const UNIT_SYSTEMS = ['metric', 'us'] as const;
export const Settings = z.object({
  theme: z.enum(THEMES),
  practitionerName: z.string().trim().max(200, { message: 'The name is too long (at most 200 characters).' }),
  /** Report branding: credentials (e.g. "RD, MSc"), contact lines, and a logo (PNG or JPEG data URL). */
  practitionerCredentials: z.string().trim().max(200, { message: 'At most 200 characters.' }),
  practitionerContact: z.string().trim().max(500, { message: 'At most 500 characters.' }),
  practiceLogo: z
    .string()
    .max(700_000, { message: 'The logo is too large (at most 500 KB).' })
    .regex(/^(data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*)?$/, { message: 'Use a PNG or JPEG image.' }),
  /** Units for heights and weights in reports and the interface (energy is always kcal). */
  units: z.enum(UNIT_SYSTEMS),
  /**
   * Eating-disorder-sensitive clients: false (default) hides energy figures on every screen of such a
   * client; true shows them to the practitioner on the dashboard, log and targets. Recommendations and
   * reports never show them either way.
   */
  edShowEnergyToMe: z.boolean({ message: 'Must be yes or no.' }),
});
export type Settings = z.infer<typeof Settings>;
