import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

export function syncHandlers({ services }: HandlerContext) {
  return {
    'sync.status': () => services().sync.status(),
    'sync.createPractice': (input) => services().sync.createPractice(input),
    'sync.signIn': (input) => services().sync.signIn(input),
    'sync.signOut': (input) => services().sync.signOut(input),
    'sync.configure': (input) => services().sync.configure(input),
    'sync.now': () => services().sync.run(),
  } satisfies HandlersFor<'sync'>;
}
