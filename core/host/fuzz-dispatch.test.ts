import { CANARY, SEED, fixedCases, int, isContainer, mutate, randomValue } from './fuzz/values.ts';
import { contract } from '../contract/index.ts';
import { mulberry32 } from '../util/prng.ts';
import type { Core } from '../app.ts';
import { examples, type Fixtures } from './fuzz/examples.ts';
import { METHOD_NAMES } from '../contract/names.ts';
import { PASSPHRASE, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedPort, problemsOf, prototypeSnapshot } from './fuzz/checks.ts';

/**
 * Fuzzing the contract boundary: every method in METHOD_NAMES (iterated, so methods added later are
 * covered without editing this file) gets random and malformed inputs through the real dispatcher (the
 * function the Electron IPC handler and the browser host call) of a real unlocked core over a real
 * SQLCipher database. Every answer must be an RpcResult with a known error code and a sentence that
 * carries no zod internals or stack and is not a copy of a huge input; Object.prototype must stay clean; the database
 * must pass integrity_check at the end. The browser host's HTTP endpoint gets malformed bodies.
 *
 * FUZZ_RUNS (default 60) sets the inputs per method; FUZZ_SEED (default 20261125) the PRNG seed. A
 * failure prints the method, the case and the seed, so it can be replayed.
 *
 * Valid inputs are dispatched too (they exercise handlers with odd but legal values), except where the
 * valid path is heavy or leaves the machine: such methods (HEAVY below, and any method this file has no
 * example for, e.g. one added after it) get only inputs the schema refuses. Sync server addresses are
 * pointed at a closed port on 127.0.0.1, so a valid sync call fails fast without touching a network.
 */

/** Inputs per method, at least (each method also gets its fixed cases: ~15 plus 5 per example key). */
const RUNS = Math.max(1, Number(process.env['FUZZ_RUNS'] ?? 60));

/** Methods whose valid execution is heavy (ONNX session, Chromium) or irreversible for this test. */
const HEAVY: ReadonlySet<string> = new Set([
  'photos.analyze',
  'vision.installModel',
  'vision.setActiveModel',
  'reports.export',
  // A valid current passphrase would rekey the database under a random one; only refusals are wanted.
  'session.changePassphrase',
]);

describe('fuzzing every contract method through the dispatcher', () => {
  let core: Core;
  let fixtures: Fixtures;
  const before = prototypeSnapshot();

  beforeAll(async () => {
    core = await unlockedCore();
    const client = await ok<{ id: string }>(core, 'clients.create', {
      name: 'Fuzz Base',
      sex: 'male',
      birthDate: '1980-05-05',
      heightCm: 180,
      weightKg: 80,
      // Peanut butter then conflicts, so the allergy paths (refusal, confirmed save) are fuzzed too.
      allergies: ['Peanut'],
    });
    const hits = await ok<{ id: string }[]>(core, 'foods.search', { query: 'banana', limit: 1 });
    fixtures = {
      clientId: client.id,
      foodId: hits[0]?.id ?? 'usda:09040',
      closedUrl: `http://127.0.0.1:${await closedPort()}`,
    };
  }, 60_000);

  it(
    `answers ${RUNS} random and malformed inputs per method with a clean RpcResult`,
    { timeout: 240_000 },
    async () => {
      const rng = mulberry32(SEED);
      const valid = examples(fixtures);
      const failures: string[] = [];
      const stats = { calls: 0, okTrue: 0, skippedValid: 0, relocks: 0, codes: {} as Record<string, number> };
      const perMethod: Record<string, number> = {};

      for (const method of METHOD_NAMES) {
        const example = valid[method];
        const schema = (contract as Record<string, { input: { safeParse(v: unknown): { success: boolean } } }>)[method];
        // Only refusals for heavy methods and for methods this file has no example for (added later).
        const validAllowed = example !== undefined && !HEAVY.has(method) && schema !== undefined;
        const cases = fixedCases(example);
        while (cases.length < RUNS) {
          const r = rng();
          if (example !== undefined && r < 0.55) {
            let v: unknown = structuredClone(example);
            const n = 1 + int(rng, 3);
            for (let i = 0; i < n; i++) v = mutate(rng, v);
            cases.push([`mutated x${n}`, v]);
          } else cases.push(['random', randomValue(rng)]);
        }
        perMethod[method] = 0;
        for (const [label, raw] of cases) {
          let input = raw;
          let parsesValid: boolean;
          try {
            parsesValid = schema?.input.safeParse(input ?? {}).success ?? false;
          } catch {
            parsesValid = false;
          }
          if (parsesValid && !validAllowed) {
            stats.skippedValid++;
            continue;
          }
          if (parsesValid && isContainer(input) && 'serverUrl' in input) {
            // A sync call that would go out: send it to a port nobody listens on.
            input = { ...input, serverUrl: fixtures.closedUrl };
          }
          let result: unknown;
          try {
            result = await core.dispatch(method, input);
          } catch (err) {
            failures.push(
              `${method} [${label}] threw: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`,
            );
            continue;
          }
          stats.calls++;
          perMethod[method]++;
          const r = result as { ok: boolean; code?: string };
          if (r.ok) stats.okTrue++;
          else if (r.code) stats.codes[r.code] = (stats.codes[r.code] ?? 0) + 1;
          for (const p of problemsOf(result)) failures.push(`${method} [${label}]: ${p}`);
          // 'internal' means a handler crashed on what the schema let through: a bug, not an answer.
          if (r.code === 'internal') failures.push(`${method} [${label}]: internal error`);
          if (prototypeSnapshot() !== before || ({} as Record<string, unknown>)['polluted'] !== undefined) {
            failures.push(`${method} [${label}]: Object.prototype was polluted`);
          }
          // session.lock (valid with {}) and friends: unlock again so the data methods keep running.
          if (core.session.status().state !== 'unlocked') {
            stats.relocks++;
            const unlocked = await core.dispatch('session.unlock', { passphrase: PASSPHRASE });
            if (!unlocked.ok) failures.push(`${method} [${label}]: could not unlock again: ${unlocked.message}`);
          }
        }
      }

      const methodsWithoutCalls = METHOD_NAMES.filter((m) => (perMethod[m] ?? 0) < Math.min(RUNS, 20) / 2);
      process.stderr.write(
        `fuzz (seed ${SEED}, ${RUNS}/method): ${stats.calls} calls over ${METHOD_NAMES.length} methods, ` +
          `${stats.okTrue} ok, ${stats.skippedValid} valid inputs not run (heavy), ${stats.relocks} re-unlocks, ` +
          `codes ${JSON.stringify(stats.codes)}\n`,
      );
      expect(failures.slice(0, 30), `seed ${SEED}: ${failures.length} problems`).toEqual([]);
      expect(methodsWithoutCalls).toEqual([]);
      expect(stats.calls).toBeGreaterThanOrEqual(METHOD_NAMES.length * Math.min(RUNS, 50) * 0.8);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(prototypeSnapshot()).toBe(before);

      // The process is alive and the core still answers; the database is intact.
      expect((await core.dispatch('app.info', {})).ok).toBe(true);
      if (core.session.status().state !== 'unlocked') await ok(core, 'session.unlock', { passphrase: PASSPHRASE });
      expect(core.session.database().sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(core.session.database().sqlite.pragma('foreign_key_check')).toEqual([]);
    },
  );

  it('refuses unknown and odd method names the same way', async () => {
    for (const name of [undefined, null, 42, {}, '', '__proto__', 'constructor', 'toString', 'clients.list ', CANARY]) {
      const result = await core.dispatch(name, {});
      expect(result).toMatchObject({ ok: false, code: 'invalid-input' });
      expect(problemsOf(result)).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------- the browser host
