import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/app.ts';
import { createAudit } from '../core/audit/audit.ts';
import { createClientsService } from '../core/clients/clients.ts';
import { DAILY_TOTALS_COLUMNS, DAILY_TOTALS_SELECT } from '../core/features/daily-totals-sql.ts';
import { silentLogger } from '../core/logging/log.ts';
import { evaluateClient, evaluateClients } from '../core/rules/client-evaluation.ts';
import { createRuleEvaluator } from '../core/rules/evaluator.ts';
import { computeVariables, practiceVariables } from '../core/rules/features.ts';
import { createRecommendationsService } from '../core/rules/recommendations-service.ts';
import { createRulesService } from '../core/rules/rules-service.ts';
import { createTargetsService } from '../core/targets/targets-service.ts';
import { fmtMs, median, report } from './lib.ts';

/**
 * Issue 5 figures: the whole default rule pack for a practice of clients with 30 days of logs each.
 * (1) variables only (the feature SQL); (2) variables + conditions in the worker + guardrails, no
 * writes; (3) recommendations.evaluate as the app runs it (with the deduplicating writes), first
 * on an empty table, then again (everything deduplicated: nothing rewritten); (4) recommendations.list,
 * which evaluates first so that what is read is always the current data. Then the practice-wide path
 * (recommendations.evaluateMany: one worker request, one transaction) on the same data, first on an
 * emptied table and then again, with the per-client runs above as the baseline; it must store exactly
 * the rows the per-client path stored. BENCH_QUICK=1: 50 clients.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? (QUICK ? 50 : 1000));
const REPEATS = QUICK ? 1 : 3;
const DAYS = 30;
const TODAY = '2026-03-31';
const NOW = Date.parse('2026-03-31T18:00:00Z');
const DIETS = ['omnivore', 'omnivore', 'vegetarian', 'vegan', 'pescatarian', 'flexitarian'];

function seed(core: Core): string[] {
  const { sqlite } = core.session.database();
  const ids = Array.from({ length: CLIENTS }, (_, i) => `00000005-0000-7000-8000-${String(i).padStart(12, '0')}`);
  const client = sqlite.prepare(
    `INSERT INTO clients (id, name, sex, birth_date, height_cm, weight_kg, activity_level, diet_pattern, allergies,
       life_stage, life_stage_detail, tags, energy_equation, ed_sensitive, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'low-active', ?, ?, ?, ?, '[]', 'mifflin-st-jeor', ?, 0, 0)`,
  );
  sqlite
    .prepare(
      `INSERT INTO foods (id, source, name, food_group, nutrients, created_at, updated_at) VALUES
       ('bench-apple', 'custom', 'Apple', 'Fruits and Fruit Juices', '{}', 0, 0),
       ('bench-bread', 'custom', 'Bread', 'Baked Products', '{}', 0, 0)`,
    )
    .run();
  const event = sqlite.prepare(
    `INSERT INTO events (id, client_id, kind, occurred_at, local_date, source, food_id, energy_kcal, protein_g, carb_g,
       fat_g, sat_fat_g, sugar_g, fibre_g, sodium_mg, potassium_mg, calcium_mg, iron_mg, vitamin_d_mcg, vitamin_b12_mcg,
       folate_mcg, vitamin_c_mg, magnesium_mg, zinc_mg, duration_min, sleep_hours, sleep_quality, detail, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'import', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Load without the per-row trigger, then build daily_totals in one set-based statement.
  sqlite.exec('DROP TRIGGER events_daily_ai');
  let n = 0;
  sqlite.transaction(() => {
    ids.forEach((id, i) => {
      const female = i % 2 === 0;
      const stage = female && i % 37 === 0 ? 'pregnant' : 'none';
      client.run(
        id,
        `Bench client ${i}`,
        female ? 'female' : 'male',
        `${1950 + (i % 55)}-0${1 + (i % 9)}-15`,
        155 + (i % 35),
        50 + (i % 60),
        DIETS[i % DIETS.length],
        i % 11 === 0 ? '["peanut"]' : '[]',
        stage,
        stage === 'pregnant' ? 2 : null,
        i % 23 === 0 ? 1 : 0,
      );
      const scale = 0.6 + (i % 9) * 0.1; // intakes from 60 % to 140 % of a typical day
      const logged = 3 + (i % 5); // 3 to 7 entries on logged days; some days skipped
      for (let d = 0; d < DAYS; d++) {
        if ((d + i) % 7 === 3 && i % 3 === 0) continue;
        const day = new Date(NOW - d * 86_400_000).toISOString().slice(0, 10);
        const t = Date.parse(`${day}T08:00:00Z`);
        for (let k = 0; k < logged; k++) {
          const f = (scale * (0.8 + ((n * 7919) % 40) / 100)) / logged;
          event.run(
            `b5-${n++}`,
            id,
            'diet',
            t + k * 3_600_000,
            day,
            k === 0 ? 'bench-apple' : 'bench-bread',
            2100 * f,
            80 * f,
            250 * f,
            75 * f,
            24 * f,
            90 * f,
            22 * f,
            2800 * f,
            2900 * f,
            900 * f,
            11 * f,
            6 * f,
            3 * f,
            380 * f,
            70 * f,
            300 * f,
            10 * f,
            null,
            null,
            null,
            JSON.stringify({ grams: 150 * f * logged }),
            t,
            t,
          );
        }
        if (d % 2 === 0)
          event.run(
            `b5-${n++}`,
            id,
            'activity',
            t,
            day,
            null,
            ...Array(17).fill(null),
            20 + (i % 40),
            null,
            null,
            '{}',
            t,
            t,
          );
        event.run(
          `b5-${n++}`,
          id,
          'sleep',
          t,
          day,
          null,
          ...Array(17).fill(null),
          null,
          5.5 + (i % 4),
          1 + (i % 5),
          '{}',
          t,
          t,
        );
      }
    });
    sqlite.exec(
      `INSERT INTO daily_totals (${DAILY_TOTALS_COLUMNS}) SELECT ${DAILY_TOTALS_SELECT} FROM events WHERE deleted_at IS NULL GROUP BY client_id, local_date`,
    );
  })();
  return ids;
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-rules-'));
  const core = createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: { N: 2 ** 12, r: 8, p: 1 } });
  const evaluator = createRuleEvaluator();
  try {
    const setup = await core.dispatch('session.setup', { passphrase: 'benchmark passphrase' });
    if (!setup.ok) throw new Error(setup.message);
    const { sqlite, db } = core.session.database();
    const now = (): number => NOW;
    const audit = createAudit(db, { actor: () => 'bench', host: 'cli', now });
    const clients = createClientsService(db, sqlite, audit, now);
    const targets = createTargetsService(db, clients, audit, now);
    const rules = createRulesService({
      sqlite,
      db,
      clients,
      targets,
      ruleWorker: evaluator,
      log: silentLogger,
      now,
      today: () => TODAY,
      watch: false,
      userDir: path.join(dataDir, 'rules'),
    });
    const recs = createRecommendationsService({
      sqlite,
      db,
      rules,
      targets,
      clients,
      audit,
      now,
      today: () => TODAY,
      log: silentLogger,
    });
    const t0 = performance.now();
    const ids = seed(core);
    const events = (sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    process.stdout.write(
      `\n## Rules: seeding ${CLIENTS.toLocaleString('en')} clients × ${DAYS} days (${events.toLocaleString('en')} events)\n  ${fmtMs(performance.now() - t0)}\n`,
    );
    const pack = rules.enabledRules();
    const perClient = pack.length;
    const all = ids.map((id) => clients.get(id));
    // Warm the worker (start, compile the pack) outside the timings.
    await evaluateClient(evaluator, pack, computeVariables(sqlite, targets, all[0]!, TODAY, NOW));

    let t = performance.now();
    for (const c of all) computeVariables(sqlite, targets, c, TODAY, NOW);
    const variablesMs = performance.now() - t;

    t = performance.now();
    let fired = 0;
    let evaluated = 0;
    for (const c of all) {
      const verdicts = await evaluateClient(evaluator, pack, computeVariables(sqlite, targets, c, TODAY, NOW));
      evaluated += verdicts.filter((v) => v.skippedBecause === null).length;
      fired += verdicts.filter((v) => v.fired === true && v.skippedBecause === null).length;
    }
    const noWritesMs = performance.now() - t;

    t = performance.now();
    let created = 0;
    for (const id of ids) created += (await recs.evaluate(id)).created;
    const writesMs = performance.now() - t;

    t = performance.now();
    for (const id of ids) await recs.evaluate(id);
    const dedupMs = performance.now() - t;

    // What the app does on every read since recommendations follow the data: evaluate, then list.
    t = performance.now();
    for (const id of ids) await recs.list(id, false);
    const listMs = performance.now() - t;

    // The practice-wide path. Same data, same clock; the table is emptied (outside the timings) so
    // that its first run writes everything again, as the per-client first run did.
    const snapshot = (): string =>
      JSON.stringify(
        sqlite
          .prepare(
            `SELECT client_id, rule_id, message, client_message, confidence, suggestions, guardrails, "values", status
             FROM recommendations ORDER BY client_id, rule_id, status`,
          )
          .all(),
      );
    const perClientRows = snapshot();
    sqlite.exec('DELETE FROM recommendations');

    t = performance.now();
    const practiceNoWrites = await evaluateClients(
      evaluator,
      pack,
      practiceVariables(sqlite, targets, all, TODAY, NOW),
    );
    const practiceNoWritesMs = performance.now() - t;
    const practiceFired = practiceNoWrites.flat().filter((v) => v.fired === true && v.skippedBecause === null).length;

    // Per-client and practice-wide runs alternate, REPEATS times each, each first run on an emptied
    // table; medians of wall time, and CPU time of the process (both threads) beside it, since the
    // shared machine's load moves wall times between runs.
    const cpu = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const wall = {
      perFirst: [] as number[],
      perAgain: [] as number[],
      manyFirst: [] as number[],
      manyAgain: [] as number[],
    };
    const cpuMs = {
      perFirst: [] as number[],
      perAgain: [] as number[],
      manyFirst: [] as number[],
      manyAgain: [] as number[],
    };
    const measure = async (key: keyof typeof wall, fn: () => Promise<unknown>): Promise<void> => {
      const c0 = cpu();
      const t0 = performance.now();
      await fn();
      wall[key].push(performance.now() - t0);
      cpuMs[key].push(cpu() - c0);
    };
    const perClientAll = async (): Promise<void> => {
      for (const id of ids) await recs.evaluate(id);
    };
    let manyCreated = 0;
    for (let r = 0; r < REPEATS; r++) {
      sqlite.exec('DELETE FROM recommendations');
      await measure('manyFirst', async () => {
        const many = await recs.evaluateMany(ids);
        manyCreated = [...many.values()].reduce((sum, x) => sum + x.created, 0);
      });
      if (snapshot() !== perClientRows || manyCreated !== created || practiceFired !== fired)
        throw new Error('the practice-wide path stored other recommendations than the per-client path');
      await measure('manyAgain', () => recs.evaluateMany(ids));
      sqlite.exec('DELETE FROM recommendations');
      await measure('perFirst', perClientAll);
      await measure('perAgain', perClientAll);
    }
    const manyMs = median(wall.manyFirst);

    const n = all.length;
    const rate = (count: number, ms: number): string => `${Math.round((count * 1000) / ms).toLocaleString('en')}/s`;
    report(
      `Rules: the default pack (${perClient} rules) for ${n.toLocaleString('en')} clients × ${DAYS} days of logs`,
      [
        { name: 'variables only (feature SQL)', ms: variablesMs },
        { name: 'variables + worker + guardrails, no writes', ms: noWritesMs },
        { name: 'recommendations.evaluate, first run (writes)', ms: writesMs, baseline: noWritesMs },
        { name: 'recommendations.evaluate, again (deduplicated)', ms: dedupMs, baseline: noWritesMs },
        { name: 'recommendations.list (evaluates first, as every read does)', ms: listMs, baseline: noWritesMs },
      ],
    );
    report(
      `Rules: the same pack, practice-wide (recommendations.evaluateMany) against per client (recommendations.evaluate), median of ${REPEATS} alternating runs`,
      [
        { name: 'per-client: variables + worker + guardrails, no writes', ms: noWritesMs },
        {
          name: 'practice-wide: variables + worker + guardrails, no writes',
          ms: practiceNoWritesMs,
          baseline: noWritesMs,
        },
        { name: 'per-client: first run (writes)', ms: median(wall.perFirst) },
        { name: 'practice-wide: first run (writes)', ms: manyMs, baseline: median(wall.perFirst) },
        { name: 'per-client: again (deduplicated)', ms: median(wall.perAgain) },
        { name: 'practice-wide: again (deduplicated)', ms: median(wall.manyAgain), baseline: median(wall.perAgain) },
        { name: 'CPU time, per-client: first run (writes)', ms: median(cpuMs.perFirst) },
        {
          name: 'CPU time, practice-wide: first run (writes)',
          ms: median(cpuMs.manyFirst),
          baseline: median(cpuMs.perFirst),
        },
        { name: 'CPU time, per-client: again', ms: median(cpuMs.perAgain) },
        { name: 'CPU time, practice-wide: again', ms: median(cpuMs.manyAgain), baseline: median(cpuMs.perAgain) },
      ],
    );
    process.stdout.write(
      `  rule worker restarts (runaway or crash; on a loaded machine a starved worker can look like one): ${evaluator.restarts}\n`,
    );
    process.stdout.write(
      `  practice-wide with writes: ${rate(n * perClient, manyMs)} rules, ${rate(n, manyMs)} clients; the same ${manyCreated.toLocaleString('en')} recommendations stored as per client\n`,
    );
    process.stdout.write(
      `  no writes: ${rate(n * perClient, noWritesMs)} rules (${rate(evaluated, noWritesMs)} evaluated after applies_to/guardrails), ${rate(n, noWritesMs)} clients; ${fired.toLocaleString('en')} fired\n` +
        `  with writes: ${rate(n * perClient, writesMs)} rules, ${rate(n, writesMs)} clients; ${created.toLocaleString('en')} recommendations created\n` +
        `  a read (evaluate + list): ${(listMs / n).toFixed(2)} ms per client\n`,
    );
  } finally {
    await evaluator.close();
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node bench/rules.bench.ts` runs it alone; bench/run.ts imports run().
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
