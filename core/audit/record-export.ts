import { storageError } from '../db/storage-errors.ts';
import type { Logger } from '../logging/log.ts';
import type { Audit } from './audit.ts';

/**
 * Records an export in the audit log. When the store cannot take the write (a full disk, a read-only
 * folder) the export still goes out, since reading must keep working, and the log says it was not
 * recorded.
 */
export function recordExport(
  audit: Audit,
  options: { log: Logger; dataDir: string },
  ...args: Parameters<Audit['record']>
): void {
  try {
    audit.record(...args);
  } catch (err) {
    const known = storageError(err, options.dataDir);
    if (!known) throw err;
    options.log.warn('export not recorded in the audit log', { code: known.code, action: args[2] });
  }
}
