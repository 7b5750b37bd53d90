import { createAudit, type Audit } from '../audit/audit.ts';
import { exportClient } from '../export/client-export.ts';
import { createDashboardService, type DashboardService } from '../features/dashboard.ts';
import { ensureBundledFoods } from '../foods/bundled.ts';
import { createFoodsService, type FoodsService } from '../foods/foods-service.ts';
import { createFoodImporter } from '../foods/import/import-service.ts';
import { parseLogCsv } from '../log/log-csv.ts';
import { createLogService, type LogService } from '../log/log-service.ts';
import type { EventListener } from '../app.ts';
import { exportDataset } from '../photos/dataset-export.ts';
import { createPhotosService, type PhotosService } from '../photos/photos-service.ts';
import type { VisionRuntime } from '../photos/vision-runtime.ts';
import { createClientsService, type ClientsService } from '../clients/clients.ts';
import type { OpenedDatabase } from '../db/open.ts';
import type { Session } from '../session/session.ts';
import { createSettingsService, type SettingsService } from '../settings/settings.ts';
import { createTargetsService, type TargetsService } from '../targets/targets-service.ts';
import type { Clock } from '../util/clock.ts';
import type { Handlers } from './dispatch.ts';

export interface Services {
  audit: Audit;
  clients: ClientsService;
  targets: TargetsService;
  settings: SettingsService;
  foods: FoodsService;
  log: LogService;
  dashboard: DashboardService;
  importer: ReturnType<typeof createFoodImporter>;
  photos: PhotosService;
}

export interface ServiceOptions {
  host: string;
  clock: Clock;
  emit: EventListener;
  vision: VisionRuntime;
  /** The bundled food table (Electron passes its resources path). */
  foodsFile?: string | undefined;
}

/** Builds the services over an open database, loading the bundled foods on first use. */
export function createServices(opened: OpenedDatabase, options: ServiceOptions): Services {
  const { db, sqlite } = opened;
  const { clock, host, emit } = options;
  ensureBundledFoods(opened, clock.now(), options.foodsFile);
  const settings = createSettingsService(db, clock.now);
  const audit = createAudit(db, {
    actor: () => settings.get().practitionerName || 'practitioner',
    host,
    now: clock.now,
  });
  const clients = createClientsService(db, audit, clock.now);
  const targets = createTargetsService(db, clients, audit, clock.now);
  const foods = createFoodsService(db, sqlite, { audit, now: clock.now });
  const log = createLogService(db, { foods, clients, audit, now: clock.now });
  const dashboard = createDashboardService(sqlite, targets);
  const importer = createFoodImporter(opened, { now: clock.now, onProgress: (p) => emit('import.progress', p) });
  const photos = createPhotosService(db, { vision: options.vision, log, clients, audit, now: clock.now });
  return { audit, clients, targets, settings, foods, log, dashboard, importer, photos };
}

export interface HandlerDeps {
  session: Session;
  clock: Clock;
  version: string;
  emit: EventListener;
  vision: VisionRuntime;
  foodsFile?: string | undefined;
}

/**
 * Method → service call. Services are built once per unlocked database and dropped on lock, so a
 * locked app answers every data method with the `locked` error from session.database().
 */
export function createHandlers({ session, clock, version, emit, vision, foodsFile }: HandlerDeps): Handlers {
  let cache: { opened: OpenedDatabase; services: Services } | null = null;
  const services = (): Services => {
    const opened = session.database();
    if (cache?.opened !== opened) {
      cache = {
        opened,
        services: createServices(opened, { host: session.status().host, clock, emit, vision, foodsFile }),
      };
    }
    return cache.services;
  };
  const bytes = (dataBase64: string): Uint8Array => Buffer.from(dataBase64, 'base64');

  return {
    'app.info': () => ({ name: 'BioAI Nutrition', version, host: session.status().host }),

    'session.status': () => session.status(),
    'session.setup': ({ passphrase }) => session.setup(passphrase),
    'session.unlock': ({ passphrase }) => session.unlock(passphrase),
    'session.lock': () => {
      cache = null;
      return session.lock();
    },
    'session.changePassphrase': ({ current, next }) => session.changePassphrase(current, next),

    'clients.list': (input) => services().clients.list(input, clock.today()),
    'clients.get': ({ id }) => services().clients.get(id),
    'clients.create': (input) => services().clients.create(input),
    'clients.update': ({ id, patch }) => services().clients.update(id, patch),
    'clients.setArchived': ({ id, archived }) => services().clients.setArchived(id, archived),
    'clients.delete': ({ id }) => services().clients.remove(id),

    'targets.get': ({ clientId, asOf }) => services().targets.get(clientId, asOf ?? clock.today()),
    'targets.set': ({ clientId, overrides, equation, effectiveFrom, note }) =>
      services().targets.set({ clientId, overrides, equation, effectiveFrom: effectiveFrom ?? clock.today(), note }),
    'targets.history': ({ clientId }) => services().targets.history(clientId),

    'audit.list': ({ entityId, limit }) => services().audit.list(entityId, limit),

    'foods.search': ({ query, clientId, limit }) => services().foods.search(query, clientId, limit),
    'foods.get': ({ id }) => services().foods.get(id),
    'foods.usage': ({ id }) => services().foods.usage(id),
    'foods.createCustom': (input) => services().foods.createCustom(input),
    'foods.updateCustom': ({ id, food, applyToPast }) => services().foods.updateCustom(id, food, applyToPast),
    'foods.createRecipe': (input) => services().foods.createRecipe(input),
    'foods.updateRecipe': ({ id, recipe, applyToPast }) => services().foods.updateRecipe(id, recipe, applyToPast),
    'foods.delete': ({ id }) => services().foods.remove(id),
    'foods.previewCsv': (upload) => services().importer.preview(upload),
    'foods.import': (input) => services().importer.import(input),
    'foods.datasets': () => services().foods.datasets(),

    'log.list': ({ clientId, from, to }) => services().log.list(clientId, from, to),
    'log.add': (input) => services().log.add(input),
    'log.update': ({ id, entry }) => services().log.update(id, entry),
    'log.delete': ({ id }) => services().log.remove(id),
    'log.restore': ({ id }) => services().log.restore(id),
    'log.copyDay': ({ clientId, from, to, kinds }) => services().log.copyDay(clientId, from, to, kinds),
    'log.importCsv': ({ clientId, fileName, dataBase64 }) => {
      const s = services();
      s.clients.get(clientId);
      const parsed = parseLogCsv(bytes(dataBase64), clientId, (name) => s.foods.idByName(name));
      const fileErrors = parsed.errors.map((e) => ({ row: e.row, message: e.message }));
      const result = fileErrors.length ? { imported: 0, errors: fileErrors } : s.log.importEntries(parsed.entries);
      void fileName;
      return {
        committed: result.errors.length === 0,
        rowsRead: parsed.rowsRead,
        entriesImported: result.imported,
        errors: result.errors.slice(0, 200),
        errorCount: result.errors.length,
      };
    },
    'log.activities': () => [...services().log.activities()],

    'dashboard.day': ({ clientId, date }) => services().dashboard.day(clientId, date),
    'dashboard.trends': ({ clientId, from, to }) => services().dashboard.trends(clientId, from, to),

    'export.client': ({ clientId }) => {
      const s = services();
      s.clients.get(clientId);
      const { fileName, data } = exportClient(session.database(), clientId, clock.now());
      s.audit.record('client', clientId, 'export');
      return { fileName, dataBase64: Buffer.from(data).toString('base64'), bytes: data.byteLength };
    },

    'photos.analyze': ({ clientId, fileName, dataBase64 }) =>
      services().photos.analyze(clientId, fileName, bytes(dataBase64)),
    'photos.get': ({ photoId }) => services().photos.get(photoId),
    'photos.image': ({ photoId, variant }) => services().photos.image(photoId, variant),
    'photos.list': ({ clientId, status }) => services().photos.list(clientId, status),
    'photos.save': (input) => services().photos.save(input),
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

    'settings.get': () => services().settings.get(),
    'settings.update': (patch) => services().settings.update(patch),
  };
}
