import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import { CHOLESTEROL_MG_DL_PER_MMOL_L } from '../measures/kinds.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { evaluateRule } from './evaluate.ts';
import { baseVariables } from './fixtures.ts';
import { renderText } from './format.ts';
import { computeVariables } from './features.ts';
import { loadRuleText } from './loader.ts';
import { rulesKit } from './test-kit.ts';

/**
 * measures.* rule variables over the recorded measurements, and client.* / protein per kg with the
 * weight in force on the evaluation date. Readings are recorded through the measures service (the IPC
 * path), then read back by computeVariables from the same database.
 */

const TODAY = '2026-03-15';
const DAY = 86_400_000;

const LDL_RULE = `id: ldl-high
title: LDL above 3.0 mmol/L
version: 1
description: The latest LDL is above 3.0 mmol/L.
when: measures.ldl_mmol_l > 3.0
then:
  message: The latest LDL is {{measures.ldl_mmol_l}} mmol/L.
  rationale: Test rule.
  severity: low
  category: lipids
references:
  - NCEP ATP III 2002
`;

/** A core whose "today" is 15 March; the client is made on 1 January (the profile reading's date). */
async function setup(profile: { weightKg?: number; heightCm?: number } = {}) {
  const clock = fixedClock('2026-01-01T10:00:00Z');
  const core = await unlockedCore({ clock });
  const client = await ok<Client>(core, 'clients.create', {
    name: 'Mia Example',
    sex: 'female',
    birthDate: '1980-05-05',
    ...profile,
  });
  clock.advance(73 * DAY);
  const kit = rulesKit(core, clock.now);
  const add = (input: Record<string, unknown>) => ok(core, 'measures.add', { clientId: client.id, ...input });
  const vars = (asOf: string) =>
    computeVariables(kit.sqlite, kit.targets, kit.clients.get(client.id), asOf, clock.now());
  return { core, kit, client, add, vars };
}

function ldlRule() {
  const loaded = loadRuleText(LDL_RULE, 'ldl.yaml', 'user');
  expect(loaded.errors).toEqual([]);
  const rule = loaded.rules[0];
  if (!rule) throw new Error('not loaded');
  expect(rule.reads).toEqual(['measures.ldl_mmol_l']);
  return rule;
}

describe('measures.* variables', () => {
  it('a rule over measures.ldl_mmol_l > 3.0 fires on an LDL entered in mg/dL, compared in mmol/L', async () => {
    const { add, vars } = await setup();
    const rule = ldlRule();
    await add({ kind: 'ldl-cholesterol', value: 135, unit: 'mg/dL', date: '2026-03-01' });
    const v = vars(TODAY);
    // 135 mg/dL ÷ 38.67 (cholesterol 386.65 g/mol) = 3.49 mmol/L: above 3.0 although 135 is typed.
    expect(v.measures?.ldl_mmol_l).toBeCloseTo(135 / CHOLESTEROL_MG_DL_PER_MMOL_L, 9);
    expect(evaluateRule(rule, v)).toEqual({ status: 'fired' });
    expect(v.measures?.ldl_mmol_l_days_since).toBe(14);
    // A later reading of 100 mg/dL (2.59 mmol/L) is the one in force: the rule no longer fires.
    await add({ kind: 'ldl-cholesterol', value: 100, unit: 'mg/dL', date: '2026-03-10' });
    expect(evaluateRule(rule, vars(TODAY))).toEqual({ status: 'not-fired' });
  });

  it('a misspelt measures variable is refused at load with a suggestion', () => {
    const r = loadRuleText(LDL_RULE.replace('measures.ldl_mmol_l > 3.0', 'measures.ldl_mmol > 3.0'), 'x.yaml', 'user');
    expect(r.rules).toEqual([]);
    expect(r.errors[0]?.message).toContain("did you mean 'measures.ldl_mmol_l'");
  });

  it('without a reading the value is null and the rule reports not enough data', async () => {
    const { vars } = await setup();
    const v = vars(TODAY);
    expect(v.measures?.ldl_mmol_l).toBeNull();
    expect(v.measures?.weight_kg).toBeNull();
    expect(v.measures?.weight_kg_days_since).toBeNull();
    expect(evaluateRule(ldlRule(), v)).toEqual({ status: 'insufficient-data', missing: ['measures.ldl_mmol_l'] });
  });

  it('a reading dated after the evaluation date is not used', async () => {
    const { add, vars } = await setup();
    const rule = ldlRule();
    await add({ kind: 'ldl-cholesterol', value: 2.5, unit: 'mmol/L', date: '2026-03-01' });
    await add({ kind: 'ldl-cholesterol', value: 4.0, unit: 'mmol/L', date: '2026-03-10' });
    await add({ kind: 'blood-pressure', value: 130, value2: 85, date: '2026-03-12' });
    const early = vars('2026-03-05');
    expect(early.measures?.ldl_mmol_l).toBe(2.5);
    expect(evaluateRule(rule, early)).toEqual({ status: 'not-fired' });
    expect(early.measures?.systolic_mmhg).toBeNull();
    expect(early.measures?.blood_pressure_days_since).toBeNull();
    // Before any reading of the kind: nothing, not the first reading.
    expect(vars('2026-02-20').measures?.ldl_mmol_l).toBeNull();
    const late = vars(TODAY);
    expect(late.measures?.ldl_mmol_l).toBe(4);
    expect(evaluateRule(rule, late)).toEqual({ status: 'fired' });
    expect([late.measures?.systolic_mmhg, late.measures?.diastolic_mmhg]).toEqual([130, 85]);
    expect(late.measures?.blood_pressure_days_since).toBe(3);
  });

  it('the 30-day change is null with one reading and the difference with two', async () => {
    const { add, vars } = await setup();
    await add({ kind: 'weight', value: 82, date: '2026-02-01' });
    let m = vars(TODAY).measures;
    expect(m?.weight_kg).toBe(82);
    // One reading (before the 30 days): nothing recorded since, so no change can be known.
    expect(m?.weight_kg_change_30d).toBeNull();
    expect(m?.weight_kg_days_since).toBe(42);
    // 176.37 lb = 80.0 kg (× 0.45359237), measured inside the 30 days.
    await add({ kind: 'weight', value: 176.37, unit: 'lb', date: '2026-03-08' });
    m = vars(TODAY).measures;
    expect(m?.weight_kg).toBeCloseTo(176.37 * 0.45359237, 9);
    expect(m?.weight_kg_change_30d).toBeCloseTo(176.37 * 0.45359237 - 82, 9);
    expect(m?.weight_kg_days_since).toBe(7);
    // Two readings both inside the 30 days: none is in force 30 days before, so still not enough data.
    await add({ kind: 'waist', value: 90, date: '2026-03-01' });
    await add({ kind: 'waist', value: 88, date: '2026-03-14' });
    expect(vars(TODAY).measures?.waist_cm_change_30d).toBeNull();
    expect(vars('2026-04-01').measures?.waist_cm_change_30d).toBe(-2);
  });

  it('a weight kept only in the profile is a reading of the day the client was made', async () => {
    const { vars } = await setup({ weightKg: 70 });
    expect(vars(TODAY).measures?.weight_kg).toBe(70);
    expect(vars(TODAY).measures?.weight_kg_days_since).toBe(73);
    expect(vars('2025-12-31').measures?.weight_kg).toBeNull();
  });
});

describe('client.* and protein per kg use the weight in force on the evaluation date', () => {
  it('a weight recorded on 10 March leaves the variables of 5 March as they were', async () => {
    const { add, kit, client, vars } = await setup({ weightKg: 80, heightCm: 160 });
    for (const d of ['01', '02', '03', '04', '05', '12', '13', '14'])
      kit.addEvent({ clientId: client.id, date: `2026-03-${d}`, energyKcal: 1800, proteinG: 64 });
    await add({ kind: 'weight', value: 72, date: '2026-03-10' });
    expect(kit.clients.get(client.id).weightKg).toBe(72);
    const before = vars('2026-03-05');
    expect(before.client.weight_kg).toBe(80);
    expect(before.client.height_cm).toBe(160);
    expect(before.client.bmi).toBeCloseTo(80 / 1.6 ** 2, 9);
    expect(before.features.protein_g_per_kg_7d).toBeCloseTo(64 / 80, 9);
    const after = vars(TODAY);
    expect(after.client.weight_kg).toBe(72);
    expect(after.client.bmi).toBeCloseTo(72 / 1.6 ** 2, 9);
    expect(after.features.protein_g_per_kg_7d).toBeCloseTo(64 / 72, 9);
  });
});

describe('messages for eating-disorder-sensitive care', () => {
  it('leave out weight and body measures with their units; other measurements stay', () => {
    const text =
      'Weight {{measures.weight_kg}} kg ({{measures.weight_kg_change_30d}} kg in 30 days), BMI {{client.bmi}} kg/m², waist {{measures.waist_cm}} cm; LDL {{measures.ldl_mmol_l}} mmol/L.';
    const v = baseVariables();
    expect(renderText(text, v)).toBe('Weight 65 kg (-1.2 kg in 30 days), BMI 24 kg/m², waist 78 cm; LDL 2.8 mmol/L.');
    const hidden = renderText(text, v, { hideEnergy: true });
    expect(hidden).toBe('Weight ( in 30 days), BMI , waist ; LDL 2.8 mmol/L.');
    expect(hidden).not.toMatch(/kg|cm|65|78|24/);
  });
});
