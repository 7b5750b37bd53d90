import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

/** The app, the session (setup, unlock, lock, passphrase, recovery) and a damaged database. */
export function sessionHandlers(ctx: HandlerContext) {
  const { session, damage, drop } = ctx;
  return {
    'app.info': () => ({ name: 'BioAI Nutrition', version: ctx.version, host: session.status().host }),

    'session.status': () => session.status(),
    'session.setup': ({ passphrase }) => session.setup(passphrase),
    'session.unlock': ({ passphrase }) => session.unlockAsync(passphrase),
    'session.lock': () => {
      drop();
      return session.lock();
    },
    'session.changePassphrase': ({ current, next }) => session.changePassphrase(current, next),
    'session.recover': ({ recoveryCode, next }) => session.recover(recoveryCode, next),
    'session.newRecoveryCode': ({ passphrase }) => session.newRecoveryCode(passphrase),

    'damage.status': () => damage.state(),
    'damage.salvage': (secret) => {
      drop();
      return damage.salvage(secret);
    },
    'damage.resolve': (input) => {
      drop();
      return damage.resolve(input);
    },
  } satisfies HandlersFor<'app' | 'session' | 'damage'>;
}
