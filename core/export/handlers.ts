import { recordExport } from '../audit/record-export.ts';
import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';
import { exportClient } from './client-export.ts';

export function exportHandlers({ services, session, clock, log }: HandlerContext) {
  return {
    'export.client': ({ clientId }) => {
      const s = services();
      s.clients.get(clientId);
      const { fileName, data } = exportClient(session.database(), clientId, clock.now());
      recordExport(s.audit, { log, dataDir: session.status().dataDir }, 'client', clientId, 'export');
      return { fileName, dataBase64: Buffer.from(data).toString('base64'), bytes: data.byteLength };
    },
  } satisfies HandlersFor<'export'>;
}
