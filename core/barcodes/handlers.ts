import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext, Services } from '../services.ts';
import { createBarcodeService, type BarcodeService } from './barcodes-service.ts';
import { OFF_BASE_URL } from './off.ts';

/**
 * Where Open Food Facts is asked. Tests and the e2e suite point it at a local fake through
 * BIOAI_OPEN_FOOD_FACTS_URL; only an http://127.0.0.1 or http://localhost address is taken from it, so
 * the variable cannot send a barcode anywhere else.
 */
function offBaseUrl(): string {
  const fromEnv = process.env['BIOAI_OPEN_FOOD_FACTS_URL'];
  if (fromEnv && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(fromEnv)) return fromEnv;
  return OFF_BASE_URL;
}

/** Barcodes: read from a photo, looked up among stored foods and (when on in Settings) Open Food Facts. */
export function barcodesHandlers({ services, session, clock }: HandlerContext) {
  // One service per unlocked database (a lock and unlock gives new services).
  const byServices = new WeakMap<Services, BarcodeService>();
  const service = (): BarcodeService => {
    const s = services();
    let b = byServices.get(s);
    if (!b) {
      b = createBarcodeService({
        sqlite: session.database().sqlite,
        foods: s.foods,
        settings: s.settings,
        now: clock.now,
        off: { baseUrl: offBaseUrl() },
      });
      byServices.set(s, b);
    }
    return b;
  };
  return {
    'barcodes.scan': ({ dataBase64 }) => {
      const buf = Buffer.from(dataBase64, 'base64');
      return service().scan(new Uint8Array(buf.buffer, buf.byteOffset, buf.length));
    },
    'barcodes.lookup': ({ code }) => service().lookup(code),
    'barcodes.saveOnline': ({ code }) => service().saveOnline(code),
  } satisfies HandlersFor<'barcodes'>;
}
