import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

export function backupHandlers({ backups }: HandlerContext) {
  return {
    'backup.create': () => backups.create('manual'),
    'backup.list': () => backups.state(),
    'backup.restore': ({ fileName, passphrase }) => backups.restore(fileName, passphrase),
    'backup.configure': (config) => backups.configure(config),
  } satisfies HandlersFor<'backup'>;
}
