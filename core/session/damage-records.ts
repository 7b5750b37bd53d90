import { AppError } from '../contract/errors.ts';
import { damagedError } from '../db/open.ts';
import { keyMatchesFile } from '../db/cipher-pages.ts';
import { readDamageMarker, writeDamageMarker, type DamageMarker } from '../db/damage-marker.ts';
import type { Logger } from '../logging/log.ts';
import type { KeyVault } from './session-types.ts';

export interface DamageRecordsOptions {
  dataDir: string;
  dbPath: string;
  log: Logger;
  now: () => number;
  vault: KeyVault | undefined;
  /** Tells the session's listeners the status changed (a damage record changes it). */
  changed: () => void;
}

/**
 * How a session records that its database was seen damaged (a marker in the data folder, kept across
 * launches until the damage is resolved) and tells a damaged database from key files of other data.
 */
export function createDamageRecords({ dataDir, dbPath, log, now, vault, changed }: DamageRecordsOptions) {
  const markDamaged = (source: DamageMarker['source'], detail: string): void => {
    try {
      writeDamageMarker(dataDir, { detectedAt: now(), source, detail: detail.slice(0, 500) });
    } catch (err) {
      log.error('could not record the damage marker', { code: (err as NodeJS.ErrnoException).code ?? 'error' });
    }
    changed();
  };

  /** Throws the damaged error when the folder is marked damaged (after the secret was checked). */
  const refuseIfDamaged = (): void => {
    const marker = readDamageMarker(dataDir);
    if (marker) throw damagedError(marker.detail);
  };

  /**
   * After keys that were unwrapped with the right secret (authenticated wraps) all got NOTADB from
   * the database: if one of them authenticates the file's other pages, page 1 is damaged; otherwise
   * the key files belong to other data. Returns the error to throw (and records the damage).
   */
  const judgeNotADatabase = (tried: Buffer[], wrongKeyError: AppError): AppError => {
    const extra = vault?.backend() ? vault.load() : null;
    const all = extra ? [...tried, extra] : tried;
    if (all.some((k) => keyMatchesFile(dbPath, k) === 'match')) {
      const detail = 'its first page (the table of contents) does not read back, although the key is right.';
      markDamaged('open', detail);
      return damagedError(detail);
    }
    return wrongKeyError;
  };

  /** An open that failed with database-damaged is recorded, so it persists until resolved. */
  const recordIfDamaged = (err: unknown): void => {
    if (err instanceof AppError && err.code === 'database-damaged')
      markDamaged('open', 'a part of it does not read back.');
  };

  return { markDamaged, refuseIfDamaged, judgeNotADatabase, recordIfDamaged };
}
