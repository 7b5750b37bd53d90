import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

export function settingsHandlers({ services }: HandlerContext) {
  return {
    'settings.get': () => services().settings.get(),
    'settings.update': (patch) => services().settings.update(patch),
  } satisfies HandlersFor<'settings'>;
}
