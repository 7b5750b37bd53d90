import { describe, expect, it } from 'vitest';
import type { DryRunResult, RuleSummary } from '../../lib/rule-types.ts';
import {
  baseName,
  categoryLabel,
  dryRunOutcome,
  fileNameError,
  fileNameForRuleId,
  formatRuleValue,
  groupRulesByCategory,
  offsetOfLine,
  ruleErrorLine,
  rulesCountText,
  validationSummary,
  valueRows,
} from './rules-text.ts';

const rule = (id: string, category: string, title: string, enabled = true): RuleSummary => ({
  id,
  title,
  version: 1,
  description: '',
  category,
  severity: 'low',
  origin: 'builtin',
  file: `/app/rules/${id}.yaml`,
  enabled,
  references: [],
});

const dry = (extra: Partial<DryRunResult>): DryRunResult => ({
  clientId: 'c1',
  ruleId: 'low-fibre',
  errors: [],
  variables: {},
  applies: true,
  skippedBecause: null,
  fired: null,
  message: null,
  ...extra,
});

describe('formatRuleValue', () => {
  it('formats each kind of value', () => {
    expect(formatRuleValue(null)).toBe('no data');
    expect(formatRuleValue(true)).toBe('yes');
    expect(formatRuleValue(false)).toBe('no');
    expect(formatRuleValue(12.345)).toBe('12');
    expect(formatRuleValue(2.345)).toBe('2.3');
    expect(formatRuleValue(2046)).toBe('2,046');
    expect(formatRuleValue(['peanut', 'milk'])).toBe('peanut, milk');
    expect(formatRuleValue([])).toBe('none');
    expect(formatRuleValue('vegan')).toBe('vegan');
    expect(formatRuleValue('')).toBe('(empty)');
  });

  it('keeps the core order of values', () => {
    expect(valueRows({ 'features.fibre_7d_mean': 12.4, 'targets.fibre': 30, 'client.diet': 'vegan' })).toEqual([
      { name: 'features.fibre_7d_mean', text: '12' },
      { name: 'targets.fibre', text: '30' },
      { name: 'client.diet', text: 'vegan' },
    ]);
  });
});

describe('ruleErrorLine', () => {
  it('reads file:line:column: message with the base name', () => {
    const error = {
      file: '/home/a/rules/low-iron.yaml',
      line: 4,
      column: 12,
      message: 'Unknown variable tragets.fibre',
      excerpt: '',
      ruleId: null,
    };
    expect(ruleErrorLine(error)).toBe('low-iron.yaml:4:12: Unknown variable tragets.fibre');
    expect(baseName('C:\\rules\\a.yaml')).toBe('a.yaml');
    expect(baseName('a.yaml')).toBe('a.yaml');
  });
});

describe('offsetOfLine', () => {
  it('finds a line and column, clamped to the line and to the text', () => {
    const text = 'id: a\nwhen: x < 1\r\nthen:';
    expect(offsetOfLine(text, 1)).toBe(0);
    expect(offsetOfLine(text, 2, 7)).toBe(12);
    expect(text.slice(offsetOfLine(text, 2, 7))).toMatch(/^x < 1/);
    expect(offsetOfLine(text, 2, 99)).toBe(text.indexOf('\n', 6));
    expect(offsetOfLine(text, 3)).toBe(text.indexOf('then'));
    expect(offsetOfLine(text, 9)).toBe(text.length);
  });
});

describe('groupRulesByCategory', () => {
  it('sorts categories and titles', () => {
    const groups = groupRulesByCategory([
      rule('b', 'micronutrients', 'Zinc'),
      rule('a', 'energy-balance', 'Energy'),
      rule('c', 'micronutrients', 'Iron'),
    ]);
    expect(groups.map((g) => g.label)).toEqual(['Energy balance', 'Micronutrients']);
    expect(groups[1]?.rules.map((r) => r.id)).toEqual(['c', 'b']);
    expect(categoryLabel('')).toBe('Other');
  });

  it('counts enabled rules', () => {
    expect(rulesCountText([rule('a', 'x', 'A'), rule('b', 'x', 'B', false)])).toBe('2 rules, 1 enabled');
    expect(rulesCountText([rule('a', 'x', 'A')])).toBe('1 rule, 1 enabled');
  });
});

describe('file names', () => {
  it('checks the contract pattern', () => {
    expect(fileNameError('low-iron.yaml')).toBeNull();
    expect(fileNameError('low-iron.yml')).toBeNull();
    expect(fileNameError('')).toMatch(/Name the file/);
    expect(fileNameError('Low Iron.yaml')).toMatch(/lower case/);
    expect(fileNameError('low-iron.txt')).toMatch(/lower case/);
  });

  it('derives one from a rule id', () => {
    expect(fileNameForRuleId('Low_Iron 2')).toBe('low-iron-2.yaml');
    expect(fileNameForRuleId('---')).toBe('my-rule.yaml');
    expect(fileNameError(fileNameForRuleId('x'.repeat(100)))).toBeNull();
  });
});

describe('validationSummary', () => {
  it('names the rules a clean file defines', () => {
    expect(validationSummary({ errors: [], ruleIds: ['low-iron'] })).toEqual({
      ok: true,
      text: 'Valid: defines rule low-iron',
    });
    expect(validationSummary({ errors: [], ruleIds: ['a', 'b'] }).text).toBe('Valid: defines rules a, b');
    expect(validationSummary({ errors: [], ruleIds: [] }).ok).toBe(false);
  });

  it('counts problems', () => {
    const error = { file: 'a.yaml', line: 1, column: 1, message: 'x', excerpt: '', ruleId: null };
    expect(validationSummary({ errors: [error, error], ruleIds: [] })).toEqual({
      ok: false,
      text: '2 problems to fix before saving.',
    });
  });
});

describe('dryRunOutcome', () => {
  it('explains each outcome', () => {
    expect(dryRunOutcome(dry({ applies: false, skippedBecause: 'only for vegan clients' })).text).toBe(
      'Does not apply to this client: only for vegan clients',
    );
    expect(dryRunOutcome(dry({ fired: true })).tone).toBe('fired');
    expect(dryRunOutcome(dry({ fired: false })).tone).toBe('quiet');
    expect(
      dryRunOutcome(dry({ errors: [{ file: 'a', line: 1, column: 1, message: 'x', excerpt: '', ruleId: null }] })).tone,
    ).toBe('error');
  });
});
