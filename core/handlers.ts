import { createAudit, type Audit } from './audit/audit.ts';
import { AppError } from './contract/errors.ts';
import { exportClient } from './export/client-export.ts';
import { createDashboardService, type DashboardService } from './features/dashboard.ts';
import { createForecastService, defaultForecastModelDir } from './forecast/forecast.ts';
import { ensureAllergenFlags } from './foods/allergen-flags.ts';
import { allergyCheck, deriveAllergens } from './foods/allergens.ts';
import { ensureBundledFoods } from './foods/bundled.ts';
import { createFoodsService, type FoodsService } from './foods/foods-service.ts';
import { createFoodImporter, type FoodUploadInput } from './foods/import/import-service.ts';
import type { UploadStore } from './foods/import/upload-store.ts';
import { parseLogCsv } from './log/log-csv.ts';
import { createLogService, type LogService } from './log/log-service.ts';
import type { EventListener } from './app.ts';
import { exportDataset } from './photos/dataset-export.ts';
import { createPhotosService, type PhotosService } from './photos/photos-service.ts';
import type { VisionRuntime } from './photos/vision-runtime.ts';
import type { Logger } from './logging/log.ts';
import type { RuleEvaluator } from './rules/evaluator.ts';
import { createRecommendationsService, type RecommendationsService } from './rules/recommendations-service.ts';
import { createRulesService, type RulesService } from './rules/rules-service.ts';
import path from 'node:path';
import type { PdfRenderer } from './reports/pdf.ts';
import { createReportsService, type ReportsService } from './reports/reports-service.ts';
import { createClientsService, type ClientsService } from './clients/clients.ts';
import type { OpenedDatabase } from './db/open.ts';
import type { Session } from './session/session.ts';
import type { DamageService } from './session/damage-service.ts';
import type { BackupService } from './backup/backup-service.ts';
import { createSettingsService, type SettingsService } from './settings/settings.ts';
import { createTargetsService, type TargetsService } from './targets/targets-service.ts';
import type { Clock } from './util/clock.ts';
import { createSyncService, type SyncService, type SyncServiceDeps } from './sync/sync-service.ts';
import type { Handlers } from './host/dispatch.ts';
import { storageError } from './db/storage-errors.ts';

export type SyncTuning = Partial<
  Pick<SyncServiceDeps, 'fetch' | 'sleep' | 'timeoutMs' | 'maxAttempts' | 'scrypt' | 'pullPageSize'>
>;

export interface Services {
  /** Loads the bundled foods if an earlier try could not write them (full disk, read-only folder). */
  ensureFoods(): void;
  audit: Audit;
  clients: ClientsService;
  targets: TargetsService;
  settings: SettingsService;
  foods: FoodsService;
  log: LogService;
  dashboard: DashboardService;
  importer: ReturnType<typeof createFoodImporter>;
  photos: PhotosService;
  rules: RulesService;
  recommendations: RecommendationsService;
  reports: ReportsService;
  sync: SyncService;
}

export interface ServiceOptions {
  host: string;
  clock: Clock;
  emit: EventListener;
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

/**
 * Records an export in the audit log. When the store cannot take the write (a full disk, a read-only
 * folder) the export still goes out, since reading must keep working, and the log says it was not
 * recorded.
 */
function recordExport(s: Services, options: { log: Logger; dataDir: string }, ...args: Parameters<Audit['record']>) {
  try {
    s.audit.record(...args);
  } catch (err) {
    const known = storageError(err, options.dataDir);
    if (!known) throw err;
    options.log.warn('export not recorded in the audit log', { code: known.code, action: args[2] });
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
  const clients = createClientsService(db, sqlite, audit, clock.now);
  const targets = createTargetsService(db, clients, audit, clock.now);
  const foods = createFoodsService(db, sqlite, { audit, now: clock.now });
  const log = createLogService(db, { foods, clients, audit, now: clock.now });
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
  const photos = createPhotosService(db, { vision: options.vision, log, foods, clients, audit, now: clock.now });
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
  });
  const reports = createReportsService({
    clients,
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
    // Pulled changes are new data for the rules, like a local log change.
    onPulled: (clientIds) => {
      for (const id of clientIds) recommendations.evaluateDebounced(id);
    },
    ...options.sync,
  });
  let foodsTriedAt = clock.now();
  return {
    ensureFoods: () => {
      // Retried at most once a minute while the disk stays full (each try reads the whole table).
      if (foodsReady.done || clock.now() - foodsTriedAt < FOODS_RETRY_MS) return;
      foodsTriedAt = clock.now();
      foodsReady.done = loadBundledFoods(opened, options).done;
    },
    audit,
    clients,
    targets,
    settings,
    foods,
    log,
    dashboard,
    importer,
    photos,
    rules,
    recommendations,
    reports,
    sync,
  };
}

export interface HandlerDeps {
  session: Session;
  backups: BackupService;
  damage: DamageService;
  clock: Clock;
  version: string;
  emit: EventListener;
  vision: VisionRuntime;
  ruleWorker: RuleEvaluator;
  log: Logger;
  pdf: () => PdfRenderer;
  foodsFile?: string | undefined;
  rulesDir?: string | undefined;
  sync?: SyncTuning | undefined;
  /** Food tables the window uploads in parts (dropped with the services, on lock). */
  uploads: UploadStore;
}

/**
 * Method → service call. Services are built once per unlocked database and dropped on lock, so a
 * locked app answers every data method with the `locked` error from session.database().
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { session, clock, version, emit, vision, ruleWorker, log, pdf, foodsFile, rulesDir, sync, uploads } = deps;
  let cache: { opened: OpenedDatabase; services: Services } | null = null;
  const drop = (): void => {
    // Stop the rules folder watcher and pending evaluations of the services being dropped.
    cache?.services.rules.close();
    cache?.services.recommendations.dispose();
    cache?.services.sync.dispose();
    uploads.discardAll();
    cache = null;
  };
  const services = (): Services => {
    const opened = session.database();
    if (cache?.opened !== opened) {
      drop();
      const { host, dataDir } = session.status();
      cache = {
        opened,
        services: createServices(opened, {
          host,
          clock,
          emit,
          vision,
          ruleWorker,
          log,
          dataDir,
          pdf,
          foodsFile,
          rulesDir,
          sync,
        }),
      };
    }
    cache.services.ensureFoods();
    return cache.services;
  };
  /**
   * Re-evaluates a client's rules (debounced) after a change to their data, and passes the result on.
   * Listing recommendations evaluates first anyway; this keeps the stored rows (and what sync sends
   * to the practice's other computers) current when nobody is looking.
   */
  const changed = <T>(clientId: string, result: T): T => {
    services().recommendations.evaluateDebounced(clientId);
    return result;
  };
  const bytes = (dataBase64: string): Uint8Array => Buffer.from(dataBase64, 'base64');
  /** A path on this machine is read only for the CLI: the app's window and the browser host upload bytes. */
  const localFileOnlyForCli = <T extends { filePath?: string | undefined; fileName: string }>(input: T): T => {
    if (input.filePath !== undefined && session.status().host !== 'cli')
      throw new AppError(
        'invalid-input',
        `${input.fileName}: upload the file's contents; a file path is not accepted here.`,
      );
    return input;
  };
  /** The upload named by uploadId as an open file for the importer (other inputs pass through). */
  const fromUpload = <T extends FoodUploadInput & { uploadId?: string | undefined }>(input: T): T => {
    const { uploadId, ...rest } = localFileOnlyForCli(input);
    if (uploadId === undefined) return input;
    if (rest.dataBase64 !== undefined || rest.filePath !== undefined)
      throw new AppError(
        'invalid-input',
        `Give ${input.fileName} either as data or as a file path (or as an upload), exactly one of them.`,
      );
    return { ...rest, uploaded: uploads.completed(uploadId, input.fileName) } as T;
  };

  return {
    'app.info': () => ({ name: 'BioAI Nutrition', version, host: session.status().host }),

    'session.status': () => session.status(),
    'session.setup': ({ passphrase }) => session.setup(passphrase),
    'session.unlock': ({ passphrase }) => session.unlockAsync(passphrase),
    'session.lock': () => {
      drop();
      return session.lock();
    },
    'session.changePassphrase': ({ current, next }) => session.changePassphrase(current, next),
    'session.recover': ({ recoveryCode, next }) => session.recover(recoveryCode, next),
    'session.newRecoveryCode': ({ passphrase }) => session.newRecoveryCode(passphrase),

    'backup.create': () => deps.backups.create('manual'),
    'backup.list': () => deps.backups.state(),
    'backup.restore': ({ fileName, passphrase }) => deps.backups.restore(fileName, passphrase),
    'backup.configure': (config) => deps.backups.configure(config),

    'damage.status': () => deps.damage.state(),
    'damage.salvage': (secret) => {
      drop();
      return deps.damage.salvage(secret);
    },
    'damage.resolve': (input) => {
      drop();
      return deps.damage.resolve(input);
    },

    'clients.list': (input) => services().clients.list(input, clock.today()),
    'clients.get': ({ id }) => services().clients.get(id),
    'clients.create': ({ confirm, ...input }) => services().clients.create(input, confirm),
    // A profile change (weight, diet, life stage, eating-disorder-sensitive care…) changes rule inputs.
    'clients.update': ({ id, patch, confirm }) => changed(id, services().clients.update(id, patch, confirm)),
    'clients.setArchived': ({ id, archived }) => services().clients.setArchived(id, archived),
    'clients.delete': ({ id }) => services().clients.remove(id),

    'targets.get': ({ clientId, asOf }) => services().targets.get(clientId, asOf ?? clock.today()),
    'targets.set': ({ clientId, overrides, equation, effectiveFrom, note }) =>
      changed(
        clientId,
        services().targets.set({ clientId, overrides, equation, effectiveFrom: effectiveFrom ?? clock.today(), note }),
      ),
    'targets.history': ({ clientId }) => services().targets.history(clientId),

    'audit.list': ({ entityId, limit }) => services().audit.list(entityId, limit),

    'foods.search': ({ query, clientId, limit }) => services().foods.search(query, clientId, limit),
    'foods.get': ({ id }) => services().foods.get(id),
    'foods.deriveAllergens': ({ name, foodGroup }) => ({ allergens: deriveAllergens({ name, foodGroup }) }),
    'foods.allergyCheck': ({ clientId, foodIds }) => {
      const s = services();
      return allergyCheck(
        s.clients.get(clientId),
        foodIds.map((id) => ({ id, ...s.foods.allergensOf(id) })),
      );
    },
    'foods.usage': ({ id }) => services().foods.usage(id),
    'foods.createCustom': (input) => services().foods.createCustom(input),
    'foods.updateCustom': ({ id, food, applyToPast }) => services().foods.updateCustom(id, food, applyToPast),
    'foods.createRecipe': (input) => services().foods.createRecipe(input),
    'foods.updateRecipe': ({ id, recipe, applyToPast }) => services().foods.updateRecipe(id, recipe, applyToPast),
    'foods.delete': ({ id }) => services().foods.remove(id),
    'foods.upload.begin': (input) => {
      services(); // only while unlocked: the file goes into the data folder
      return uploads.begin(input);
    },
    'foods.upload.chunk': (input) => {
      services();
      return uploads.chunk(input);
    },
    'foods.upload.discard': ({ uploadId }) => {
      uploads.discard(uploadId);
      return { uploadId };
    },
    'foods.previewCsv': (upload) => services().importer.preview(fromUpload(upload)),
    // The upload is deleted once the import ends, committed or not (a retry uploads the file again).
    'foods.import': (input) => {
      try {
        return services().importer.import(fromUpload(input));
      } finally {
        if (input.uploadId !== undefined) uploads.discard(input.uploadId);
      }
    },
    'foods.datasets': () => services().foods.datasets(),

    'log.list': ({ clientId, from, to }) => services().log.list(clientId, from, to),
    'log.add': (input) => changed(input.clientId, services().log.add(input)),
    'log.update': ({ id, entry }) => changed(entry.clientId, services().log.update(id, entry)),
    'log.delete': ({ id }) => {
      const s = services();
      const result = s.log.remove(id);
      s.recommendations.evaluateDebounced(s.log.clientOf(id));
      return result;
    },
    'log.restore': ({ id }) => {
      const entry = services().log.restore(id);
      return changed(entry.clientId, entry);
    },
    'log.copyDay': ({ clientId, from, to, kinds, allergyConfirmation }) =>
      changed(clientId, services().log.copyDay(clientId, from, to, kinds, allergyConfirmation)),
    'log.importCsv': ({ clientId, fileName, dataBase64, allergyConfirmation, encoding, confirmDates }) => {
      const s = services();
      s.clients.get(clientId);
      const parsed = parseLogCsv(bytes(dataBase64), clientId, (name) => s.foods.idByName(name), {
        fileName,
        encoding,
      });
      const fileErrors = parsed.errors.map((e) => ({ row: e.row, message: e.message }));
      const result = fileErrors.length
        ? { imported: 0, errors: fileErrors, allergyConflicts: 0 }
        : s.log.importEntries(parsed.entries, allergyConfirmation, confirmDates);
      void fileName;
      if (result.errors.length === 0) s.recommendations.evaluateDebounced(clientId);
      return {
        committed: result.errors.length === 0,
        rowsRead: parsed.rowsRead,
        entriesImported: result.imported,
        errors: result.errors.slice(0, 200),
        errorCount: result.errors.length,
        allergyConflicts: result.allergyConflicts,
      };
    },
    'log.activities': () => [...services().log.activities()],

    'dashboard.day': ({ clientId, date }) => services().dashboard.day(clientId, date),
    'dashboard.trends': ({ clientId, from, to }) => services().dashboard.trends(clientId, from, to),

    'export.client': ({ clientId }) => {
      const s = services();
      s.clients.get(clientId);
      const { fileName, data } = exportClient(session.database(), clientId, clock.now());
      recordExport(s, { log, dataDir: session.status().dataDir }, 'client', clientId, 'export');
      return { fileName, dataBase64: Buffer.from(data).toString('base64'), bytes: data.byteLength };
    },

    'photos.analyze': ({ clientId, fileName, dataBase64 }) =>
      services().photos.analyze(clientId, fileName, bytes(dataBase64)),
    'photos.get': ({ photoId }) => services().photos.get(photoId),
    'photos.image': ({ photoId, variant }) => services().photos.image(photoId, variant),
    'photos.list': ({ clientId, status }) => services().photos.list(clientId, status),
    'photos.save': (input) => {
      const s = services();
      const result = s.photos.save(input);
      s.recommendations.evaluateDebounced(s.photos.get(input.photoId).clientId);
      return result;
    },
    'photos.discard': ({ photoId }) => services().photos.discard(photoId),
    'photos.exportDataset': ({ format }) => {
      const s = services();
      const zip = exportDataset(s.photos.reviewed(), format, clock.now());
      s.audit.record('photo', 'dataset', 'export', [format]);
      return {
        fileName: zip.fileName,
        dataBase64: Buffer.from(zip.data).toString('base64'),
        images: zip.images,
        annotations: zip.annotations,
      };
    },
    'vision.status': () => {
      services();
      return vision.status();
    },
    'vision.installModel': ({ dataBase64, name, classes, foodMap, defaultGrams }) => {
      const s = services();
      const foodNames: Record<string, string> = {};
      for (const id of Object.values(foodMap)) foodNames[id] = s.foods.get(id).name;
      return vision.install({ name, modelBytes: bytes(dataBase64), classes, foodMap, defaultGrams, foodNames });
    },
    'vision.setActiveModel': ({ id }) => {
      services();
      return vision.setActive(id);
    },

    'rules.list': () => services().rules.list(),
    'rules.get': ({ id }) => services().rules.get(id),
    'rules.setEnabled': ({ id, enabled }) => services().rules.setEnabled(id, enabled),
    'rules.validate': ({ fileName, source }) => services().rules.validate(fileName, source),
    'rules.saveUserRule': ({ fileName, source }) => services().rules.saveUserRule(fileName, source),
    'rules.deleteUserRule': ({ fileName }) => services().rules.deleteUserRule(fileName),
    'rules.dryRun': (input) => services().rules.dryRun(input),
    'recommendations.list': ({ clientId, includeClosed }) => services().recommendations.list(clientId, includeClosed),
    'recommendations.evaluate': ({ clientId }) => services().recommendations.evaluate(clientId),
    'recommendations.accept': ({ id }) => services().recommendations.accept(id),
    'recommendations.dismiss': ({ id, reason }) => services().recommendations.dismiss(id, reason),

    'reports.preview': (req) => services().reports.preview(req),
    'reports.export': async (req) => {
      const s = services();
      const file = await s.reports.export(req);
      recordExport(s, { log, dataDir: session.status().dataDir }, 'client', req.clientId, 'report-export', [
        req.from,
        req.to,
      ]);
      return file;
    },

    'sync.status': () => services().sync.status(),
    'sync.createPractice': (input) => services().sync.createPractice(input),
    'sync.signIn': (input) => services().sync.signIn(input),
    'sync.signOut': (input) => services().sync.signOut(input),
    'sync.configure': (input) => services().sync.configure(input),
    'sync.now': () => services().sync.run(),

    'settings.get': () => services().settings.get(),
    'settings.update': (patch) => services().settings.update(patch),
  };
}
