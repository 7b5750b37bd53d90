import { z } from 'zod';
import {
  Allergen,
  AuditEntry,
  Client,
  CLIENT_SORTS,
  ClientFields,
  ClientPatch,
  ClientSummary,
  EnergyEquation,
  Id,
  IsoDate,
  Passphrase,
  SessionStatus,
  Settings,
  TargetHistoryEntry,
  TargetOverrides,
  TargetsView,
} from './schemas.ts';
import { EVENT_NAMES as EVENT_NAME_LIST, METHOD_NAMES as METHOD_NAME_LIST } from './names.ts';
import {
  CsvMapping,
  CsvPreview,
  CustomFoodInput,
  FileUpload,
  FoodFileUpload,
  TextEncodingChoice,
  UploadBegin,
  UploadChunk,
  UploadId,
  Food,
  FoodDataset,
  FoodHit,
  FoodId,
  FoodUsage,
  ImportReport,
  RecipeInput,
} from './schemas-foods.ts';
import {
  Activity,
  AllergyCheck,
  AllergyConfirmation,
  DayView,
  EntryInput,
  LogEntry,
  LogImportReport,
  SaveResult,
  TrendsView,
} from './schemas-log.ts';
import {
  DryRunResult,
  EvaluateResult,
  Recommendation,
  RuleDetail,
  RuleErrorView,
  RuleSourceInput,
  RulesState,
} from './schemas-rules.ts';
import { InstallModelInput, PhotoAnalysis, PhotoSummary, SavePhotoInput, VisionStatus } from './schemas-photos.ts';
import { ReportFile, ReportPreview, ReportRequest } from './schemas-reports.ts';
import {
  BackupConfig,
  BackupInfo,
  BackupRestoreInput,
  BackupRestoreResult,
  BackupState,
  RecoverInput,
  StatusWithRecoveryCode,
} from './schemas-backup.ts';
import { DamageSecret, DamageState, ResolveDamageInput, ResolveDamageResult, SalvageReport } from './schemas-damage.ts';
import {
  SyncConfigureInput,
  SyncCreatePracticeInput,
  SyncResult,
  SyncSignInInput,
  SyncStatus,
} from './schemas-sync.ts';

/**
 * The one contract between the UI and the core. Every method is declared once here with a zod
 * input and output schema; the Electron IPC binding, the preload, the browser-host HTTP transport,
 * the renderer client and the CLI are all derived from this object. Adding a method means adding
 * an entry here and a handler in handlers.ts; the type checker finds every other place.
 */
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

const Empty = z.object({}).strict().default({});

export const contract = {
  'app.info': method(
    Empty,
    z.object({ name: z.string(), version: z.string(), host: z.enum(['electron', 'browser', 'cli']) }),
  ),

  'session.status': method(Empty, SessionStatus),
  /** The answer carries the recovery code: shown once, never stored. */
  'session.setup': method(z.object({ passphrase: Passphrase }).strict(), StatusWithRecoveryCode),
  'session.unlock': method(
    z.object({ passphrase: z.string().min(1, { message: 'Enter your passphrase.' }).max(1024) }).strict(),
    SessionStatus,
  ),
  'session.lock': method(Empty, SessionStatus),
  'session.changePassphrase': method(
    z
      .object({ current: z.string().min(1, { message: 'Enter your current passphrase.' }).max(1024), next: Passphrase })
      .strict(),
    SessionStatus,
  ),

  /** Opens the data with the recovery code and sets a new passphrase; a new recovery code replaces the old. */
  'session.recover': method(RecoverInput.strict(), StatusWithRecoveryCode),
  /** Replaces the recovery code (the old one stops working). */
  'session.newRecoveryCode': method(
    z.object({ passphrase: z.string().min(1, { message: 'Enter your passphrase.' }).max(1024) }).strict(),
    z.object({ recoveryCode: z.string() }),
  ),

  /** An encrypted backup of the whole data folder into its backups/ folder. */
  'backup.create': method(Empty, BackupInfo),
  /** The backups (newest first) with the schedule. */
  'backup.list': method(Empty, BackupState),
  /** Checks the backup opens with the passphrase and is intact, keeps the current data as a backup, then swaps. */
  'backup.restore': method(BackupRestoreInput.strict(), BackupRestoreResult),
  'backup.configure': method(BackupConfig.strict(), BackupState),

  /** A damaged database: what was found, the salvage waiting to be used, the backups that can replace it. */
  'damage.status': method(Empty, DamageState),
  /** Copies every readable row into a new database (the damaged file is only read); per-table report. */
  'damage.salvage': method(DamageSecret, SalvageReport),
  /** The practitioner's choice: the salvage, a backup, a backup plus newer salvaged rows, or empty. */
  'damage.resolve': method(ResolveDamageInput, ResolveDamageResult),

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

  'targets.get': method(z.object({ clientId: Id, asOf: IsoDate.optional() }).strict(), TargetsView),
  'targets.set': method(
    z
      .object({
        clientId: Id,
        /** Replaces the overrides; an omitted key goes back to the computed value. */
        overrides: TargetOverrides,
        equation: EnergyEquation.optional(),
        effectiveFrom: IsoDate.optional(),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
    TargetsView,
  ),
  'targets.history': method(z.object({ clientId: Id }).strict(), z.array(TargetHistoryEntry)),

  'audit.list': method(
    z.object({ entityId: Id.optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.array(AuditEntry),
  ),

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
        kinds: z
          .array(z.enum(['diet', 'activity', 'sleep']))
          .min(1)
          .default(['diet']),
        /** For foods the client is allergic to that carry no confirmation of their own. */
        allergyConfirmation: AllergyConfirmation.nullable().optional(),
      })
      .strict(),
    z.object({ copied: z.number() }),
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
  'log.activities': method(Empty, z.array(Activity)),

  'dashboard.day': method(z.object({ clientId: Id, date: IsoDate }).strict(), DayView),
  'dashboard.trends': method(z.object({ clientId: Id, from: IsoDate, to: IsoDate }).strict(), TrendsView),

  /** The client's whole record as a zip of CSV and JSON files (data portability). */
  'export.client': method(
    z.object({ clientId: Id }).strict(),
    z.object({ fileName: z.string(), dataBase64: z.string(), bytes: z.number() }),
  ),

  /** Analyses one meal photo on this machine and keeps it (encrypted) for review. */
  'photos.analyze': method(FileUpload.extend({ clientId: Id }).strict(), PhotoAnalysis),
  'photos.get': method(z.object({ photoId: Id }).strict(), PhotoAnalysis),
  'photos.image': method(
    z.object({ photoId: Id, variant: z.enum(['full', 'thumb']).default('full') }).strict(),
    z.object({ mime: z.string(), dataBase64: z.string() }),
  ),
  'photos.list': method(
    z.object({ clientId: Id, status: z.enum(['pending', 'saved', 'discarded']).optional() }).strict(),
    z.array(PhotoSummary),
  ),
  /** Saves the reviewed items as diet entries linked to the photo. */
  'photos.save': method(
    SavePhotoInput.strict(),
    z.object({ photoId: Id, entryIds: z.array(Id), warnings: z.array(z.string()) }),
  ),
  'photos.discard': method(z.object({ photoId: Id }).strict(), z.object({ photoId: Id })),
  /** Reviewed photos with their boxes and final labels, as a COCO or YOLO dataset zip. */
  'photos.exportDataset': method(
    z.object({ format: z.enum(['coco', 'yolo']) }).strict(),
    z.object({ fileName: z.string(), dataBase64: z.string(), images: z.number(), annotations: z.number() }),
  ),
  'vision.status': method(Empty, VisionStatus),
  'vision.installModel': method(InstallModelInput.strict(), VisionStatus),
  'vision.setActiveModel': method(z.object({ id: z.string().min(1).max(80) }).strict(), VisionStatus),

  'rules.list': method(Empty, RulesState),
  'rules.get': method(z.object({ id: z.string().min(1).max(100) }).strict(), RuleDetail),
  'rules.setEnabled': method(z.object({ id: z.string().min(1).max(100), enabled: z.boolean() }).strict(), RulesState),
  /** Checks a rule file's text without saving it (live validation while editing). */
  'rules.validate': method(
    RuleSourceInput.strict(),
    z.object({ errors: z.array(RuleErrorView), ruleIds: z.array(z.string()) }),
  ),
  /** Saves a user rule file into the practitioner's rules folder (refused while it has errors). */
  'rules.saveUserRule': method(RuleSourceInput.strict(), RulesState),
  'rules.deleteUserRule': method(z.object({ fileName: RuleSourceInput.shape.fileName }).strict(), RulesState),
  /** Evaluates one rule (saved, or the text being edited) against a client without storing anything. */
  'rules.dryRun': method(
    z
      .object({
        clientId: Id,
        ruleId: z.string().min(1).max(100).optional(),
        source: z.string().max(100_000).optional(),
      })
      .strict()
      .refine((i) => (i.ruleId === undefined) !== (i.source === undefined), {
        message: 'Give a rule id or rule text.',
      }),
    DryRunResult,
  ),
  'recommendations.list': method(
    z.object({ clientId: Id, includeClosed: z.boolean().default(false) }).strict(),
    z.array(Recommendation),
  ),
  /**
   * Evaluates the rules for a client now and says what changed. Listing also evaluates first, so an
   * open recommendation always carries the current numbers; this is "Check now".
   */
  'recommendations.evaluate': method(z.object({ clientId: Id }).strict(), EvaluateResult),
  'recommendations.accept': method(z.object({ id: Id }).strict(), Recommendation),
  'recommendations.dismiss': method(
    z
      .object({ id: Id, reason: z.string().trim().min(1, { message: 'Say why (it helps tune the rules).' }).max(500) })
      .strict(),
    Recommendation,
  ),

  /** The report as self-contained HTML (no network), for the preview. */
  'reports.preview': method(ReportRequest, ReportPreview),
  /** The report as a PDF, rendered by Chromium on this machine. */
  'reports.export': method(ReportRequest, ReportFile),

  /** Sync with the practice's server: where it stands, the last result, pending changes. */
  'sync.status': method(Empty, SyncStatus),
  /** Registers a new practice on the server, makes its practice key, and signs this computer in. */
  'sync.createPractice': method(SyncCreatePracticeInput, SyncStatus),
  /** Signs this computer in to an existing practice; the practice passphrase unlocks the practice key. */
  'sync.signIn': method(SyncSignInInput, SyncStatus),
  /** Forgets the server tokens and the practice key here; local data stays. */
  'sync.signOut': method(z.object({ discardUnsent: z.boolean().default(false) }).strict(), SyncStatus),
  'sync.configure': method(SyncConfigureInput, SyncStatus),
  /** Pushes local changes, then pulls and merges; progress as 'sync.progress' events. */
  'sync.now': method(Empty, SyncResult),

  'settings.get': method(Empty, Settings),
  'settings.update': method(Settings.partial().strict(), Settings),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES: readonly MethodName[] = METHOD_NAME_LIST;

// Compile-time proof that names.ts lists exactly the contract's methods and events.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodNamesMatch: SameSet<(typeof METHOD_NAME_LIST)[number], MethodName> = true;
void methodNamesMatch;

/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives after parsing (defaults filled in). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export type RpcResult<T> =
  { ok: true; data: T } | { ok: false; code: string; message: string; fields?: Record<string, string> };

/** Progress events pushed from the core to the UI. Later features add their payloads here. */
export const events = {
  'import.progress': z.object({ jobId: z.string(), done: z.number(), total: z.number(), message: z.string() }),
  'sync.progress': z.object({
    phase: z.enum(['push', 'pull', 'done']),
    done: z.number(),
    total: z.number(),
    message: z.string(),
  }),
  'session.changed': SessionStatus,
  'salvage.progress': z.object({ table: z.string(), done: z.number(), total: z.number() }),
} as const;
export type EventMap = { [K in keyof typeof events]: z.infer<(typeof events)[K]> };
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;
const eventNamesMatch: SameSet<(typeof EVENT_NAME_LIST)[number], EventName> = true;
void eventNamesMatch;
