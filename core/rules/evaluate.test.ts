import { describe, expect, it } from 'vitest';
import { TARGET_KEYS } from '../contract/targets.ts';
import { compile, evaluateRule, formatValue, readsOf, readValues, renderMessage } from './evaluate.ts';
import { baseVariables, missingFromBase, withVariables } from './fixtures.ts';
import { celDeclarations, snakeCase, VARIABLES, variableNames } from './variables.ts';

describe('variables', () => {
  it('converts target keys to snake case', () => {
    expect(snakeCase('vitaminB12Mcg')).toBe('vitamin_b12_mcg');
    expect(snakeCase('vitaminDMcg')).toBe('vitamin_d_mcg');
    expect(snakeCase('waterL')).toBe('water_l');
    expect(snakeCase('satFatG')).toBe('sat_fat_g');
  });

  it('declares every target, the required features and client fields, once each', () => {
    const names = variableNames();
    expect(new Set(names).size).toBe(names.length);
    for (const k of TARGET_KEYS) expect(names).toContain(`targets.${snakeCase(k)}`);
    for (const n of ['fibre_g_7d_mean', 'fibre_g_30d_mean', 'fibre_g_7d_ratio', 'vitamin_c_mg_7d_ratio']) {
      expect(names).toContain(`features.${n}`);
    }
    expect(names).not.toContain('features.sugar_g_7d_ratio'); // no sugar target
    expect(names).toContain('features.fruit_veg_g_7d_mean');
    expect(VARIABLES.find((v) => v.name === 'allergies')?.type).toBe('list<string>');
    const decl = celDeclarations();
    expect(decl.map((d) => d.name)).toEqual(['features', 'targets', 'limits', 'client', 'forecast', 'measures']);
    expect(decl[3]?.schema).toMatchObject({ ed_sensitive: 'bool', sex: 'string', age_years: 'double' });
    for (const v of VARIABLES) expect(v.description.length, v.name).toBeGreaterThan(10);
  });

  it('has a complete fixture', () => {
    expect(missingFromBase()).toEqual([]);
  });
});

describe('evaluateRule', () => {
  const rule = (when: string): { when: string; reads: string[] } => ({ when, reads: readsOf(when) });

  it('reads the variables a condition names, not words inside strings', () => {
    expect(
      readsOf('client.sex == "features.x" && features.iron_mg_7d_ratio < 0.8 && features.iron_mg_7d_ratio > 0.1'),
    ).toEqual(['client.sex', 'features.iron_mg_7d_ratio']);
    expect(readsOf('"peanut" in client.allergies || size(client.tags) > 2')).toEqual([
      'client.allergies',
      'client.tags',
    ]);
  });

  it('fires, does not fire, and reports missing data instead of evaluating nulls', () => {
    const r = rule('features.fibre_g_7d_ratio < 0.7 && client.sex == "female"');
    const base = baseVariables();
    expect(evaluateRule(r, withVariables(base, { features: { fibre_g_7d_ratio: 0.5 } }))).toEqual({ status: 'fired' });
    expect(evaluateRule(r, base)).toEqual({ status: 'not-fired' });
    expect(
      evaluateRule(r, withVariables(base, { features: { fibre_g_7d_ratio: null }, client: { sex: null } })),
    ).toEqual({
      status: 'insufficient-data',
      missing: ['features.fibre_g_7d_ratio', 'client.sex'],
    });
    const partial = { ...base, features: {} };
    expect(evaluateRule(r, partial)).toEqual({
      status: 'error',
      message: 'The variable features.fibre_g_7d_ratio was not provided.',
    });
  });

  it('handles lists and booleans', () => {
    const v = withVariables(baseVariables(), { client: { allergies: ['peanut'], ed_sensitive: true } });
    expect(evaluateRule(rule('"peanut" in client.allergies && client.ed_sensitive'), v)).toEqual({ status: 'fired' });
  });

  it('parses a condition once and reuses it (its speed is in the rules bench)', () => {
    const when = 'features.sodium_mg_7d_mean > 2301.0 && client.age_years >= 18.0';
    const first = compile(when);
    expect(evaluateRule(rule(when), baseVariables())).toMatchObject({ status: expect.any(String) });
    expect(compile(when)).toBe(first);
    expect(compile(`${when} && true`)).not.toBe(first);
  });
});

describe('renderMessage', () => {
  it('formats values by size and unit, ratios as percentages', () => {
    const v = withVariables(baseVariables(), {
      features: {
        energy_kcal_7d_mean: 2449.6,
        fibre_g_7d_ratio: 0.6249,
        sleep_hours_7d_mean: 6.25,
        fibre_g_7d_mean: null,
      },
    });
    expect(
      renderMessage(
        '{{features.energy_kcal_7d_mean}} kcal, {{ features.fibre_g_7d_ratio }}% of target, {{features.sleep_hours_7d_mean}} h, {{features.fibre_g_7d_mean}} g, {{client.allergies}}',
        v,
      ),
    ).toBe('2,450 kcal, 62% of target, 6.3 h, — g, none');
    expect(formatValue('targets.vitamin_b12_mcg', 2.4)).toBe('2.4');
    expect(formatValue('client.sex', 'female')).toBe('female');
    expect(readValues({ reads: ['client.sex', 'features.fibre_g_7d_mean'] }, v)).toEqual({
      'client.sex': 'female',
      'features.fibre_g_7d_mean': null,
    });
  });
});
