import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Core } from '../app.ts';
import type { Client, ClientFieldsInput } from '../contract/clients.ts';
import { ClientFields } from '../contract/clients.ts';
import { createAudit, type Audit } from '../audit/audit.ts';
import { createClientsService, type ClientsService } from '../clients/clients.ts';
import type { Db, Sqlite } from '../db/open.ts';
import { createTargetsService, type TargetsService } from '../targets/targets-service.ts';
import { silentLogger } from '../logging/log.ts';
import { fixedClock, tempDir, unlockedCore } from '../test-utils/core-harness.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { createRuleEvaluator, type RuleEvaluator } from './evaluator.ts';
import { createRecommendationsService, type RecommendationsService } from './recommendations-service.ts';
import { createRulesService, type RulesService } from './rules-service.ts';
import { createChangeFeed, type ChangeFeed } from '../changes.ts';

/** Test helpers for the rule engine: the services it needs over a test core's database, and raw events. */
export interface RulesKit {
  sqlite: Sqlite;
  db: Db;
  audit: Audit;
  clients: ClientsService;
  targets: TargetsService;
  addClient(fields: ClientFieldsInput): Client;
  addEvent(e: TestEvent): string;
  addFood(id: string, foodGroup: string, name?: string): void;
}

export interface TestEvent {
  clientId: string;
  kind?: 'diet' | 'activity' | 'sleep';
  date: string;
  /** ISO time (UTC) it happened; default noon UTC of `date`. */
  at?: string;
  foodId?: string;
  grams?: number;
  energyKcal?: number;
  proteinG?: number;
  fatG?: number;
  satFatG?: number;
  addedSugarG?: number;
  fibreG?: number;
  sodiumMg?: number;
  ironMg?: number;
  calciumMg?: number;
  /** Kept in detail.nutrients only, as the log keeps nutrients without an events column. */
  caffeineMg?: number;
  alcoholG?: number;
  durationMin?: number;
  sleepHours?: number;
  sleepQuality?: number;
}

export function rulesKit(core: Core, now: () => number): RulesKit {
  const { sqlite, db } = core.session.database();
  const audit = createAudit(db, { actor: () => 'test', host: 'cli', now });
  const clients = createClientsService(db, sqlite, audit, now);
  const targets = createTargetsService(db, clients, audit, now);
  const insert = sqlite.prepare(`
    INSERT INTO events (id, client_id, kind, occurred_at, local_date, source, food_id, energy_kcal, protein_g, fat_g,
      sat_fat_g, added_sugar_g, fibre_g, sodium_mg, iron_mg, calcium_mg, duration_min, sleep_hours, sleep_quality,
      detail, created_at, updated_at)
    VALUES (@id, @clientId, @kind, @at, @date, 'manual', @foodId, @energyKcal, @proteinG, @fatG, @satFatG, @addedSugarG,
      @fibreG, @sodiumMg, @ironMg, @calciumMg, @durationMin, @sleepHours, @sleepQuality, @detail, @at, @at)`);
  return {
    sqlite,
    db,
    audit,
    clients,
    targets,
    addClient: (fields) => clients.create(ClientFields.parse(fields)),
    addEvent(e) {
      const id = uuidv7();
      const at = Date.parse(e.at ?? `${e.date}T12:00:00Z`);
      insert.run({
        id,
        clientId: e.clientId,
        kind: e.kind ?? 'diet',
        at,
        date: e.date,
        foodId: e.foodId ?? null,
        energyKcal: e.energyKcal ?? null,
        proteinG: e.proteinG ?? null,
        fatG: e.fatG ?? null,
        satFatG: e.satFatG ?? null,
        addedSugarG: e.addedSugarG ?? null,
        fibreG: e.fibreG ?? null,
        sodiumMg: e.sodiumMg ?? null,
        ironMg: e.ironMg ?? null,
        calciumMg: e.calciumMg ?? null,
        durationMin: e.durationMin ?? null,
        sleepHours: e.sleepHours ?? null,
        sleepQuality: e.sleepQuality ?? null,
        detail: JSON.stringify({
          ...(e.grams === undefined ? {} : { grams: e.grams }),
          ...(e.caffeineMg === undefined && e.alcoholG === undefined
            ? {}
            : { nutrients: { caffeineMg: e.caffeineMg, alcoholG: e.alcoholG } }),
        }),
      });
      return id;
    },
    addFood(id, foodGroup, name) {
      sqlite
        .prepare(
          `INSERT INTO foods (id, source, name, food_group, nutrients, created_at, updated_at)
           VALUES (?, 'custom', ?, ?, '{}', 0, 0)`,
        )
        .run(id, name ?? `Test food ${id}`, foodGroup);
    },
  };
}

/** Waits until `check` returns true (polling), or fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'the condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export interface EngineKit extends RulesKit {
  clock: ReturnType<typeof fixedClock>;
  evaluator: RuleEvaluator;
  rules: RulesService;
  recs: RecommendationsService;
  /** The feed the recommendations listen to (a service that writes client data says it here). */
  changes: ChangeFeed;
  builtinDir: string;
  userDir: string;
  /** The core itself, for data written through its methods (log.add keeps each entry's nutrients). */
  core: Core;
}

/**
 * A test core with the rule engine over it. `rules` are YAML texts by file name for a private
 * built-in folder; without them the repository's pack (rules/) is used.
 */
export async function engineKit(opts: { rules?: Record<string, string>; watch?: boolean } = {}): Promise<EngineKit> {
  const clock = fixedClock('2026-03-15T10:00:00Z');
  const core = await unlockedCore({ clock });
  const kit = rulesKit(core, clock.now);
  let builtinDir: string | undefined;
  if (opts.rules) {
    builtinDir = tempDir('bioai-rules-');
    for (const [name, text] of Object.entries(opts.rules)) fs.writeFileSync(path.join(builtinDir, name), text);
  }
  const userDir = path.join(tempDir('bioai-data-'), 'rules');
  const evaluator = createRuleEvaluator();
  cleanups.push(() => evaluator.close());
  const rules = createRulesService({
    ...kit,
    builtinDir,
    userDir,
    ruleWorker: evaluator,
    log: silentLogger,
    now: clock.now,
    today: clock.today,
    watch: opts.watch ?? false,
  });
  cleanups.push(() => rules.close());
  const changes = createChangeFeed(silentLogger);
  const recs = createRecommendationsService({
    ...kit,
    rules,
    log: silentLogger,
    now: clock.now,
    today: clock.today,
    changes,
  });
  cleanups.push(() => recs.dispose());
  return { ...kit, clock, evaluator, rules, recs, changes, builtinDir: builtinDir ?? '', userDir, core };
}

/** One diet entry a day on each date from `from` to `to` (inclusive), with the same nutrients. */
export function logDays(kit: RulesKit, e: Omit<TestEvent, 'date'>, from: string, to: string): void {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    kit.addEvent({ ...e, date: new Date(t).toISOString().slice(0, 10) });
  }
}
