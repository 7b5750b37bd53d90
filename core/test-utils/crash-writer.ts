import fs from 'node:fs';
import { events } from '../db/schema.ts';
import { openDatabase } from '../db/open.ts';
import { uuidv7 } from '../util/uuidv7.ts';

/**
 * Child process for core/db/crash-safety.test.ts (run with `node`, type stripping): opens the encrypted
 * database through the app's own openDatabase (SQLCipher key, WAL, synchronous, migrations) and
 * writes diet events in transactions of 1–40 rows until it is killed. After each COMMIT returns it
 * prints `ack <id>,<id>,…` on stdout; nothing is printed for a transaction that has not committed.
 *
 * env: CRASH_DB (file), CRASH_KEY (64 hex digits), CRASH_CLIENT (an existing client id), CRASH_RUN (the
 * run number, which seeds the batch sizes).
 */

const file = process.env['CRASH_DB'];
const key = process.env['CRASH_KEY'];
const clientId = process.env['CRASH_CLIENT'];
const run = Number(process.env['CRASH_RUN'] ?? 0);
if (!file || !key || !clientId) throw new Error('CRASH_DB, CRASH_KEY and CRASH_CLIENT are required');

/** One write(2) per line: an ack is on the pipe whole, or not at all, when SIGKILL lands. */
const say = (line: string): void => {
  fs.writeSync(1, `${line}\n`);
};

let seed = (run * 2654435761) >>> 0 || 1;
const next = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};

const { sqlite, db } = openDatabase({ file, key: Buffer.from(key, 'hex') });
say(
  `ready ${String(sqlite.pragma('journal_mode', { simple: true }))} ${String(sqlite.pragma('synchronous', { simple: true }))}`,
);

const insertBatch = sqlite.transaction((rows: (typeof events.$inferInsert)[]) => {
  for (const row of rows) db.insert(events).values(row).run();
});

for (let batch = 0; ; batch++) {
  const size = 1 + Math.floor(next() * 40);
  const batchId = `${run}-${batch}`;
  const now = Date.now();
  const rows = Array.from({ length: size }, (_, i) => ({
    id: uuidv7(now),
    clientId,
    kind: 'diet' as const,
    occurredAt: now,
    localDate: '2026-03-10',
    source: 'manual' as const,
    energyKcal: 100 + i,
    proteinG: 3.5,
    // The padding makes pages fill, so WAL frames and checkpoints happen under the kill too.
    detail: { batch: batchId, size, note: 'x'.repeat(200 + Math.floor(next() * 800)) },
    foodId: 'usda:09040',
    meal: 'lunch',
    createdAt: now,
    updatedAt: now,
  }));
  insertBatch(rows);
  say(`ack ${rows.map((r) => r.id).join(',')}`);
}
