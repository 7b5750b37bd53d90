import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';
import { searchActivities } from './activity-search.ts';
import { importLogCsv } from './log-csv-import.ts';

/** The diary (log) and the views computed from it (dashboard). */
export function logHandlers({ services }: HandlerContext) {
  return {
    'log.list': ({ clientId, from, to }) => services().log.list(clientId, from, to),
    'log.add': (input) => services().log.add(input),
    'log.update': ({ id, entry }) => services().log.update(id, entry),
    'log.delete': ({ id }) => services().log.remove(id),
    'log.restore': ({ id }) => services().log.restore(id),
    'log.copyDay': ({ clientId, from, to, until, kinds, allergyConfirmation }) =>
      services().log.copyDay(clientId, from, to, kinds, allergyConfirmation, until),
    'log.copyMeal': (input) => services().log.copyMeal(input),
    'log.favourites': ({ clientId }) => services().favourites.favourites(clientId),
    'log.setFavourite': ({ clientId, foodId, favourite }) =>
      services().favourites.setFavourite(clientId, foodId, favourite),
    'log.templates': ({ clientId }) => services().favourites.templates(clientId),
    'log.saveTemplate': (input) => services().favourites.saveTemplate(input),
    'log.renameTemplate': ({ id, name }) => services().favourites.renameTemplate(id, name),
    'log.deleteTemplate': ({ id }) => services().favourites.deleteTemplate(id),
    'log.logTemplate': (input) => services().favourites.logTemplate(input),
    'log.importCsv': (input) => importLogCsv(services(), input),
    'log.diaryPreview': ({ dataBase64, ...input }) =>
      services().diaryImport.preview({ ...input, bytes: Buffer.from(dataBase64, 'base64') }),
    'log.diaryImport': ({ dataBase64, ...input }) =>
      services().diaryImport.commit({ ...input, bytes: Buffer.from(dataBase64, 'base64') }),
    'log.activities': ({ query }) =>
      query === undefined ? [...services().log.activities()] : searchActivities(query, services().log.activities()),

    'dashboard.day': ({ clientId, date }) => services().dashboard.day(clientId, date),
    'dashboard.trends': ({ clientId, from, to }) => services().dashboard.trends(clientId, from, to),
  } satisfies HandlersFor<'log' | 'dashboard'>;
}
