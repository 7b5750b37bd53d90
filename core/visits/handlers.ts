import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

/** A client's visits: notes, goals, follow-ups. */
export function visitsHandlers({ services }: HandlerContext) {
  return {
    'visits.list': ({ clientId }) => services().visits.list(clientId),
    'visits.get': ({ id }) => services().visits.get(id),
    'visits.add': (input) => services().visits.add(input),
    'visits.update': ({ id, visit, expectedUpdatedAt }) => services().visits.update(id, visit, expectedUpdatedAt),
    'visits.delete': ({ id }) => services().visits.remove(id),
    'visits.goals': ({ clientId }) => services().visits.goals(clientId),
    'visits.snapshot': ({ clientId, date, visitId, acceptedRecommendationIds }) =>
      services().visits.snapshot(clientId, date, visitId, acceptedRecommendationIds),
    'visits.overdue': () => services().visits.overdue(),
    'visits.pdf': (req) => services().visits.pdf(req),
  } satisfies HandlersFor<'visits'>;
}
