import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineKit, logDays, waitFor } from './test-kit.ts';

const ruleFile = (id: string, when: string, message = `${id} fired.`): string => `id: ${id}
title: Test rule ${id}
version: 1
description: A rule for the rules-service tests.
when: ${when}
then:
  message: ${message}
  rationale: For the tests.
  severity: medium
  category: test
references: [Test reference]
`;

const PACK = {
  'fibre.yaml': ruleFile('fibre-test', 'features.fibre_g_7d_mean < 20.0', 'Fibre {{features.fibre_g_7d_mean}} g.'),
};
const DIET = { energyKcal: 1500, fibreG: 10, sodiumMg: 3000 };

describe('rules service', () => {
  it('a broken user file is reported with line and column and never stops the others; changes reload', async () => {
    const k = await engineKit({ rules: PACK, watch: true });
    expect(fs.existsSync(k.userDir)).toBe(true);
    const before = k.rules.generation;
    fs.writeFileSync(
      path.join(k.userDir, 'broken.yaml'),
      ruleFile('broken-test', 'features.fibre_g_7d_mean < tragets.fibre_g'),
    );
    await waitFor(() => k.rules.generation > before, 60_000, 'the reload after writing broken.yaml');
    const state = k.rules.list();
    expect(state.rules.map((r) => r.id)).toEqual(['fibre-test']);
    expect(state.errors).toHaveLength(1);
    expect(state.errors[0]).toMatchObject({ line: 5, ruleId: 'broken-test' });
    expect(state.errors[0]?.file).toMatch(/broken\.yaml$/);
    expect(state.errors[0]?.excerpt).toContain('^');

    const mid = k.rules.generation;
    fs.writeFileSync(path.join(k.userDir, 'broken.yaml'), ruleFile('fixed-test', 'features.days_logged_7d >= 1.0'));
    await waitFor(
      () => k.rules.generation > mid && k.rules.list().errors.length === 0,
      5000,
      'the reload after the fix',
    );
    const fixed = k.rules.list();
    expect(fixed.rules.map((r) => [r.id, r.origin])).toEqual([
      ['fibre-test', 'builtin'],
      ['fixed-test', 'user'],
    ]);
    // The reloaded set is what the worker evaluates.
    const c = k.addClient({ name: 'Reload Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    expect((await k.recs.evaluate(c.id)).created).toBe(2);
  });

  it('reads the rule pack when first needed, not when the service is built', async () => {
    const k = await engineKit({ rules: PACK });
    // A file added to the pack after the data opened, before any rule view or evaluation, is in the
    // first list: nothing was parsed at start.
    fs.writeFileSync(path.join(k.builtinDir, 'late.yaml'), ruleFile('late-test', 'features.days_logged_7d >= 1.0'));
    expect(k.rules.list().rules.map((r) => r.id)).toEqual(['fibre-test', 'late-test']);
    const c = k.addClient({ name: 'Lazy Pack Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    expect((await k.recs.evaluate(c.id)).created).toBe(2);
  });

  it('validates, saves (atomically, refusing invalid text) and deletes user rules', async () => {
    const k = await engineKit({ rules: PACK });
    const bad = ruleFile('fibre-test', 'features.fibre_g_7d_mean < 20.0');
    expect(k.rules.validate('dup.yaml', bad).errors[0]?.message).toMatch(/duplicate rule id 'fibre-test'/);
    expect(() => k.rules.saveUserRule('dup.yaml', bad)).toThrow(/dup\.yaml:1:5: duplicate rule id/);
    expect(fs.existsSync(path.join(k.userDir, 'dup.yaml'))).toBe(false);
    expect(() => k.rules.saveUserRule('../escape.yaml', bad)).toThrow(/file name/);

    const good = ruleFile('mine', 'features.days_logged_7d < 3.0');
    expect(k.rules.validate('mine.yaml', good)).toEqual({ errors: [], ruleIds: ['mine'] });
    const state = k.rules.saveUserRule('mine.yaml', good);
    expect(state.rules.find((r) => r.id === 'mine')).toMatchObject({
      origin: 'user',
      file: 'mine.yaml',
      enabled: true,
    });
    expect(fs.readFileSync(path.join(k.userDir, 'mine.yaml'), 'utf8')).toBe(good);
    // Saving an edit of the same file is not a duplicate of itself.
    expect(k.rules.validate('mine.yaml', good).errors).toEqual([]);
    expect(k.rules.get('mine')).toMatchObject({ source: good, reads: ['features.days_logged_7d'] });

    expect(k.rules.deleteUserRule('mine.yaml').rules.map((r) => r.id)).toEqual(['fibre-test']);
    expect(() => k.rules.deleteUserRule('mine.yaml')).toThrow(/no rule file/);
  });

  it('switches rules off and on (stored in rule_settings, audited); switched-off rules do not run', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Toggle Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    expect(k.rules.setEnabled('fibre-test', false).rules[0]?.enabled).toBe(false);
    expect(k.audit.list('fibre-test', 5).map((a) => a.action)).toEqual(['disable']);
    expect((await k.recs.evaluate(c.id)).created).toBe(0);
    k.rules.setEnabled('fibre-test', true);
    expect((await k.recs.evaluate(c.id)).created).toBe(1);
    expect(() => k.rules.setEnabled('nope', true)).toThrow(/no rule "nope"/);
  });

  it('dry-runs a saved rule or draft text: values read, applies or why not, fired and the message', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({
      name: 'Dry Client',
      dietPattern: 'vegan',
      sex: 'male',
      birthDate: '1980-05-05',
      heightCm: 180,
      weightKg: 80,
    });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-10', '2026-03-15');
    expect(await k.rules.dryRun({ clientId: c.id, ruleId: 'fibre-test' })).toEqual({
      clientId: c.id,
      ruleId: 'fibre-test',
      errors: [],
      variables: { 'features.fibre_g_7d_mean': 10 },
      applies: true,
      skippedBecause: null,
      fired: true,
      message: 'Fibre 10 g.',
    });

    const draft = `${ruleFile('draft', 'features.sodium_mg_7d_mean > targets.sodium_mg')}applies_to:\n  diet_patterns: [omnivore]\n`;
    const dry = await k.rules.dryRun({ clientId: c.id, source: draft });
    expect(dry).toMatchObject({ ruleId: 'draft', applies: false, fired: true, errors: [] });
    expect(dry.skippedBecause).toMatch(/omnivore/);
    expect(Object.keys(dry.variables)).toEqual(['features.sodium_mg_7d_mean', 'targets.sodium_mg']);
    // Nothing was stored.
    expect(k.sqlite.prepare('SELECT count(*) AS n FROM recommendations').get()).toEqual({ n: 0 });

    const broken = await k.rules.dryRun({ clientId: c.id, source: ruleFile('x', 'features.nope > 1.0') });
    expect(broken.fired).toBeNull();
    expect(broken.errors[0]?.message).toMatch(/nope/);
    expect(broken.errors[0]?.line).toBe(5);

    const thin = k.addClient({ name: 'New Client' });
    const none = await k.rules.dryRun({ clientId: thin.id, ruleId: 'fibre-test' });
    expect(none).toMatchObject({ fired: null, applies: true, variables: { 'features.fibre_g_7d_mean': null } });
  });
});
