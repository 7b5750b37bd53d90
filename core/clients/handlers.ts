import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

export function clientsHandlers({ services, clock }: HandlerContext) {
  return {
    'clients.list': (input) => services().clients.list(input, clock.today()),
    'clients.get': ({ id }) => services().clients.get(id),
    'clients.create': ({ confirm, ...input }) => services().clients.create(input, confirm),
    'clients.update': ({ id, patch, confirm }) => services().clients.update(id, patch, confirm),
    'clients.setArchived': ({ id, archived }) => services().clients.setArchived(id, archived),
    'clients.delete': ({ id }) => services().clients.remove(id),

    'audit.list': ({ entityId, limit }) => services().audit.list(entityId, limit),
  } satisfies HandlersFor<'clients' | 'audit'>;
}
