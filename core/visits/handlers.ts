import { AppError } from '../contract/errors.ts';
import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

const notYet = (): never => {
  throw new AppError('unavailable', 'This part of visits is not built yet.');
};

/** A client's visits: notes, goals, follow-ups. */
export function visitsHandlers({ services }: HandlerContext) {
  return {
    'visits.list': ({ clientId }) => services().visits.list(clientId),
    'visits.get': ({ id }) => services().visits.get(id),
    'visits.add': (input) => services().visits.add(input),
    'visits.update': ({ id, visit }) => services().visits.update(id, visit),
    'visits.delete': ({ id }) => services().visits.remove(id),
    'visits.goals': ({ clientId }) => services().visits.goals(clientId),
    'visits.snapshot': notYet,
    'visits.overdue': notYet,
    'visits.pdf': notYet,
  } satisfies HandlersFor<'visits'>;
}
