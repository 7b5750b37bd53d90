import { recordExport } from '../audit/record-export.ts';
import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';

const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

export function formsHandlers({ services, session, log }: HandlerContext) {
  return {
    'forms.intake': async ({ clientId }) => {
      const s = services();
      const file = await s.intake.intakeForm(clientId);
      // Issuing a form is an export of the client's name (prefilled): recorded like a report.
      recordExport(s.audit, { log, dataDir: session.status().dataDir }, 'client', clientId, 'intake-form-export');
      return file;
    },
    'forms.reviewIntake': ({ clientId, dataBase64 }) => services().intake.review(clientId, bytes(dataBase64)),
    'forms.applyIntake': ({ clientId, dataBase64, accept, confirm }) =>
      services().intake.apply(clientId, bytes(dataBase64), accept, confirm),
  } satisfies HandlersFor<'forms'>;
}
