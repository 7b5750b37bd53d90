import { z } from 'zod';
import { Id, IsoDate } from './common.ts';
import { FileUpload, FoodId, NutrientAmounts, TextEncodingChoice } from './foods.ts';
import { method } from './rpc.ts';
import { TargetKey } from './targets.ts';

export const MEALS = ['breakfast', 'lunch', 'dinner', 'snack'] as const;
export const Meal = z.enum(MEALS, { message: 'Choose a meal.' });
export type Meal = z.infer<typeof Meal>;

export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Use a time like 08:30.' });

/**
 * Data-quality bounds: outside `reject` is impossible and refused; outside `warn` is implausible and
 * needs the practitioner's confirmation (`confirm: true`). The numbers are the app's own policy:
 * one logged amount above 5 kg of a food, more than 24 h of activity or sleep in a day, or sleep quality
 * off the 1–5 scale cannot be real; the warning levels catch typing slips (an extra zero).
 */
export const BOUNDS = {
  grams: { reject: [0, 5000], warn: [1, 1500] },
  minutes: { reject: [0, 1440], warn: [1, 360] },
  sleepHours: { reject: [0, 24], warn: [3, 14] },
  dayEnergyKcal: { warn: [0, 8000] },
} as const;

const common = {
  clientId: Id,
  date: IsoDate,
  time: LocalTime.nullable().default(null),
  note: z.string().trim().max(1000).nullable().default(null),
  /** Save even though the entry is implausible (the warning was shown). */
  confirm: z.boolean().default(false),
};

/**
 * Saving a food that contains an allergen the client's record lists (core/foods/allergens.ts) needs the
 * practitioner's reason; it is kept with the entry (event detail, encrypted when synced).
 */
export const AllergyConfirmation = z
  .object({
    reason: z
      .string({ message: 'Give a reason for saving it despite the allergy.' })
      .trim()
      .min(1, { message: 'Give a reason for saving it despite the allergy.' })
      .max(500, { message: 'The reason is too long (at most 500 characters).' }),
  })
  .strict();
export type AllergyConfirmation = z.infer<typeof AllergyConfirmation>;

/** What an entry saved despite an allergy keeps: the allergens (or recorded words), the reason, when. */
export const AllergyConfirmationView = z.object({ allergens: z.array(z.string()), reason: z.string(), at: z.number() });

export const DietEntryInput = z
  .object({
    kind: z.literal('diet'),
    ...common,
    /** Needed when the food contains an allergen of the client: code 'allergen-conflict' otherwise. */
    allergyConfirmation: AllergyConfirmation.nullable().optional(),
    meal: Meal.nullable().default(null),
    foodId: FoodId,
    /** Either grams, or a household amount such as "1 medium" or "2 cups" matched to the food's measures. */
    grams: z
      .number({ message: 'Enter the amount in grams.' })
      .gt(BOUNDS.grams.reject[0], { message: 'The amount must be more than 0 g.' })
      .max(BOUNDS.grams.reject[1], { message: 'More than 5 kg in one entry cannot be right.' })
      .nullable()
      .default(null),
    amount: z.string().trim().max(100).nullable().default(null),
  })
  .refine((e) => (e.grams === null) !== (e.amount === null || e.amount === ''), {
    message: 'Give either grams or a household measure (such as "1 medium").',
    path: ['amount'],
  });

export const ActivityEntryInput = z.object({
  kind: z.literal('activity'),
  ...common,
  activity: z.string().min(1).max(60),
  minutes: z
    .number({ message: 'Enter the minutes.' })
    .gt(0, { message: 'The duration must be more than 0 minutes.' })
    .max(BOUNDS.minutes.reject[1], { message: 'More than 24 hours in one day cannot be right.' }),
});

export const SleepEntryInput = z.object({
  kind: z.literal('sleep'),
  ...common,
  hours: z
    .number({ message: 'Enter the hours slept.' })
    .gt(0, { message: 'Sleep must be more than 0 hours.' })
    .max(BOUNDS.sleepHours.reject[1], { message: 'More than 24 hours of sleep in one day cannot be right.' }),
  quality: z
    .number({ message: 'Rate the quality from 1 to 5.' })
    .int({ message: 'Rate the quality from 1 to 5.' })
    .min(1, { message: 'Rate the quality from 1 to 5.' })
    .max(5, { message: 'Rate the quality from 1 to 5.' }),
});

export const EntryInput = z.discriminatedUnion('kind', [DietEntryInput, ActivityEntryInput, SleepEntryInput]);
export type EntryInput = z.infer<typeof EntryInput>;

export const LogEntry = z.object({
  id: Id,
  clientId: Id,
  kind: z.enum(['diet', 'activity', 'sleep']),
  date: IsoDate,
  time: z.string().nullable(),
  source: z.enum(['manual', 'photo', 'import']),
  /** The meal photo this entry was saved from. */
  photoId: Id.nullable(),
  note: z.string().nullable(),
  meal: Meal.nullable(),
  food: z
    .object({
      id: FoodId,
      name: z.string(),
      amountLabel: z.string(),
      grams: z.number(),
      /** The household amount as it was entered ("2 cup, chopped"), so an edit reopens it as such; null for grams. */
      amountText: z.string().nullable().optional(),
    })
    .nullable(),
  activity: z
    .object({ key: z.string(), label: z.string(), met: z.number(), minutes: z.number(), kcal: z.number().nullable() })
    .nullable(),
  sleep: z.object({ hours: z.number(), quality: z.number() }).nullable(),
  nutrients: NutrientAmounts,
  /**
   * A diet entry imported "as reported" from another app's diary (core/log/diary-import): the food as
   * that app named it, its amount, and which app; `food` is null then and the nutrients are that app's.
   */
  reported: z.object({ name: z.string(), amount: z.string().nullable(), format: z.string() }).nullable().optional(),
  /** Set when the food was saved despite a recorded allergy (shown as a warning badge with the reason). */
  allergyConfirmation: AllergyConfirmationView.nullable(),
  updatedAt: z.number(),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const SaveResult = z.object({ entry: LogEntry, warnings: z.array(z.string()) });

export const Activity = z.object({
  key: z.string(),
  label: z.string(),
  met: z.number(),
  code: z.string(),
  synonyms: z.array(z.string()),
});

/** 'info': the target is shown for information only (kind 'info'), so intake is not judged against it. */
export const STATUSES = ['low', 'ok', 'high', 'untracked', 'info'] as const;
export const NutrientStatus = z.object({
  key: TargetKey,
  label: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  target: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  kind: z.string(),
  status: z.enum(STATUSES),
  /** value / target, for bars. */
  ratio: z.number().nullable(),
});
export type NutrientStatus = z.infer<typeof NutrientStatus>;

export const FORECAST_FLAGS = ['ok', 'below-estimate', 'below-goldberg'] as const;

/**
 * The intake model's view of the day (core/forecast/forecast.ts). For eating-disorder-sensitive
 * clients `numbersHidden` is true: the estimate, band and contributors are left out and the flag's
 * message carries no energy figure. For clients outside the model's training population (pregnant,
 * lactating, under 18) `hiddenReason` says why there is no estimate, and nothing else is given.
 */
export const DayForecast = z.object({
  numbersHidden: z.boolean(),
  estimateKcal: z.number().nullable(),
  /** estimate ± the model's holdout RMSE: its typical error on unseen people, not a per-client interval. */
  band: z.object({ low: z.number(), high: z.number() }).nullable(),
  rmseKcal: z.number().nullable(),
  contributors: z.array(
    z.object({
      feature: z.string(),
      label: z.string(),
      value: z.number().nullable(),
      valueText: z.string(),
      effectKcal: z.number(),
      /** e.g. "Logged energy that day: 1,120 kcal → −310 kcal". */
      text: z.string(),
    }),
  ),
  /** Null when the estimate is hidden for a client outside the training population (`hiddenReason`). */
  plausibility: z.object({ flag: z.enum(FORECAST_FLAGS), message: z.string() }).nullable(),
  /** Why the model gives no estimate for this client, in words for the practitioner; null when it does. */
  hiddenReason: z.string().nullable(),
});
export type DayForecast = z.infer<typeof DayForecast>;

/** Nutrients with no target that the dashboard shows per day beside the targets (core/features/intake-references.ts). */
export const INTAKE_EXTRA_KEYS = ['caffeineMg', 'alcoholG'] as const;
export const IntakeExtraKey = z.enum(INTAKE_EXTRA_KEYS);
export type IntakeExtraKey = z.infer<typeof IntakeExtraKey>;

/** A published amount not to exceed (no DRI exists for caffeine or alcohol): `max` per day, in words, with its source. */
export const IntakeReference = z.object({ max: z.number(), text: z.string(), source: z.string() });
export type IntakeReference = z.infer<typeof IntakeReference>;

export const DayExtra = z.object({
  key: IntakeExtraKey,
  label: z.string(),
  unit: z.string(),
  /** The day's sum over the entries whose food data has a value; null when none has (unknown, not zero). */
  value: z.number().nullable(),
  /** Diet entries of the day whose food data has a value for it (the others add nothing). */
  entriesWithValue: z.number(),
  /** Null when no reference applies to the client (or their profile lacks what it needs). */
  reference: IntakeReference.nullable(),
  /** value > reference.max. */
  aboveReference: z.boolean(),
});
export type DayExtra = z.infer<typeof DayExtra>;

export const DayView = z.object({
  clientId: Id,
  date: IsoDate,
  dietEntries: z.number(),
  totals: NutrientAmounts,
  /** Null when the profile lacks what targets need. */
  statuses: z.array(NutrientStatus).nullable(),
  activityMin: z.number(),
  burnedKcal: z.number(),
  sleepHours: z.number().nullable(),
  sleepQuality: z.number().nullable(),
  warnings: z.array(z.string()),
  /** Null when the day has no diet entries or the intake model is not available. */
  forecast: DayForecast.nullable(),
  /** Caffeine and alcohol on the day (INTAKE_EXTRA_KEYS order); empty when the day has no diet entries. */
  extras: z.array(DayExtra),
});
export type DayView = z.infer<typeof DayView>;

export const TREND_KEYS = [
  'energyKcal',
  'proteinG',
  'carbG',
  'fatG',
  'fibreG',
  'sodiumMg',
  'caffeineMg',
  'alcoholG',
] as const;
export const TrendKey = z.enum(TREND_KEYS);

export const TrendDay = z.object({
  date: IsoDate,
  logged: z.boolean(),
  values: z.partialRecord(TrendKey, z.number().nullable()),
  /** Means over the logged days in the 7 and 30 days ending on this date (SQL window functions). */
  mean7: z.partialRecord(TrendKey, z.number().nullable()),
  mean30: z.partialRecord(TrendKey, z.number().nullable()),
  activityMin: z.number(),
  burnedKcal: z.number(),
  sleepHours: z.number().nullable(),
  sleepQuality: z.number().nullable(),
});

export const TrendsView = z.object({
  clientId: Id,
  from: IsoDate,
  to: IsoDate,
  days: z.array(TrendDay),
  daysLogged: z.number(),
  /** Share of energy from protein, carbohydrate and fat over the logged days (Atwater 4/4/9). */
  macroSplit: z.object({ proteinPct: z.number(), carbPct: z.number(), fatPct: z.number() }).nullable(),
  targets: z.partialRecord(TrendKey, z.number()),
});
export type TrendsView = z.infer<typeof TrendsView>;

export const LogImportReport = z.object({
  committed: z.boolean(),
  rowsRead: z.number(),
  entriesImported: z.number(),
  errors: z.array(z.object({ row: z.number(), message: z.string() })),
  errorCount: z.number(),
  /** Rows refused only because the food contains an allergen of the client: import again with a reason. */
  allergyConflicts: z.number(),
});

/** Diaries kept in other apps (core/log/diary-import/formats.ts): Cronometer, MyFitnessPal, OpenNutriTracker. */
export const DIARY_FORMATS = ['cronometer', 'mfp', 'ont'] as const;
export const DiaryFormat = z.enum(DIARY_FORMATS, { message: 'Choose the format: cronometer, mfp or ont.' });
export type DiaryFormat = z.infer<typeof DiaryFormat>;

const DiaryRowError = z.object({ file: z.string(), row: z.number(), message: z.string() });

/** One row of the file as it would be stored: matched to a database food, or kept as reported. */
export const DiaryPreviewRow = z.object({
  row: z.number(),
  date: IsoDate,
  time: z.string().nullable(),
  meal: Meal.nullable(),
  name: z.string(),
  amountText: z.string().nullable(),
  grams: z.number().nullable(),
  /** The nutrients the other app gives for the row. */
  reported: NutrientAmounts,
  /** The database food found for the name, with its search score and the amount resolved. */
  match: z
    .object({
      foodId: FoodId,
      foodName: z.string(),
      score: z.number().nullable(),
      how: z.enum(['exact', 'clear']),
      grams: z.number(),
      amountLabel: z.string(),
      nutrients: NutrientAmounts,
    })
    .nullable(),
  /** Why no match is offered (no confident match, the amount is not one of the food's measures). */
  matchNote: z.string().nullable(),
  /** Stored by an earlier import of an export that overlaps this one: it is skipped. */
  alreadyImported: z.boolean(),
});
export type DiaryPreviewRow = z.infer<typeof DiaryPreviewRow>;

export const DiaryPreview = z.object({
  format: DiaryFormat,
  rowsRead: z.number(),
  rows: z.array(DiaryPreviewRow),
  /** Rows that cannot be read, with the file and row: nothing is imported while there are any. */
  errors: z.array(DiaryRowError),
  errorCount: z.number(),
  alreadyImported: z.number(),
});
export type DiaryPreview = z.infer<typeof DiaryPreview>;

const DiaryUpload = FileUpload.extend({ clientId: Id, format: DiaryFormat });

/** What to store for a row: its matched food, the row as reported, or nothing. */
export const DiaryChoice = z
  .object({ row: z.number().int().min(1), use: z.enum(['match', 'reported', 'skip']) })
  .strict();

export type GivenDiaryChoice = z.infer<typeof DiaryChoice>;

export const DiaryImportReport = z.object({
  committed: z.boolean(),
  imported: z.number(),
  matched: z.number(),
  asReported: z.number(),
  alreadyImported: z.number(),
  skipped: z.number(),
  errors: z.array(DiaryRowError),
  errorCount: z.number(),
  allergyConflicts: z.number(),
});
export type DiaryImportReport = z.infer<typeof DiaryImportReport>;

/** The longest meal template name. */
export const MAX_TEMPLATE_NAME = 120;

export const TemplateName = z
  .string({ message: 'Name the template (e.g. "Usual breakfast").' })
  .trim()
  .min(1, { message: 'Name the template (e.g. "Usual breakfast").' })
  .max(MAX_TEMPLATE_NAME, { message: `The name is too long (at most ${MAX_TEMPLATE_NAME} characters).` });

/** A client's favourite food (starred for them): listed first when logging for them. */
export const Favourite = z.object({
  foodId: FoodId,
  /** The food's name; null when the food was deleted since (the star stays until removed). */
  name: z.string().nullable(),
  createdAt: z.number(),
});
export type Favourite = z.infer<typeof Favourite>;

/** A meal saved to log again in one go ("Ana's usual breakfast"). */
export const MealTemplate = z.object({
  id: Id,
  clientId: Id,
  name: z.string(),
  /** The meal it was saved from: the default meal when logging it. */
  meal: Meal.nullable(),
  entries: z.array(
    z.object({
      foodId: FoodId,
      /** The food's name now, or as saved when the food was deleted since (`missing`). */
      foodName: z.string(),
      grams: z.number(),
      /** The household measure as typed ("1 medium"); null when given in grams. */
      amountText: z.string().nullable(),
      note: z.string().nullable(),
      /** The food no longer exists: logging the template is refused until the template is saved again. */
      missing: z.boolean(),
    }),
  ),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type MealTemplate = z.infer<typeof MealTemplate>;

/** Copy a meal to another day (or every day of a range) and meal; like log.copyDay. */
export const CopyMealInput = z
  .object({
    clientId: Id,
    from: IsoDate,
    /** The meal copied; null copies the food entries without a meal. */
    meal: Meal.nullable(),
    to: IsoDate,
    /** The meal on the target days; the same meal when omitted. */
    toMeal: Meal.nullable().optional(),
    until: IsoDate.optional(),
    allergyConfirmation: AllergyConfirmation.nullable().optional(),
  })
  .strict();
export type CopyMealInput = z.infer<typeof CopyMealInput>;

export const logMethods = {
  'log.list': method(z.object({ clientId: Id, from: IsoDate, to: IsoDate }).strict(), z.array(LogEntry)),
  'log.add': method(EntryInput, SaveResult),
  'log.update': method(z.object({ id: Id, entry: EntryInput }).strict(), SaveResult),
  'log.delete': method(z.object({ id: Id }).strict(), z.object({ id: Id })),
  /** Undo of a delete. */
  'log.restore': method(z.object({ id: Id }).strict(), LogEntry),
  'log.copyDay': method(
    z
      .object({
        clientId: Id,
        from: IsoDate,
        to: IsoDate,
        /** The last day of a range to copy to (every day from `to` through it); omitted = `to` alone. */
        until: IsoDate.optional(),
        kinds: z
          .array(z.enum(['diet', 'activity', 'sleep']))
          .min(1)
          .default(['diet']),
        /** For foods the client is allergic to that carry no confirmation of their own. */
        allergyConfirmation: AllergyConfirmation.nullable().optional(),
      })
      .strict(),
    /** Entries written in all (entries of the day × days), and the days they went to. */
    z.object({ copied: z.number(), days: z.number().optional() }),
  ),
  /** All or nothing; rows with a food the client is allergic to are refused unless a reason is given. */
  'log.importCsv': method(
    FileUpload.extend({
      clientId: Id,
      allergyConfirmation: AllergyConfirmation.nullable().optional(),
      encoding: TextEncodingChoice,
      /** Dates far from today (more than 5 years back or a year ahead) are imported only when confirmed. */
      confirmDates: z.boolean().default(false),
    }).strict(),
    LogImportReport,
  ),
  /** Reads another app's diary export and lists every row with its match; stores nothing. */
  'log.diaryPreview': method(DiaryUpload.strict(), DiaryPreview),
  /**
   * Stores the rows of a diary export in one transaction, all or none: a row that cannot be read or
   * stored refuses the file. Rows an earlier import stored are skipped (the same row gives the same id).
   * Rows not named in `choices` take their match when there is one, else are stored as reported.
   */
  'log.diaryImport': method(
    DiaryUpload.extend({
      choices: z.array(DiaryChoice).max(200_000).default([]),
      allergyConfirmation: AllergyConfirmation.nullable().optional(),
      confirmDates: z.boolean().default(false),
    }).strict(),
    DiaryImportReport,
  ),
  /** Copies one meal's food entries to another day or range of days, all or nothing (allergies as copyDay). */
  'log.copyMeal': method(CopyMealInput, z.object({ copied: z.number(), days: z.number() })),
  /** The client's favourite foods, most recently starred first. */
  'log.favourites': method(z.object({ clientId: Id }).strict(), z.array(Favourite)),
  /** Stars (or unstars) a food for the client; starring twice is no change. */
  'log.setFavourite': method(
    z.object({ clientId: Id, foodId: FoodId, favourite: z.boolean() }).strict(),
    z.array(Favourite),
  ),
  /** The client's meal templates, by name. */
  'log.templates': method(z.object({ clientId: Id }).strict(), z.array(MealTemplate)),
  /** Saves the food entries logged for a meal on a day as a template (food, grams, measure as typed, note). */
  'log.saveTemplate': method(
    z.object({ clientId: Id, name: TemplateName, date: IsoDate, meal: Meal.nullable() }).strict(),
    MealTemplate,
  ),
  'log.renameTemplate': method(z.object({ id: Id, name: TemplateName }).strict(), MealTemplate),
  'log.deleteTemplate': method(z.object({ id: Id }).strict(), z.object({ id: Id })),
  /**
   * Logs every entry of a template on a day and meal in one transaction, all or none: a food the client
   * is allergic to needs a reason (code 'allergen-conflict'), implausible amounts a confirmation
   * ('implausible'), and a food deleted since refuses the whole template ('not-found').
   */
  'log.logTemplate': method(
    z
      .object({
        id: Id,
        date: IsoDate,
        meal: Meal.nullable(),
        time: LocalTime.nullable().default(null),
        confirm: z.boolean().default(false),
        allergyConfirmation: AllergyConfirmation.nullable().optional(),
      })
      .strict(),
    z.object({ entries: z.array(LogEntry), warnings: z.array(z.string()) }),
  ),
  /** The activity list; with `query`, only the activities matching those everyday words, best first. */
  'log.activities': method(
    z
      .object({ query: z.string().max(100, 'Type at most 100 characters.').optional() })
      .strict()
      .default({}),
    z.array(Activity),
  ),

  'dashboard.day': method(z.object({ clientId: Id, date: IsoDate }).strict(), DayView),
  'dashboard.trends': method(z.object({ clientId: Id, from: IsoDate, to: IsoDate }).strict(), TrendsView),

  /** The client's whole record as a zip of CSV and JSON files (data portability). */
  'export.client': method(
    z.object({ clientId: Id }).strict(),
    z.object({ fileName: z.string(), dataBase64: z.string(), bytes: z.number() }),
  ),
} as const;
