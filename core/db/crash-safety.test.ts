import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-utils/temp-dir.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { DATABASE_FILE, openDatabase } from './open.ts';
import { insertClientRow } from '../test-utils/clients.ts';
import { mulberry32 } from '../util/prng.ts';

/**
 * Crash safety of the encrypted database: a child process (core/test-utils/crash-writer.ts) opens it
 * through the app's own openDatabase and commits events in a loop, printing each committed batch; it is
 * killed with SIGKILL at a seeded random moment, 20 times in a row on the same file (some kills land
 * while it is still opening). Afterwards the database must open, pass integrity_check, hold every
 * acknowledged event, and hold no half of a transaction.
 *
 * Why acknowledged writes survive: the app opens the database with journal_mode=WAL and
 * synchronous=NORMAL (core/db/open.ts; the child reports both and the test checks them). A COMMIT in WAL
 * mode returns after the transaction's frames and its commit frame are written to the -wal file with
 * write(2), i.e. they are in the operating system's page cache. SIGKILL ends the process, not the OS: the
 * page cache still reaches the disk, and the next open replays the WAL up to the last commit frame
 * (frames after it, from a transaction cut short, are ignored). So nothing committed is lost and nothing
 * uncommitted appears.
 *
 * Power loss or an OS crash is different: with synchronous=NORMAL the WAL is fsynced only at checkpoints,
 * so the transactions committed since the last checkpoint may be rolled back. The database stays
 * consistent (never corrupt) but the most recent commits can be lost; synchronous=FULL would fsync the WAL
 * on every commit at a cost in write speed. This test cannot simulate power loss (it would need a
 * block-device fault injector); it checks the process-crash case, which is the one a desktop app meets
 * most (force quit, OOM kill, a crash in a native module).
 */

const SEED = Number(process.env['CRASH_SEED'] ?? 20261125);
const RUNS = 20;
const CHILD = fileURLToPath(new URL('../test-utils/crash-writer.ts', import.meta.url));

interface RunResult {
  acked: string[];
  ready: string | null;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Starts the writer and SIGKILLs it `delayMs` after it is ready (or after it starts, if `early`). */
function runWriter(env: Record<string, string>, delayMs: number, early: boolean): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: RunResult = { acked: [], ready: null, signal: null, code: null, stderr: '' };
    let pending = '';
    const kill = (): void => {
      child.kill('SIGKILL');
    };
    const guard = setTimeout(kill, 20_000);
    if (early) setTimeout(kill, delayMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.startsWith('ack ')) result.acked.push(...line.slice(4).split(','));
        else if (line.startsWith('ready ')) {
          result.ready = line.slice(6);
          if (!early) setTimeout(kill, delayMs);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      result.stderr += chunk;
    });
    child.on('error', reject);
    // 'close' (not 'exit'): every line the child wrote has been read by then.
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      result.code = code;
      result.signal = signal;
      resolve(result);
    });
  });
}

describe('crash safety', () => {
  it(
    `keeps every acknowledged write through ${RUNS} SIGKILLs, with integrity_check ok`,
    { timeout: 120_000 },
    async () => {
      const rng = mulberry32(SEED);
      const dir = tempDir();
      const file = path.join(dir, DATABASE_FILE);
      const key = randomBytes(32);

      // A client for the events' foreign key, written through the same open path.
      const clientId = uuidv7();
      {
        const { sqlite, db } = openDatabase({ file, key, create: true });
        insertClientRow(db, clientId, 'Crash Test', Date.now());
        sqlite.close();
      }

      const acked = new Set<string>();
      const perRun: { delay: number; early: boolean; acks: number }[] = [];
      for (let run = 0; run < RUNS; run++) {
        // Mostly mid-write (0–300 ms after ready); about one run in six is killed while still opening.
        const early = rng() < 0.17;
        const delay = Math.floor(early ? 50 + rng() * 400 : rng() * 300);
        const r = await runWriter(
          { CRASH_DB: file, CRASH_KEY: key.toString('hex'), CRASH_CLIENT: clientId, CRASH_RUN: String(run) },
          delay,
          early,
        );
        expect(r.signal, `run ${run} ended by itself (code ${r.code}): ${r.stderr.slice(-2000)}`).toBe('SIGKILL');
        if (r.ready !== null) expect(r.ready, 'the app opens with WAL and synchronous=NORMAL').toBe('wal 1');
        for (const id of r.acked) acked.add(id);
        perRun.push({ delay, early, acks: r.acked.length });
      }

      // The kills must have landed while writing, or the test would prove nothing.
      expect(perRun.filter((r) => r.acks > 0).length).toBeGreaterThanOrEqual(RUNS / 2);
      expect(acked.size).toBeGreaterThan(100);

      // Reopen through the app's path; integrity_check then reads every page (a damaged one fails it).
      const { sqlite } = openDatabase({ file, key });
      try {
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(sqlite.pragma('foreign_key_check')).toEqual([]);
        const present = new Set(
          (sqlite.prepare('SELECT id FROM events').all() as { id: string }[]).map((row) => row.id),
        );
        const missing = [...acked].filter((id) => !present.has(id));
        expect(missing, `${missing.length} of ${acked.size} acknowledged events are missing`).toEqual([]);
        // At most the batch in flight at each kill may be committed without its ack.
        expect(present.size).toBeGreaterThanOrEqual(acked.size);
        // Atomicity: every transaction is there whole or not at all.
        const partial = sqlite
          .prepare(
            `SELECT json_extract(detail, '$.batch') AS batch, json_extract(detail, '$.size') AS size, count(*) AS n
             FROM events GROUP BY batch HAVING n != size`,
          )
          .all();
        expect(partial).toEqual([]);
        process.stderr.write(
          `crash safety (seed ${SEED}): ${RUNS} kills (${perRun.filter((r) => r.early).length} while opening), ` +
            `${acked.size} acknowledged events, ${present.size} present, integrity ok\n`,
        );
      } finally {
        sqlite.close();
      }
    },
  );
});
