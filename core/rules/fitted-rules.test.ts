import { describe, expect, it } from 'vitest';
import type { ClientFieldsInput } from '../contract/clients.ts';
import type { TargetValue } from '../contract/targets.ts';
import { loadRuleText } from './loader.ts';
import { engineKit, logDays, type EngineKit } from './test-kit.ts';

/**
 * The built-in rules read the client's own targets and never suggest more than a Tolerable Upper
 * Intake Level, through the real engine (targets from core/targets, the worker, the guardrails).
 */

const ADULT = { sex: 'female', birthDate: '1990-06-01', heightCm: 165, weightKg: 62 } as const;

async function openRules(k: EngineKit, clientId: string): Promise<Map<string, string>> {
  const list = await k.recs.list(clientId, false);
  return new Map(list.map((r) => [r.ruleId, r.message]));
}

describe("rules read the client's own targets", () => {
  it('an override of sodium to 1,500 mg makes the sodium rule fire at 1,600 mg, naming the new limit', async () => {
    const k = await engineKit();
    const c = k.addClient({ name: 'Override Client', ...ADULT });
    logDays(k, { clientId: c.id, sodiumMg: 1600, fibreG: 30, energyKcal: 1900 }, '2026-03-09', '2026-03-15');
    expect((await openRules(k, c.id)).has('sodium-high')).toBe(false); // 1,600 < 2,300 (NASEM 2019 CDRR)

    k.targets.set({
      clientId: c.id,
      overrides: { sodiumMg: 1500 },
      effectiveFrom: '2026-03-01',
      note: 'Hypertension, agreed with GP',
    });
    const open = await openRules(k, c.id);
    expect(open.get('sodium-high')).toBe(
      "Sodium averaged 1,600 mg a day over the last 7 days, above the client's limit of 1,500 mg a day.",
    );
  });

  it('a hypertension prompt appears until the practitioner lowers the target, then the sodium rule takes over', async () => {
    const k = await engineKit();
    const c = k.addClient({ name: 'Pressure Client', ...ADULT, conditions: ['hypertension'] });
    logDays(k, { clientId: c.id, sodiumMg: 2000, fibreG: 30, energyKcal: 1900 }, '2026-03-09', '2026-03-15');
    let open = await openRules(k, c.id);
    expect(open.has('sodium-hypertension')).toBe(true);
    expect(open.has('sodium-high')).toBe(false);
    k.targets.set({ clientId: c.id, overrides: { sodiumMg: 1500 }, effectiveFrom: '2026-03-01' });
    open = await openRules(k, c.id);
    expect(open.has('sodium-hypertension')).toBe(false);
    expect(open.has('sodium-high')).toBe(true);
  });
});

/**
 * Nutrients with a UL that bounds intake from food (IOM 1997–2011), their unit in messages, and the
 * event field that carries them in the test kit (vitamin A, D and folate have no test-kit column:
 * their rules are exercised through targets, which must stay under the UL).
 */
const UL_NUTRIENTS = ['ironMg', 'calciumMg', 'zincMg', 'vitaminDMcg', 'vitaminAMcg', 'folateMcg'] as const;

const PROFILES: { name: string; fields: Omit<ClientFieldsInput, 'name'> }[] = [
  {
    name: 'pregnant vegetarian, trimester 2',
    fields: { ...ADULT, dietPattern: 'vegetarian', lifeStage: 'pregnant', lifeStageDetail: 2 },
  },
  {
    name: 'pregnant vegan teenager',
    fields: { ...ADULT, birthDate: '2009-01-01', dietPattern: 'vegan', lifeStage: 'pregnant', lifeStageDetail: 3 },
  },
  { name: 'lactating vegan', fields: { ...ADULT, dietPattern: 'vegan', lifeStage: 'lactating', lifeStageDetail: 4 } },
  { name: 'vegetarian woman 19–50', fields: { ...ADULT, dietPattern: 'vegetarian' } },
  { name: 'vegan man over 70', fields: { ...ADULT, sex: 'male', birthDate: '1950-01-01', dietPattern: 'vegan' } },
  {
    name: 'vegetarian child of 6',
    fields: { ...ADULT, birthDate: '2019-09-01', heightCm: 118, weightKg: 21, dietPattern: 'vegetarian' },
  },
  {
    name: 'vegan girl of 15',
    fields: { ...ADULT, birthDate: '2010-09-01', heightCm: 160, weightKg: 50, dietPattern: 'vegan' },
  },
];

/** Every "<number> <unit>" in a text, e.g. "48.6 mg" → 48.6. */
function amounts(text: string, unit: string): number[] {
  return [...text.matchAll(new RegExp(`(\\d[\\d,]*(?:\\.\\d+)?)\\s*${unit}\\b`, 'g'))].map((m) =>
    Number((m[1] ?? '').replace(/,/g, '')),
  );
}

describe('no suggestion crosses a Tolerable Upper Intake Level', () => {
  it.each(PROFILES)('$name: targets and every figure the rules show stay at or under the UL', async ({ fields }) => {
    const k = await engineKit();
    const c = k.addClient({ name: 'UL Client', ...fields });
    const targets = k.targets.get(c.id, '2026-03-15').targets ?? [];
    expect(targets.length).toBeGreaterThan(0);
    const byKey = new Map<string, TargetValue>(targets.map((t) => [t.key, t]));
    // A week of intake well below every target: the low-intake rules fire and print their target.
    logDays(
      k,
      { clientId: c.id, ironMg: 2, calciumMg: 150, energyKcal: 1500, proteinG: 20, fibreG: 5 },
      '2026-03-09',
      '2026-03-15',
    );
    const shown = await k.recs.list(c.id, false);
    for (const key of UL_NUTRIENTS) {
      const t = byKey.get(key);
      if (!t || t.ul === null) continue;
      const ul = t.ul;
      expect(t.value, `${key} target ${t.value} ${t.unit} above its UL ${ul}`).toBeLessThanOrEqual(ul);
      const word = t.label.split(' ')[0]?.toLowerCase() ?? '';
      for (const r of shown) {
        const texts = [r.message, r.clientMessage ?? '', ...r.suggestions.map((s) => s.text)];
        for (const text of texts) {
          if (!text.toLowerCase().includes(word)) continue;
          for (const n of amounts(text, t.unit))
            expect(n, `${r.ruleId}: "${text}" (UL ${ul} ${t.unit})`).toBeLessThanOrEqual(ul);
        }
      }
    }
  });
});

describe('iron for a pregnant vegetarian', () => {
  it('asks for no more than the 45 mg UL: 46 mg a day does not fire (1.8 × the 27 mg RDA would ask 48.6 mg)', async () => {
    const k = await engineKit();
    const c = k.addClient({
      name: 'Pregnant Vegetarian',
      ...ADULT,
      dietPattern: 'vegetarian',
      lifeStage: 'pregnant',
      lifeStageDetail: 2,
    });
    logDays(k, { clientId: c.id, ironMg: 46, energyKcal: 2200, fibreG: 35 }, '2026-03-09', '2026-03-15');
    expect((await openRules(k, c.id)).has('iron-vegetarian')).toBe(false);
    logDays(k, { clientId: c.id, ironMg: -30 }, '2026-03-09', '2026-03-15'); // now 16 mg a day
    const message = (await openRules(k, c.id)).get('iron-vegetarian') ?? '';
    const target = Number(/client's ([\d.]+) mg target/.exec(message)?.[1]);
    expect(target).toBeGreaterThanOrEqual(27);
    expect(target).toBeLessThanOrEqual(45);
  });
});

describe('the loader refuses target arithmetic that can pass an upper limit', () => {
  const rule = (when: string): string => `id: iron-test
title: Iron test
version: 1
description: A test rule.
when: '${when}'
then:
  message: Iron is low.
  rationale: For the test of the upper-limit guard.
  severity: low
  category: minerals
references: [IOM 2001]
`;

  it.each([
    ['features.iron_mg_7d_mean < 1.8 * targets.iron_mg', 1.8],
    ['features.iron_mg_7d_mean < targets.iron_mg * 2.0', 2],
    ['features.zinc_mg_7d_mean < targets.zinc_mg / 0.5', 2],
  ])('%s', (when, factor) => {
    const { rules, errors } = loadRuleText(rule(when), 'x.yaml', 'user');
    expect(rules).toEqual([]);
    expect(errors[0]?.message).toContain(`× ${factor} can exceed the client's Tolerable Upper Intake Level`);
    expect(errors[0]?.line).toBe(5);
  });

  it('accepts the same arithmetic guarded by the UL, and scaling down', () => {
    const guarded =
      'features.iron_mg_7d_mean < (1.8 * targets.iron_mg < limits.iron_mg ? 1.8 * targets.iron_mg : limits.iron_mg)';
    expect(loadRuleText(rule(guarded), 'x.yaml', 'user').errors).toEqual([]);
    expect(loadRuleText(rule('features.iron_mg_7d_mean < 0.8 * targets.iron_mg'), 'x.yaml', 'user').errors).toEqual([]);
    // Sodium and fibre have no UL that bounds food: nothing to guard.
    expect(loadRuleText(rule('features.fibre_g_7d_mean < 1.2 * targets.fibre_g'), 'x.yaml', 'user').errors).toEqual([]);
  });
});
