import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

/** The rule pack and user rules, and the recommendations they produce. */
export function rulesHandlers({ services }: HandlerContext) {
  return {
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
  } satisfies HandlersFor<'rules' | 'recommendations'>;
}
