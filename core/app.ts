import { createDispatcher, type Dispatch } from './host/dispatch.ts';
import type { EventMap, EventName } from './contract/index.ts';
import { createServiceScope, type HandlerContext, type SyncTuning } from './services.ts';
import type { Handlers } from './host/dispatch.ts';
import { backupHandlers } from './backup/handlers.ts';
import { clientsHandlers } from './clients/handlers.ts';
import { formsHandlers } from './forms/handlers.ts';
import { exportHandlers } from './export/handlers.ts';
import { foodsHandlers } from './foods/handlers.ts';
import { barcodesHandlers } from './barcodes/handlers.ts';
import { logHandlers } from './log/handlers.ts';
import { measuresHandlers } from './measures/handlers.ts';
import { labelsHandlers } from './labels/handlers.ts';
import { closeLabelReader } from './labels/ocr.ts';
import { photosHandlers } from './photos/handlers.ts';
import { reportsHandlers } from './reports/handlers.ts';
import { rulesHandlers } from './rules/handlers.ts';
import { sessionHandlers } from './session/handlers.ts';
import { plansHandlers } from './plans/handlers.ts';
import { settingsHandlers } from './settings/handlers.ts';
import { syncHandlers } from './sync/handlers.ts';
import { targetsHandlers } from './targets/handlers.ts';
import { visitsHandlers } from './visits/handlers.ts';
import { storageError } from './db/storage-errors.ts';
import type { Logger } from './logging/log.ts';
import { createSession, type HostKind, type KeyVault, type Session } from './session/session.ts';
import type { ScryptParams } from './keys/keyring.ts';
import { systemClock, type Clock } from './util/clock.ts';
import { APP_VERSION } from './version.ts';
import { createVisionRuntime } from './photos/vision-runtime.ts';
import { createRuleEvaluator } from './rules/evaluator.ts';
import type { PdfRenderer } from './reports/pdf.ts';
import { createChromiumPdfRenderer } from './reports/pdf-chromium.ts';
import path from 'node:path';
import { createBackupService, type BackupService, type Every } from './backup/backup-service.ts';
import { damagedError, isDamageError } from './db/open.ts';
import { createDamageService } from './session/damage-service.ts';
import { createUploadStore } from './foods/import/upload-store.ts';
import { closePlanGenerator, configurePlanGenerator } from './plans/generator/index.ts';
import { createPlanGenerator } from './plans/generator/plan-generator.ts';

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export interface CoreOptions {
  dataDir: string;
  host: HostKind;
  log: Logger;
  vault?: KeyVault;
  migrationsDir?: string;
  clock?: Clock;
  scrypt?: ScryptParams;
  /** Sync transport knobs (tests shorten the backoff and the practice-key scrypt cost). */
  sync?: SyncTuning;
  /** The bundled food table; defaults to resources/foods in the repository. */
  foodsFile?: string;
  /** The bundled meal detector folder; defaults to models/meal-detector in the repository. */
  modelDir?: string;
  /** The detector worker entry (Electron bundles it as out/main/detector-worker.js). */
  detectorWorker?: string;
  /** The built-in rule pack folder; defaults to rules/ in the repository. */
  rulesDir?: string;
  /** The rule worker entry (Electron bundles it as out/main/rule-worker.js). */
  ruleWorker?: string;
  /** The meal-plan generator's worker entry (Electron bundles it as out/main/plan-worker.js). */
  planWorker?: string;
  /** The curated plan food pool; defaults to resources/plans/pool.json in the repository. */
  planPool?: string;
  /** Prints reports; Electron passes its printToPDF renderer, other hosts use system Chromium. */
  pdfRenderer?: PdfRenderer;
  /** The backup scheduler's timer (tests pass a fake one). */
  backupTimer?: Every;
  /**
   * The background integrity check after unlock: the bundled worker entry (Electron:
   * out/main/integrity-worker.js), or false to skip it (short CLI commands).
   */
  integrityCheck?: { workerPath?: string } | false;
  /** Check every answer against the contract (default: on when BIOAI_CHECK_OUTPUTS=1, as in the tests). */
  checkOutputs?: boolean;
}

export interface Core {
  dispatch: Dispatch;
  session: Session;
  backups: BackupService;
  /** Subscribe to progress and state events; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  close(): void;
}

/** Every domain's handler map in one: a method missing from all of them fails the type check. */
function composeHandlers(ctx: HandlerContext): Handlers {
  return {
    ...sessionHandlers(ctx),
    ...backupHandlers(ctx),
    ...clientsHandlers(ctx),
    ...targetsHandlers(ctx),
    ...foodsHandlers(ctx),
    ...barcodesHandlers(ctx),
    ...logHandlers(ctx),
    ...exportHandlers(ctx),
    ...photosHandlers(ctx),
    ...labelsHandlers(ctx),
    ...rulesHandlers(ctx),
    ...reportsHandlers(ctx),
    ...syncHandlers(ctx),
    ...settingsHandlers(ctx),
    ...plansHandlers(ctx),
    ...formsHandlers(ctx),
    ...measuresHandlers(ctx),
    ...visitsHandlers(ctx),
  };
}

/** The composition root shared by every host (Electron main, browser host, CLI). */
export function createCore(options: CoreOptions): Core {
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  if (options.planWorker || options.planPool) {
    configurePlanGenerator({
      ...(options.planWorker ? { workerPath: options.planWorker } : {}),
      ...(options.planPool ? { poolFile: options.planPool } : {}),
    });
  }
  const session = createSession({
    dataDir: options.dataDir,
    host: options.host,
    log: options.log,
    ...(options.vault ? { vault: options.vault } : {}),
    ...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}),
    ...(options.scrypt ? { scrypt: options.scrypt } : {}),
    ...(options.integrityCheck !== undefined ? { integrityCheck: options.integrityCheck } : {}),
    onChange: (status) => {
      emit('session.changed', status);
      backups.onSession(status);
    },
  });
  const clock = options.clock ?? systemClock;
  // The session reports changes only once it is used, after this is built.
  const backups = createBackupService({
    dataDir: options.dataDir,
    session,
    clock,
    log: options.log,
    migrationsDir: options.migrationsDir,
    // A one-shot CLI command backs up after it wrote (core/cli/main.ts); `serve` runs the timer.
    timer: options.host !== 'cli',
    ...(options.backupTimer ? { every: options.backupTimer } : {}),
  });
  const damage = createDamageService({
    dataDir: options.dataDir,
    session,
    backups,
    clock,
    log: options.log,
    migrationsDir: options.migrationsDir,
    onProgress: (p) => emit('salvage.progress', p),
  });
  const vision = createVisionRuntime({
    customDir: path.join(options.dataDir, 'models'),
    log: options.log,
    ...(options.modelDir ? { builtInDir: options.modelDir } : {}),
    ...(options.detectorWorker ? { workerPath: options.detectorWorker } : {}),
  });
  const ruleWorker = createRuleEvaluator({
    log: options.log,
    ...(options.ruleWorker ? { workerPath: options.ruleWorker } : {}),
  });
  let pdf: PdfRenderer | null = options.pdfRenderer ?? null;
  const printer = (): PdfRenderer => (pdf ??= createChromiumPdfRenderer());
  // Parts of food tables the window uploads; a crash may have left some in the data folder.
  const uploads = createUploadStore({ dataDir: () => options.dataDir, now: clock.now });
  uploads.removeLeftovers();
  const scope = createServiceScope({
    session,
    uploads,
    clock,
    emit,
    vision,
    ruleWorker,
    log: options.log,
    pdf: printer,
    foodsFile: options.foodsFile,
    rulesDir: options.rulesDir,
    sync: options.sync,
    planGenerator: createPlanGenerator(options.planPool ? { poolFile: options.planPool } : {}),
  });
  const handlers = composeHandlers({
    services: scope.services,
    drop: scope.drop,
    session,
    backups,
    damage,
    clock,
    version: APP_VERSION,
    log: options.log,
    vision,
    uploads,
    emit,
  });
  return {
    // A page that fails to read while in use marks the data damaged (kept until resolved).
    // A full disk, a read-only folder or another writer holding the lock read as their own errors.
    dispatch: createDispatcher(
      handlers,
      options.log,
      (err) => {
        if (!isDamageError(err)) return storageError(err, options.dataDir);
        options.log.error('a database page did not read back');
        session.markDamaged('use', 'a part of it did not read back while in use.');
        return damagedError('a part of it did not read back while in use.');
      },
      options.checkOutputs ?? process.env.BIOAI_CHECK_OUTPUTS === '1',
    ),
    session,
    backups,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      void vision.close();
      void closeLabelReader();
      void ruleWorker.close();
      void pdf?.close?.();
      void closePlanGenerator();
      backups.stop();
      uploads.discardAll();
      session.close();
    },
  };
}
