import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { LogEntry } from '../contract/log.ts';
import type { Recommendation } from '../contract/rules.ts';
import { createForecastService, defaultForecastModelDir } from '../forecast/forecast.ts';
import { silentLogger } from '../logging/log.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { servicesOf } from '../test-utils/services.ts';
import { mulberry32 } from '../util/prng.ts';
import { evaluateClient } from './client-evaluation.ts';
import { computeVariables } from './features.ts';
import { presentForClient } from './present.ts';

/**
 * Property: whatever sequence of edits a practitioner makes, every recommendation the app shows
 * equals a fresh evaluation of the rules on the current data. Random edits (log add, edit, delete,
 * undo, copy a day; profile, eating-disorder-sensitive care, target overrides; rules switched off
 * and on; the calendar day turning) for three clients, through the contract as the app makes them;
 * after each one, what recommendations.list answers is compared with an evaluation done here from
 * scratch (features from the database, the rule worker, the guardrails, the read-time presentation).
 * The case that was seen: a rule that stopped firing left last week's "3 of the last 7 days" open.
 */

// Foods chosen to move the rules both ways: salt and bread (sodium), milk (calcium), spinach and
// lentils (iron, fibre, folate), chicken (protein), orange juice (vitamin C), peanut butter (fat).
const FOODS = ['usda:02047', 'usda:18069', 'usda:01077', 'usda:11457', 'usda:16070', 'usda:05064', 'usda:09206'];
const DAY = 86_400_000;

type Shown = { ruleId: string; message: string; clientMessage: string | null; values: Recommendation['values'] };
const shape = (r: Shown): Shown => ({
  ruleId: r.ruleId,
  message: r.message,
  clientMessage: r.clientMessage,
  values: r.values,
});
const byRule = (a: Shown, b: Shown): number => a.ruleId.localeCompare(b.ruleId);
const asRecommendation = (s: Shown): Recommendation => ({
  ...s,
  id: '00000000-0000-7000-8000-000000000000',
  clientId: '00000000-0000-7000-8000-000000000000',
  title: '',
  rationale: '',
  severity: 'low',
  category: '',
  confidence: 0,
  suggestions: [],
  guardrails: [],
  references: [],
  condition: '',
  status: 'new',
  dismissReason: null,
  createdAt: 0,
  updatedAt: 0,
  expiresAt: null,
});

describe('recommendations are a function of the current data', () => {
  it('after every step of random edits, what is shown equals a fresh evaluation', async () => {
    const seed = 20261206;
    const rnd = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const clock = fixedClock('2026-03-15T10:00:00Z');
    const core = await unlockedCore({ clock });

    // The independent evaluation: the same database, its own rule worker and services.
    const fresh = servicesOf(core, { clock });
    const { ruleWorker } = fresh;
    const forecast = createForecastService({ modelDir: defaultForecastModelDir(), log: silentLogger });
    const { sqlite } = core.session.database();
    const expected = async (clientId: string): Promise<Shown[]> => {
      const client = fresh.clients.get(clientId);
      const vars = computeVariables(sqlite, fresh.targets, client, clock.today(), clock.now(), forecast);
      const disabled = new Set(
        fresh.rules
          .list()
          .rules.filter((r) => !r.enabled)
          .map((r) => r.id),
      );
      const rules = fresh.rules.enabledRules().filter((r) => !disabled.has(r.id));
      const verdicts = await evaluateClient(ruleWorker, rules, vars);
      return (
        verdicts
          .filter((v) => v.fired === true && v.skippedBecause === null)
          .map((v) => ({
            ruleId: v.rule.id,
            message: v.message ?? '',
            clientMessage: v.clientMessage,
            values: v.values,
          }))
          // The read-time presentation (eating-disorder-sensitive care) applies to both sides alike.
          .map((s) => presentForClient(asRecommendation(s), client, fresh.rules.rule(s.ruleId)))
          .filter((r): r is Recommendation => r !== null)
          .map(shape)
          .sort(byRule)
      );
    };

    const profiles = [
      { name: 'Prop Ana', sex: 'female', birthDate: '1990-02-01', heightCm: 164, weightKg: 61 },
      { name: 'Prop Ben', sex: 'male', birthDate: '1958-07-12', heightCm: 180, weightKg: 88 },
      {
        name: 'Prop Cleo',
        sex: 'female',
        birthDate: '1996-11-30',
        heightCm: 170,
        weightKg: 58,
        dietPattern: 'vegan',
      },
    ];
    const clients: Client[] = [];
    for (const p of profiles) clients.push(await ok<Client>(core, 'clients.create', p));
    const entries = new Map<string, string[]>(clients.map((c) => [c.id, []]));
    const deleted: { id: string; clientId: string }[] = [];
    const dateBack = (): string => new Date(clock.now() - Math.floor(rnd() * 9) * DAY).toISOString().slice(0, 10);

    // Seed a few days so the rules have something to say from the start.
    for (const c of clients)
      for (let d = 0; d < 4; d++) {
        const { entry: e } = await ok<{ entry: LogEntry }>(core, 'log.add', {
          kind: 'diet',
          clientId: c.id,
          date: new Date(clock.now() - d * DAY).toISOString().slice(0, 10),
          foodId: pick(FOODS),
          grams: 100 + Math.floor(rnd() * 300),
        });
        entries.get(c.id)?.push(e.id);
      }

    const steps: string[] = [];
    const ruleIds = fresh.rules.list().rules.map((r) => r.id);
    for (let step = 0; step < 60; step++) {
      const c = pick(clients);
      const mine = entries.get(c.id) ?? [];
      const action = pick([
        'add',
        'add',
        'add',
        'edit',
        'delete',
        'undo',
        'copy',
        'profile',
        'ed',
        'override',
        'rule',
        'day',
      ] as const);
      steps.push(`${action}:${c.name}`);
      if (action === 'add' || (mine.length === 0 && (action === 'edit' || action === 'delete'))) {
        const { entry: e } = await ok<{ entry: LogEntry }>(core, 'log.add', {
          kind: 'diet',
          clientId: c.id,
          date: dateBack(),
          foodId: pick(FOODS),
          grams: 20 + Math.floor(rnd() * 400),
        });
        mine.push(e.id);
      } else if (action === 'edit') {
        const id = pick(mine);
        const list = await ok<LogEntry[]>(core, 'log.list', {
          clientId: c.id,
          from: '2026-01-01',
          to: '2026-12-31',
        });
        const entry = list.find((x) => x.id === id);
        if (entry)
          await ok(core, 'log.update', {
            id,
            entry: {
              kind: 'diet',
              clientId: c.id,
              date: entry.date,
              foodId: pick(FOODS),
              grams: 20 + Math.floor(rnd() * 400),
            },
          });
      } else if (action === 'delete') {
        const id = mine.splice(Math.floor(rnd() * mine.length), 1)[0] as string;
        await ok(core, 'log.delete', { id });
        deleted.push({ id, clientId: c.id });
      } else if (action === 'undo') {
        const last = deleted.pop();
        if (last) {
          await ok(core, 'log.restore', { id: last.id });
          entries.get(last.clientId)?.push(last.id);
        }
      } else if (action === 'copy') {
        // A day with nothing logged is refused ("nothing of that kind is logged"): that is fine here.
        const r = await core.dispatch('log.copyDay', {
          clientId: c.id,
          from: dateBack(),
          to: clock.today(),
          kinds: ['diet'],
        });
        if (!r.ok) expect(r.code).toBe('not-found');
      } else if (action === 'profile') {
        await ok(core, 'clients.update', {
          id: c.id,
          patch: { weightKg: 50 + Math.floor(rnd() * 50), activityLevel: pick(['sedentary', 'active'] as const) },
        });
      } else if (action === 'ed') {
        const now = fresh.clients.get(c.id).edSensitive;
        await ok(core, 'clients.update', { id: c.id, patch: { edSensitive: !now } });
      } else if (action === 'override') {
        await ok(core, 'targets.set', {
          clientId: c.id,
          overrides: rnd() < 0.5 ? { sodiumMg: 1500 } : { fibreG: 40, calciumMg: 700 },
          note: 'Property test',
        });
      } else if (action === 'rule') {
        const id = pick(ruleIds);
        const enabled = fresh.rules.list().rules.find((r) => r.id === id)?.enabled ?? true;
        await ok(core, 'rules.setEnabled', { id, enabled: !enabled });
      } else {
        clock.advance(DAY);
      }

      // Every client, not only the one edited: a day turning or a rule switched off moves them all.
      for (const x of clients) {
        const shown = (await ok<Recommendation[]>(core, 'recommendations.list', { clientId: x.id })).map(shape);
        const want = await expected(x.id);
        expect(shown.sort(byRule), `seed ${seed}, after ${steps.join(' → ')}, client ${x.name}`).toEqual(want);
      }
    }
    // The sequence exercised both directions: recommendations appeared and were resolved.
    const statuses = sqlite.prepare('SELECT DISTINCT status FROM recommendations').all() as { status: string }[];
    expect(statuses.map((s) => s.status).sort()).toEqual(expect.arrayContaining(['new', 'resolved']));
  }, 120_000);
});
