import { describe, expect, it } from 'vitest';
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
});
