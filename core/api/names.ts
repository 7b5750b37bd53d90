/**
 * The contract's method and event names as plain data, with no dependencies, so the sandboxed
 * preload can build `window.bioai` from it without bundling zod. contract.ts checks at compile
 * time that this list and the contract's keys are the same set.
 */
export const METHOD_NAMES = [
  'app.info',
  'session.status',
  'session.setup',
  'session.unlock',
  'session.lock',
  'session.changePassphrase',
  'clients.list',
  'clients.get',
  'clients.create',
  'clients.update',
  'clients.setArchived',
  'clients.delete',
  'targets.get',
  'targets.set',
  'targets.history',
  'audit.list',
  'foods.search',
  'foods.get',
  'foods.usage',
  'foods.createCustom',
  'foods.updateCustom',
  'foods.createRecipe',
  'foods.updateRecipe',
  'foods.delete',
  'foods.previewCsv',
  'foods.import',
  'foods.datasets',
  'log.list',
  'log.add',
  'log.update',
  'log.delete',
  'log.restore',
  'log.copyDay',
  'log.importCsv',
  'log.activities',
  'dashboard.day',
  'dashboard.trends',
  'export.client',
  'photos.analyze',
  'photos.get',
  'photos.image',
  'photos.list',
  'photos.save',
  'photos.discard',
  'photos.exportDataset',
  'vision.status',
  'vision.installModel',
  'vision.setActiveModel',
  'settings.get',
  'settings.update',
] as const;

export const EVENT_NAMES = ['photos.progress', 'import.progress', 'sync.progress', 'session.changed'] as const;

/** The single IPC channel for calls, and the one for events. */
export const RPC_CHANNEL = 'bioai:rpc';
export const EVENT_CHANNEL = 'bioai:event';
