import { z } from 'zod';
import { ALLERGENS, Allergen, Id, IsoDate } from './common.ts';
import { Empty, method } from './rpc.ts';
import { NUTRIENT_KEYS } from '../foods/nutrients.ts';

/** Food ids: UUIDv7 for custom foods, recipes and imports; 'usda:<NDB number>' for the bundled table. */
export const FoodId = z
  .string()
  .min(1)
  .max(80)
  .regex(/^(usda:\d{4,6}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, {
    message: 'Not a valid food id.',
  });

export const NutrientKey = z.enum(NUTRIENT_KEYS);
export type NutrientKey = z.infer<typeof NutrientKey>;

const amountPer100g = z
  .number({ message: 'Must be a number.' })
  .min(0, { message: 'Must not be negative.' })
  .max(100000, { message: 'That value is implausibly large for 100 g.' });

/** Nutrients per 100 g; a missing key means unknown (never read as zero). */
export const Nutrients = z.partialRecord(NutrientKey, amountPer100g);
export type Nutrients = z.infer<typeof Nutrients>;

/** Nutrient amounts in a serving, an entry or a day's total: no per-100 g bound (10 g of salt has 3.9 g sodium). */
export const NutrientAmounts = z.partialRecord(NutrientKey, z.number().min(0));

export const FOOD_SOURCES = ['usda-sr28', 'fdc', 'csv', 'custom', 'recipe'] as const;
export const FoodSource = z.enum(FOOD_SOURCES);

export const Portion = z.object({
  id: z.string(),
  amount: z.number(),
  unit: z.string(),
  /** "1 medium (7\" to 7-7/8\" long)" */
  label: z.string(),
  grams: z.number(),
});
export type Portion = z.infer<typeof Portion>;

export const FoodHit = z.object({
  id: FoodId,
  name: z.string(),
  foodGroup: z.string().nullable(),
  source: FoodSource,
  energyKcalPer100g: z.number().nullable(),
  /** This client logged it before (they rank first). */
  recent: z.boolean(),
  /** Starred for this client (favourites rank above everything else). */
  favourite: z.boolean().optional(),
  /** Major allergens it contains (core/foods/allergens.ts), in ALLERGENS order. */
  allergens: z.array(Allergen),
  /** How well the name fits the words searched (core/foods/search.ts score); absent for recent-food lists. */
  score: z.number().optional(),
});
export type FoodHit = z.infer<typeof FoodHit>;

export const RecipeIngredient = z.object({ foodId: FoodId, name: z.string(), grams: z.number() });

/** The meal types a plan-ready food suits (the same four as core/contract/plans.ts MEAL_TYPES). */
export const PLAN_MEAL_TYPES = ['breakfast', 'lunch', 'dinner', 'snack'] as const;

/** The household serving a meal plan counts a practitioner's food in ("1 bowl", 350 g). */
export const PlanMeasure = z.object({
  label: z
    .string({ message: 'Name the serving (e.g. "1 bowl").' })
    .trim()
    .min(1, { message: 'Name the serving (e.g. "1 bowl").' })
    .max(60, { message: 'The serving name is too long (at most 60 characters).' }),
  grams: z
    .number({ message: 'Enter the serving weight in grams.' })
    .positive({ message: 'The serving weight must be more than 0 g.' })
    .max(5000, { message: 'A serving is at most 5 kg.' }),
});

/**
 * How the meal-plan generator may use a custom food or recipe: the meal types it suits, whether it is
 * a main dish, and the serving it counts in (null: the food's first household measure; a recipe's is
 * one serving). No meal type means not in the plan pool.
 */
export const PlanUse = z.object({
  mealTypes: z
    .array(z.enum(PLAN_MEAL_TYPES, { message: 'Choose breakfast, lunch, dinner or snack.' }))
    .max(PLAN_MEAL_TYPES.length)
    .refine((m) => new Set(m).size === m.length, { message: 'Each meal type once.' }),
  main: z.boolean({ message: 'Say whether it is a main dish.' }),
  measure: PlanMeasure.nullable(),
});
export type PlanUse = z.infer<typeof PlanUse>;

/**
 * The plan setting in a create or edit: left out on an edit keeps what is stored; null (or no meal
 * type) takes the food out of the plan pool.
 */
const planUseInput = PlanUse.strict().nullable().optional();

export const Food = z.object({
  id: FoodId,
  name: z.string(),
  foodGroup: z.string().nullable(),
  brand: z.string().nullable(),
  /** Packaged foods: the barcode as a GTIN-14 (Branded Foods' gtin_upc), null or absent otherwise. */
  gtin: z.string().nullable().optional(),
  /** Packaged foods: the ingredient list as printed. */
  ingredients: z.string().nullable().optional(),
  source: FoodSource,
  sourceId: z.string().nullable(),
  /** Dataset name and citation, e.g. the USDA SR28 citation. */
  provenance: z.string(),
  nutrients: Nutrients,
  portions: z.array(Portion),
  editable: z.boolean(),
  /** Major allergens it contains, in ALLERGENS order. */
  allergens: z.array(Allergen),
  /**
   * Where the flags come from: 'derived' from the name and food group by the keyword table (a safety
   * net, not a guarantee), set by the 'practitioner' (custom foods), or the union of the 'ingredients'.
   */
  allergenBasis: z.enum(['derived', 'practitioner', 'ingredients']),
  recipe: z
    .object({
      ingredients: z.array(RecipeIngredient),
      servings: z.number(),
      totalGrams: z.number(),
      /** Nutrients in one serving. */
      perServing: NutrientAmounts,
    })
    .nullable(),
  /** Custom foods and recipes: how meal plans may use it (null, or absent for other foods: not in the plan pool). */
  planUse: PlanUse.nullable().optional(),
  updatedAt: z.number(),
});
export type Food = z.infer<typeof Food>;

const foodName = z
  .string({ message: 'Enter a name.' })
  .trim()
  .min(1, { message: 'Enter a name.' })
  .max(200, { message: 'The name is too long (at most 200 characters).' });

export const PortionInput = z.object({
  amount: z.number().positive({ message: 'The amount must be more than 0.' }).max(10000).default(1),
  unit: z.string().trim().min(1, { message: 'Name the measure (e.g. "cup").' }).max(100),
  grams: z
    .number({ message: 'Enter the weight in grams.' })
    .positive({ message: 'The weight must be more than 0 g.' })
    .max(10000, { message: 'At most 10 kg per measure.' }),
});

export const CustomFoodInput = z.object({
  name: foodName,
  foodGroup: z.string().trim().max(100).nullable().default(null),
  brand: z.string().trim().max(100).nullable().default(null),
  nutrients: Nutrients.refine((n) => n.energyKcal !== undefined, { message: 'Enter at least the energy per 100 g.' }),
  portions: z.array(PortionInput).max(30).default([]),
  /**
   * The major allergens it contains, as the practitioner checked them (the form starts from
   * foods.deriveAllergens). Left out: derived from the name and food group, as for imported foods.
   */
  allergens: z.array(Allergen, { message: 'Allergens must be a list.' }).max(ALLERGENS.length).optional(),
  planUse: planUseInput,
});
export type CustomFoodInput = z.infer<typeof CustomFoodInput>;

export const RecipeInput = z.object({
  name: foodName,
  foodGroup: z.string().trim().max(100).nullable().default('Recipes'),
  ingredients: z
    .array(
      z.object({
        foodId: FoodId,
        grams: z.number().positive({ message: 'Each ingredient needs an amount above 0 g.' }).max(20000),
      }),
    )
    .min(1, { message: 'Add at least one ingredient.' })
    .max(100),
  servings: z.number().positive({ message: 'Servings must be more than 0.' }).max(1000).default(1),
  /** Weight after cooking; when set, per-100 g values account for water lost or gained. */
  finalWeightG: z.number().positive().max(100000).nullable().default(null),
  planUse: planUseInput,
});
export type RecipeInput = z.infer<typeof RecipeInput>;

export const FoodUsage = z.object({ entries: z.number(), clients: z.number(), lastUsed: IsoDate.nullable() });

export const ImportError = z.object({
  /** 1-based row number in the named file (the header is row 1). */
  row: z.number(),
  file: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof ImportError>;

export const ImportReport = z.object({
  jobId: z.string(),
  /** True only when every row was valid and the whole file was stored. */
  committed: z.boolean(),
  rowsRead: z.number(),
  foodsImported: z.number(),
  portionsImported: z.number(),
  errors: z.array(ImportError),
  /** Errors beyond this many are counted but not listed. */
  errorCount: z.number(),
  datasetId: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** A column header as chosen in the import form; bounded, since error messages name it. */
const columnName = z.string().max(500, { message: 'That column name is too long.' });

/** Where each app field is in a practitioner's CSV (column header names), and its unit scale. */
export const CsvMapping = z.object({
  name: columnName.min(1, { message: 'Choose the column with the food name.' }),
  id: columnName.nullable().default(null),
  foodGroup: columnName.nullable().default(null),
  /** Nutrient key → column header. Values are per 100 g in the app's units unless scaled. */
  nutrients: z.partialRecord(NutrientKey, columnName.min(1)),
  /** Energy given in kJ rather than kcal (converted at 4.184 kJ/kcal). */
  energyInKj: z.boolean().default(false),
  delimiter: z.enum([',', ';', '\t']).nullable().default(null),
  decimalComma: z.boolean().default(false),
});
export type CsvMapping = z.infer<typeof CsvMapping>;

/** The largest file imported whole or sent inline (a diary CSV, a food table's inline bytes), in bytes. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/**
 * The largest food table sent in parts or named by path (read from its file in chunks, never whole, and
 * stored in batches, so memory does not grow with it): FoodData Central's Branded Foods download is a
 * zip of about 430 MB holding about 3 GB of CSV (April 2024 release), and grows each release.
 */
export const MAX_TABLE_FILE_BYTES = 4 * 1024 * 1024 * 1024;

const base64 = z
  .string()
  .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, { message: 'The file is too large (at most 64 MB).' })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'The file data is not valid base64.' });

/**
 * The text encoding of an imported CSV when it is not UTF-8: null reads UTF-8 (or UTF-16 with its BOM)
 * and refuses any other byte with its row and column; "latin1" is read as its superset windows-1252.
 */
export const TextEncodingChoice = z.enum(['utf-8', 'windows-1252', 'latin1']).nullable().default(null);

export const FileUpload = z.object({
  fileName: z.string().trim().min(1).max(255),
  dataBase64: base64,
});

/**
 * Bytes per part of a chunked upload (foods.upload.chunk); only the last part may be shorter. Measured
 * through the browser host with a 62 MB table: 4 MiB parts peaked at 325 MB, 1 MiB at 240 MB (the
 * host's request bodies and parsed strings of larger parts wait longer for a collection).
 */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

/** Base64 text of at most one part's bytes. */
const partBase64 = (message: string) =>
  z
    .string()
    .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4, { message })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'The file data is not valid base64.' });

/** An upload's id (foods.upload.begin): 32 lowercase hex digits. */
export const UploadId = z.string().regex(/^[0-9a-f]{32}$/, { message: 'Not a valid upload id.' });

export const UploadBegin = z.object({
  fileName: z.string().trim().min(1).max(255),
  size: z
    .number()
    .int({ message: 'The file size must be a whole number of bytes.' })
    .min(1, { message: 'The file is empty.' })
    .max(MAX_TABLE_FILE_BYTES, { message: 'The file is too large (at most 4 GB).' }),
});

export const UploadChunk = z.object({
  uploadId: UploadId,
  /** 0-based; parts must arrive in order. */
  index: z
    .number()
    .int()
    .min(0)
    .max(Math.ceil(MAX_TABLE_FILE_BYTES / UPLOAD_CHUNK_BYTES) - 1, { message: 'There are at most 4,096 parts.' }),
  dataBase64: partBase64('A part of an upload is at most 1 MiB.'),
});

/**
 * A food table: an upload made in parts (`uploadId`, the app's window), its bytes inline when small
 * (at most one part), or the path of a file that only the CLI host may name; exactly one of the three.
 * None is ever held whole in memory except the small inline bytes.
 */
export const FoodFileUpload = FileUpload.extend({
  dataBase64: partBase64('The file is too large to send at once (at most 1 MiB): upload it in parts.').optional(),
  filePath: z.string().min(1).max(4096).optional(),
  uploadId: UploadId.optional(),
});

export const CsvPreview = z.object({
  delimiter: z.string(),
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  rowCount: z.number(),
  /** A mapping guessed from the headers (CIQUAL, CoFID and FDC-like names), for the form to start from. */
  suggested: CsvMapping.partial(),
});

export const FoodDataset = z.object({
  id: z.string(),
  name: z.string(),
  format: z.string(),
  fileName: z.string().nullable(),
  citation: z.string().nullable(),
  foodCount: z.number(),
  importedAt: z.number(),
});

/** foods.allergyCheck: what the client avoids, and each chosen food that conflicts with it. */
export const AllergyCheck = z.object({
  /** Each allergen the client avoids with the words of their record ("Peanut", "coeliac disease"). */
  avoids: z.array(z.object({ allergen: Allergen, label: z.string(), allergies: z.array(z.string()) })),
  conflicts: z.array(
    z.object({
      foodId: FoodId,
      foodName: z.string(),
      /** Allergen ids, or a recorded word matched in the food's name (allergen null). */
      items: z.array(z.object({ allergen: Allergen.nullable(), label: z.string(), allergies: z.array(z.string()) })),
      /** "Peanut butter contains peanut (recorded allergy: "Peanut")" */
      message: z.string(),
    }),
  ),
});
export type AllergyCheck = z.infer<typeof AllergyCheck>;

export const foodsMethods = {
  'foods.search': method(
    z
      .object({
        query: z.string().trim().max(200, { message: 'The search is too long.' }),
        clientId: Id.optional(),
        limit: z.number().int().min(1).max(100).default(25),
      })
      .strict(),
    z.array(FoodHit),
  ),
  'foods.get': method(z.object({ id: FoodId }).strict(), Food),
  /**
   * The allergens the keyword table reads in a name and food group (the custom-food form starts from
   * them; the practitioner checks them). A safety net, not a guarantee.
   */
  'foods.deriveAllergens': method(
    z
      .object({
        name: z.string().trim().max(200, { message: 'The name is too long (at most 200 characters).' }),
        foodGroup: z.string().trim().max(100).nullable().default(null),
      })
      .strict(),
    z.object({ allergens: z.array(Allergen) }),
  ),
  /** Which of these foods conflict with the client's recorded allergies (what the forms warn about). */
  'foods.allergyCheck': method(
    z.object({ clientId: Id, foodIds: z.array(FoodId).min(1).max(100) }).strict(),
    AllergyCheck,
  ),
  'foods.usage': method(z.object({ id: FoodId }).strict(), FoodUsage),
  'foods.createCustom': method(CustomFoodInput.strict(), Food),
  /** Future entries use the new values; past entries keep theirs unless applyToPast. */
  'foods.updateCustom': method(
    z.object({ id: FoodId, food: CustomFoodInput.strict(), applyToPast: z.boolean().default(false) }).strict(),
    z.object({ food: Food, pastEntries: z.number(), updatedPast: z.number() }),
  ),
  'foods.createRecipe': method(RecipeInput.strict(), Food),
  'foods.updateRecipe': method(
    z.object({ id: FoodId, recipe: RecipeInput.strict(), applyToPast: z.boolean().default(false) }).strict(),
    z.object({ food: Food, pastEntries: z.number(), updatedPast: z.number() }),
  ),
  /** Custom foods and recipes only; past entries keep their values. */
  'foods.delete': method(z.object({ id: FoodId }).strict(), z.object({ id: FoodId })),
  /**
   * A food table sent in parts (the app's window): begin names the file and its size (refused over
   * 64 MB), each chunk carries at most 1 MiB in order, then previewCsv/import take the uploadId.
   * The import deletes the upload whatever its outcome; discard drops one the user gave up on.
   */
  'foods.upload.begin': method(
    UploadBegin.strict(),
    z.object({ uploadId: UploadId, chunkBytes: z.number(), chunks: z.number() }),
  ),
  'foods.upload.chunk': method(
    UploadChunk.strict(),
    z.object({ received: z.number(), size: z.number(), complete: z.boolean() }),
  ),
  'foods.upload.discard': method(z.object({ uploadId: UploadId }).strict(), z.object({ uploadId: UploadId })),
  'foods.previewCsv': method(FoodFileUpload.extend({ encoding: TextEncodingChoice }).strict(), CsvPreview),
  'foods.import': method(
    FoodFileUpload.extend({
      encoding: TextEncodingChoice,
      format: z.enum(['fdc', 'csv']),
      datasetName: z.string().trim().min(1, { message: 'Name the dataset (e.g. "CIQUAL 2020").' }).max(120),
      citation: z.string().trim().max(500).nullable().default(null),
      mapping: CsvMapping.nullable().default(null),
    }).strict(),
    ImportReport,
  ),
  'foods.datasets': method(Empty, z.array(FoodDataset)),
} as const;
