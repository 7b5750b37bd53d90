import { recordExport } from '../audit/record-export.ts';
import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

export function reportsHandlers({ services, session, log }: HandlerContext) {
  return {
    'reports.preview': (req) => services().reports.preview(req),
    'reports.export': async (req) => {
      const s = services();
      const file = await s.reports.export(req);
      recordExport(s.audit, { log, dataDir: session.status().dataDir }, 'client', req.clientId, 'report-export', [
        req.from,
        req.to,
      ]);
      return file;
    },
  } satisfies HandlersFor<'reports'>;
}
