import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

/** A client's measurements over time. */
export function measuresHandlers({ services }: HandlerContext) {
  return {
    'measures.kinds': () => services().measures.kinds(),
    'measures.list': ({ clientId, kind }) => services().measures.list(clientId, kind),
    'measures.add': (input) => services().measures.add(input),
    'measures.update': ({ id, measurement }) => services().measures.update(id, measurement),
    'measures.delete': ({ id }) => services().measures.remove(id),
  } satisfies HandlersFor<'measures'>;
}
