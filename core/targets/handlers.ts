import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

export function targetsHandlers({ services, clock }: HandlerContext) {
  return {
    'targets.get': ({ clientId, asOf }) => services().targets.get(clientId, asOf ?? clock.today()),
    'targets.set': ({ clientId, overrides, equation, effectiveFrom, note }) =>
      services().targets.set({ clientId, overrides, equation, effectiveFrom: effectiveFrom ?? clock.today(), note }),
    'targets.history': ({ clientId }) => services().targets.history(clientId),
  } satisfies HandlersFor<'targets'>;
}
