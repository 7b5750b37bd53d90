import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import { ok } from '../test-utils/core-harness.ts';
import { DISCLAIMER } from './guardrails.ts';
import { engineKit, logDays } from './test-kit.ts';

/** The engine over the repository's default pack (rules/), on clients built to trigger it. */

const PROFILE = { sex: 'female', birthDate: '1985-06-01', heightCm: 165, weightKg: 62 } as const;

describe('the default pack through the engine', () => {
  it('loads without errors', async () => {
    const k = await engineKit();
    const state = k.rules.list();
    expect(state.errors).toEqual([]);
    expect(state.rules.length).toBeGreaterThanOrEqual(10);
    expect(state.rules.every((r) => r.origin === 'builtin' && r.enabled)).toBe(true);
  });

  it("gives a vegan client's low-fibre recommendation no animal-product suggestion", async () => {
    const k = await engineKit();
    const c = k.addClient({ name: 'Vegan Client', dietPattern: 'vegan', ...PROFILE });
    for (const meal of [1, 2, 3]) {
      logDays(
        k,
        { clientId: c.id, energyKcal: 600, proteinG: 20 + meal, fibreG: 2, sodiumMg: 500 },
        '2026-03-01',
        '2026-03-15',
      );
    }
    const result = await k.recs.evaluate(c.id);
    expect(result.errors).toEqual([]);
    const fibre = (await k.recs.list(c.id, false)).find((r) => r.ruleId === 'fibre-low');
    expect(fibre).toBeDefined();
    expect(fibre?.suggestions.length).toBeGreaterThan(0);
    for (const s of fibre?.suggestions ?? []) {
      expect(s.tags).not.toContain('animal-product');
      expect(s.tags).not.toContain('dairy');
    }
    expect(fibre?.suggestions.map((s) => s.text)).toContain('Soy yogurt with bran cereal');
    expect(fibre?.guardrails.some((g) => /vegan/.test(g))).toBe(true);
    expect(fibre?.guardrails.at(-1)).toBe(DISCLAIMER);
    expect(fibre?.values['features.fibre_g_7d_ratio']).toBeLessThan(0.7);
    expect(fibre?.confidence).toBe(1);
  });

  it('gives an eating-disorder-sensitive client no calorie-focused recommendation and no kcal figures', async () => {
    const k = await engineKit();
    const usual = k.addClient({ name: 'Usual Client', ...PROFILE });
    const careful = k.addClient({ name: 'Careful Client', edSensitive: true, ...PROFILE });
    for (const c of [usual, careful]) {
      for (const meal of [1, 2, 3]) {
        const e = {
          clientId: c.id,
          energyKcal: 1400 + meal,
          proteinG: 30,
          fatG: 60,
          satFatG: 30,
          fibreG: 8,
          sodiumMg: 1500,
        };
        logDays(k, e, '2026-03-01', '2026-03-15');
      }
    }
    await k.recs.evaluate(usual.id);
    await k.recs.evaluate(careful.id);
    const usualIds = (await k.recs.list(usual.id, false)).map((r) => r.ruleId);
    expect(usualIds).toContain('energy-above-target'); // the same intake triggers it for other clients
    const list = await k.recs.list(careful.id, false);
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((r) => r.ruleId)).not.toContain('energy-above-target');
    expect(list.map((r) => r.ruleId)).not.toContain('energy-below-target');
    for (const r of list) {
      expect(r.message).not.toMatch(/kcal|calorie/i);
      expect(r.message).not.toMatch(/4,2\d\d|4,3\d\d/); // the client's daily energy figure
    }
    const dry = await k.rules.dryRun({ clientId: careful.id, ruleId: 'energy-above-target' });
    expect(dry.applies).toBe(false);
    expect(dry.skippedBecause).toMatch(/eating-disorder/);
  });

  it('flags caffeine over 200 mg and any alcohol in pregnancy from logged coffee and beer, with the same numbers', async () => {
    const k = await engineKit();
    const make = (name: string, lifeStage: string) =>
      ok<Client>(k.core, 'clients.create', {
        name,
        ...PROFILE,
        lifeStage,
        lifeStageDetail: lifeStage === 'none' ? null : 2,
      });
    const pregnant = await make('Expecting Client', 'pregnant');
    const other = await make('Other Client', 'none');
    for (const c of [pregnant, other]) {
      for (const date of ['2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15']) {
        // Three cups of brewed coffee a day (USDA SR24: 40 mg caffeine per 100 g): 284.4 mg.
        await ok(k.core, 'log.add', { kind: 'diet', clientId: c.id, date, foodId: 'usda:14209', grams: 711 });
      }
      // One can of regular beer (3.9 g alcohol per 100 g): 13.9 g in the week.
      await ok(k.core, 'log.add', {
        kind: 'diet',
        clientId: c.id,
        date: '2026-03-14',
        foodId: 'usda:14003',
        grams: 356,
      });
    }
    const ids = async (c: Client) => {
      await k.recs.evaluate(c.id);
      return k.recs.list(c.id, false);
    };
    const list = await ids(pregnant);
    const caffeine = list.find((r) => r.ruleId === 'caffeine-pregnancy');
    const alcohol = list.find((r) => r.ruleId === 'alcohol-pregnancy');
    expect(caffeine?.values['features.caffeine_mg_7d_mean']).toBeCloseTo((711 * 40) / 100, 9);
    expect(caffeine?.message).toMatch(/averaged 284 mg a day/);
    expect(alcohol?.values['features.alcohol_g_7d_mean']).toBeCloseTo((356 * 3.9) / 100 / 4, 9);
    expect(alcohol?.severity).toBe('high');
    // The same intake is no prompt for a client who is neither pregnant nor breastfeeding.
    const others = (await ids(other)).map((r) => r.ruleId);
    expect(others).not.toContain('caffeine-pregnancy');
    expect(others).not.toContain('alcohol-pregnancy');
  });
});
