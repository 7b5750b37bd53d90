import path from 'node:path';
import { createAudit, type Audit } from './audit/audit.ts';
import type { BackupService } from './backup/backup-service.ts';
import { createChangeFeed, type ChangeFeed } from './changes.ts';
import { createClientsService, type ClientsService } from './clients/clients.ts';
import type { OpenedDatabase } from './db/open.ts';
import { storageError } from './db/storage-errors.ts';
import { createDashboardService, type DashboardService } from './features/dashboard.ts';
import { createForecastService, defaultForecastModelDir } from './forecast/forecast.ts';
import { ensureAllergenFlags } from './foods/allergen-flags.ts';
import { ensureBundledFoods } from './foods/bundled.ts';
import { createFoodsService, type FoodsService } from './foods/foods-service.ts';
import { createFoodImporter } from './foods/import/import-service.ts';
import { createIntakeService, type IntakeService } from './forms/intake-service.ts';
import type { UploadStore } from './foods/import/upload-store.ts';
import { createLogService, type LogService } from './log/log-service.ts';
import { createFavouritesService, type FavouritesService } from './log/favourites.ts';
import { createDiaryImport, type DiaryImport } from './log/diary-import/diary-import.ts';
import type { Logger } from './logging/log.ts';
import { createMeasuresService, type MeasuresService } from './measures/measures-service.ts';
import { createPhotosService, type PhotosService } from './photos/photos-service.ts';
import type { PlanGenerator } from './plans/plan-generator.ts';
import { createPlansService, type PlansService } from './plans/plans-service.ts';
import type { VisionRuntime } from './photos/vision-runtime.ts';
import type { PdfRenderer } from './reports/pdf.ts';
import { createReportsService, type ReportsService } from './reports/reports-service.ts';
import type { RuleEvaluator } from './rules/evaluator.ts';
import { createRecommendationsService, type RecommendationsService } from './rules/recommendations-service.ts';
import { createRulesService, type RulesService } from './rules/rules-service.ts';
import type { DamageService } from './session/damage-service.ts';
import type { Session } from './session/session.ts';
import { createSettingsService, type SettingsService } from './settings/settings.ts';
import { createSyncService, type SyncService, type SyncServiceDeps } from './sync/sync-service.ts';
import { createTargetsService, type TargetsService } from './targets/targets-service.ts';
import type { Clock } from './util/clock.ts';
import { createVisitsService, type VisitsService } from './visits/visits-service.ts';
import type { EventMap, EventName } from './contract/index.ts';

/** Sends a progress or state event to the UI. */
export type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export type SyncTuning = Partial<
  Pick<SyncServiceDeps, 'fetch' | 'sleep' | 'timeoutMs' | 'maxAttempts' | 'scrypt' | 'pullPageSize'>
>;

export interface Services {
  /** Loads the bundled foods if an earlier try could not write them (full disk, read-only folder). */
  ensureFoods(): void;
  /** "A client's data changed": said by the services that write it, heard by recommendations. */
  changes: ChangeFeed;
  audit: Audit;
  clients: ClientsService;
  targets: TargetsService;
  settings: SettingsService;
  foods: FoodsService;
  log: LogService;
  /** A client's favourite foods and meal templates. */
  favourites: FavouritesService;
  /** Diaries from other apps (Cronometer, MyFitnessPal, OpenNutriTracker) into the log. */
  diaryImport: DiaryImport;
  dashboard: DashboardService;
  importer: ReturnType<typeof createFoodImporter>;
  photos: PhotosService;
  rules: RulesService;
  recommendations: RecommendationsService;
  reports: ReportsService;
  sync: SyncService;
  plans: PlansService;
  /** Intake questionnaires: the fillable PDF, and the review and apply of a returned one. */
  intake: IntakeService;
  /** A client's measurements over time (weight, waist, blood pressure, lab values). */
  measures: MeasuresService;
  /** A client's visits: notes, goals agreed, next follow-up. */
  visits: VisitsService;
  /** The meal-plan generator, or null while this build has none (its methods answer 'unavailable'). */
  planGenerator: PlanGenerator | null;
}

export interface ServiceOptions {
  host: string;
  clock: Clock;
  emit: Emit;
  vision: VisionRuntime;
  ruleWorker: RuleEvaluator;
  log: Logger;
  dataDir: string;
  /** The process's PDF printer (Chromium, or Electron's printToPDF), started on first use. */
  pdf: () => PdfRenderer;
  /** The bundled food table (Electron passes its resources path). */
  foodsFile?: string | undefined;
  /** The built-in rule pack (Electron passes its resources path). */
  rulesDir?: string | undefined;
  sync?: SyncTuning | undefined;
  /** The meal-plan generator (absent: the plan methods that need it answer 'unavailable'). */
  planGenerator?: PlanGenerator | undefined;
}

const FOODS_RETRY_MS = 60_000;

/**
 * Loads (or refreshes) the bundled foods and their allergen flags. A store that cannot take the
 * writes (a full disk, a read-only folder, another writer holding the lock) must not stop the app
 * from reading what is already there: the load is then skipped, logged, and tried again later.
 */
function loadBundledFoods(opened: OpenedDatabase, options: ServiceOptions): { done: boolean } {
  try {
    const bundled = ensureBundledFoods(opened, options.clock.now(), options.foodsFile);
    // Flags derived with an older keyword table (or none yet) are refilled once per table version.
    ensureAllergenFlags(opened.sqlite, options.clock.now(), { bundledJustDerived: bundled.loaded });
    return { done: true };
  } catch (err) {
    const known = storageError(err, options.dataDir);
    if (!known) throw err;
    options.log.warn('bundled foods not loaded; reading goes on without them', { code: known.code });
    return { done: false };
  }
}

/** Builds the services over an open database, loading the bundled foods on first use. */
export function createServices(opened: OpenedDatabase, options: ServiceOptions): Services {
  const { db, sqlite } = opened;
  const { clock, host, emit } = options;
  const foodsReady = loadBundledFoods(opened, options);
  const settings = createSettingsService(db, clock.now);
  const audit = createAudit(db, {
    actor: () => settings.get().practitionerName || 'practitioner',
    host,
    now: clock.now,
  });
  const changes = createChangeFeed(options.log);
  const changed = changes.clientDataChanged;
  const clients = createClientsService(db, sqlite, audit, clock.now, changed);
  const targets = createTargetsService(db, clients, audit, clock.now, changed);
  const foods = createFoodsService(db, sqlite, { audit, now: clock.now });
  const log = createLogService(db, { foods, clients, audit, now: clock.now, changed });
  const favourites = createFavouritesService(db, { foods, clients, audit, now: clock.now, changed });
  const diaryImport = createDiaryImport(db, { foods, clients, audit, now: clock.now, changed });
  // Electron passes the rules folder inside resources (packaged) or the app (dev); the models folder is
  // its sibling there, as electron-builder.yml copies both. Elsewhere the repository's models/ is used.
  const forecast = createForecastService({
    modelDir: options.rulesDir
      ? path.join(path.dirname(options.rulesDir), 'models', 'intake-forecast')
      : defaultForecastModelDir(),
    log: options.log,
  });
  const dashboard = createDashboardService(sqlite, targets, { forecast, clients });
  const importer = createFoodImporter(opened, { now: clock.now, onProgress: (p) => emit('import.progress', p) });
  const photos = createPhotosService(db, {
    vision: options.vision,
    log,
    foods,
    clients,
    audit,
    now: clock.now,
    changed,
  });
  const rules = createRulesService({
    sqlite,
    db,
    builtinDir: options.rulesDir,
    userDir: path.join(options.dataDir, 'rules'),
    clients,
    targets,
    ruleWorker: options.ruleWorker,
    audit,
    log: options.log,
    now: clock.now,
    today: clock.today,
    // One-shot CLI commands need no watcher; the app and the browser host reload on change.
    watch: host !== 'cli',
    forecast,
  });
  const recommendations = createRecommendationsService({
    sqlite,
    db,
    rules,
    targets,
    clients,
    audit,
    now: clock.now,
    today: clock.today,
    log: options.log,
    forecast,
    changes,
  });
  const measures = createMeasuresService(db, { sqlite, clients, audit, now: clock.now, today: clock.today, changed });
  const reports = createReportsService({
    clients,
    measures,
    targets,
    dashboard,
    log,
    photos,
    recommendations,
    settings,
    pdf: options.pdf,
    now: clock.now,
    today: clock.today,
  });
  const sync = createSyncService({
    sqlite,
    now: clock.now,
    emit,
    log: options.log,
    // Pulled changes are changes to those clients' data like any local one.
    onPulled: (clientIds) => {
      for (const id of clientIds) changed(id, 'sync');
    },
    ...options.sync,
  });
  const plans = createPlansService(db, { clients, targets, foods, audit, now: clock.now, changed });
  const intake = createIntakeService({ db, clients, settings, now: clock.now, today: clock.today });
  const visits = createVisitsService(db, {
    clients,
    audit,
    now: clock.now,
    today: clock.today,
    sqlite,
    measures,
    dashboard,
    recommendations,
    settings,
    printer: () => reports.printer(),
  });
  let foodsTriedAt = clock.now();
  return {
    ensureFoods: () => {
      // Retried at most once a minute while the disk stays full (each try reads the whole table).
      if (foodsReady.done || clock.now() - foodsTriedAt < FOODS_RETRY_MS) return;
      foodsTriedAt = clock.now();
      foodsReady.done = loadBundledFoods(opened, options).done;
    },
    changes,
    audit,
    clients,
    targets,
    settings,
    foods,
    log,
    favourites,
    diaryImport,
    dashboard,
    importer,
    photos,
    rules,
    recommendations,
    reports,
    sync,
    plans,
    intake,
    measures,
    visits,
    planGenerator: options.planGenerator ?? null,
  };
}

/** What the services need from the process around them (the same for every unlock). */
export interface ScopeDeps extends Omit<ServiceOptions, 'host' | 'dataDir'> {
  session: Session;
  /** Food tables the window uploads in parts (dropped with the services). */
  uploads: UploadStore;
}

export interface ServiceScope {
  /** The services over the unlocked database; the `locked` error from the session otherwise. */
  services(): Services;
  /** Drops the services (a lock, a salvage, a restore): their watchers, timers and uploads stop. */
  drop(): void;
}

/**
 * Services are built once per unlocked database and dropped on lock, so a locked app answers every
 * data method with the `locked` error from session.database().
 */
export function createServiceScope(deps: ScopeDeps): ServiceScope {
  const { session, uploads, ...options } = deps;
  let cache: { opened: OpenedDatabase; services: Services } | null = null;
  const drop = (): void => {
    cache?.services.rules.close();
    cache?.services.recommendations.dispose();
    cache?.services.sync.dispose();
    uploads.discardAll();
    cache = null;
  };
  return {
    drop,
    services() {
      const opened = session.database();
      if (cache?.opened !== opened) {
        drop();
        const { host, dataDir } = session.status();
        cache = { opened, services: createServices(opened, { ...options, host, dataDir }) };
      }
      cache.services.ensureFoods();
      return cache.services;
    },
  };
}

/** What every domain's handler map is given. */
export interface HandlerContext {
  services: () => Services;
  drop: () => void;
  session: Session;
  backups: BackupService;
  damage: DamageService;
  clock: Clock;
  version: string;
  log: Logger;
  vision: VisionRuntime;
  uploads: UploadStore;
  /** Pushes progress events to the window (long work reports as it goes). */
  emit: Emit;
}
