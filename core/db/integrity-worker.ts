import { parentPort, workerData } from 'node:worker_threads';
import { isDamageError, openKeyed } from './open.ts';

/**
 * Runs SQLite's quick_check on its own read-only connection, off the main thread, so unlocking does
 * not wait for a check whose cost grows with the database. Posts { result: 'ok' | 'damaged' | 'failed' }.
 */
interface Init {
  file: string;
  key: Uint8Array;
}

const { file, key } = workerData as Init;
let message: { result: 'ok' | 'damaged' | 'failed'; detail: string };
try {
  const sqlite = openKeyed(file, Buffer.from(key), true);
  try {
    const rows = sqlite.pragma('quick_check(20)') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    message =
      problems.length === 0
        ? { result: 'ok', detail: '' }
        : {
            result: 'damaged',
            detail: `the integrity check found ${problems.length === 20 ? '20 or more' : problems.length} problem(s).`,
          };
  } finally {
    sqlite.close();
  }
} catch (err) {
  message = isDamageError(err)
    ? { result: 'damaged', detail: 'the integrity check found pages that do not read back.' }
    : { result: 'failed', detail: err instanceof Error ? err.message.slice(0, 200) : 'error' };
}
parentPort?.postMessage(message);
