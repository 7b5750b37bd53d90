import { createAudit, type Audit } from '../audit/audit.ts';
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
}

/** Builds the services over an open database. */
export function createServices(opened: OpenedDatabase, host: string, clock: Clock): Services {
  const { db } = opened;
  const settings = createSettingsService(db, clock.now);
  const audit = createAudit(db, {
    actor: () => settings.get().practitionerName || 'practitioner',
    host,
    now: clock.now,
  });
  const clients = createClientsService(db, audit, clock.now);
  const targets = createTargetsService(db, clients, audit, clock.now);
  return { audit, clients, targets, settings };
}

export interface HandlerDeps {
  session: Session;
  clock: Clock;
  version: string;
}

/**
 * Method → service call. Services are built once per unlocked database and dropped on lock, so a
 * locked app answers every data method with the `locked` error from session.database().
 */
export function createHandlers({ session, clock, version }: HandlerDeps): Handlers {
  let cache: { opened: OpenedDatabase; services: Services } | null = null;
  const services = (): Services => {
    const opened = session.database();
    if (cache?.opened !== opened) cache = { opened, services: createServices(opened, session.status().host, clock) };
    return cache.services;
  };

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

    'settings.get': () => services().settings.get(),
    'settings.update': (patch) => services().settings.update(patch),
  };
}
