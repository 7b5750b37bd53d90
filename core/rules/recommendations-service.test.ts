import { describe, expect, it } from 'vitest';
import { DISCLAIMER } from './guardrails.ts';
import { engineKit, logDays, waitFor } from './test-kit.ts';

const DAY = 86_400_000;

const rule = (id: string, when: string, extra: { severity?: string; message?: string; more?: string } = {}): string => `
  - id: ${id}
    title: Test rule ${id}
    version: 1
    description: A rule for the engine tests.
    when: '${when}'
    then:
      message: '${extra.message ?? `${id} fired.`}'
      rationale: For the tests.
      severity: ${extra.severity ?? 'low'}
      category: test
${extra.more ?? ''}    cooldown_days: 7
    expires_in_days: 14
    references: [Test reference]
`;

const PACK = {
  'test.yaml': `rules:
${rule('fibre-test', 'features.fibre_g_7d_mean < 20.0', { message: 'Fibre averaged {{features.fibre_g_7d_mean}} g a day.' })}
${rule('sodium-test', 'features.sodium_mg_7d_mean > 2000.0', { severity: 'high' })}
${rule('streak-test', 'features.logging_streak_days >= 3.0')}
${rule('energy-test', 'features.energy_kcal_7d_mean > 1000.0', {
  message: 'Energy averaged {{features.energy_kcal_7d_mean}} kcal a day.',
  more: '    guardrails:\n      calorie_focused: true\n',
})}
${rule('satfat-test', 'features.sat_fat_g_7d_mean > 1.0', {
  message:
    'Saturated fat averaged {{features.sat_fat_g_7d_mean}} g a day (about {{features.energy_kcal_7d_mean}} kcal a day).',
})}
`,
};

const DIET = { energyKcal: 1500, fibreG: 10, sodiumMg: 3000, satFatG: 20 };

describe('recommendations', () => {
  it('creates one row per firing rule, with why, guardrail notes and an expiry; re-evaluating deduplicates', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Dedupe Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    const first = await k.recs.evaluate(c.id);
    expect(first).toEqual({ created: 5, active: 5, errors: [] });
    const list = k.recs.list(c.id, false);
    const fibre = list.find((r) => r.ruleId === 'fibre-test');
    expect(fibre).toMatchObject({
      status: 'new',
      message: 'Fibre averaged 10 g a day.',
      condition: 'features.fibre_g_7d_mean < 20.0',
      values: { 'features.fibre_g_7d_mean': 10 },
      references: ['Test reference'],
      expiresAt: k.clock.now() + 14 * DAY,
    });
    expect(fibre?.guardrails.at(-1)).toBe(DISCLAIMER);

    // More fibre today: the open row is refreshed, not duplicated.
    k.addEvent({ clientId: c.id, date: '2026-03-15', fibreG: 7 });
    k.clock.advance(60_000);
    expect(await k.recs.evaluate(c.id)).toEqual({ created: 0, active: 5, errors: [] });
    const again = k.recs.list(c.id, true).filter((r) => r.ruleId === 'fibre-test');
    expect(again).toHaveLength(1);
    expect(again[0]?.values['features.fibre_g_7d_mean']).toBe(11);
    expect(again[0]?.id).toBe(fibre?.id);
  });

  it('keeps a dismissed recommendation dismissed for the cooldown, then raises it again; history is kept', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Dismiss Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-31');
    await k.recs.evaluate(c.id);
    const fibre = k.recs.list(c.id, false).find((r) => r.ruleId === 'fibre-test');
    const dismissed = k.recs.dismiss(fibre?.id ?? '', 'Client is already working on it');
    expect(dismissed).toMatchObject({ status: 'dismissed', dismissReason: 'Client is already working on it' });
    expect(k.audit.list(fibre?.id, 10).map((a) => a.action)).toEqual(['dismiss']);

    k.clock.advance(3 * DAY);
    expect((await k.recs.evaluate(c.id)).created).toBe(0);
    expect(k.recs.list(c.id, false).some((r) => r.ruleId === 'fibre-test')).toBe(false);

    k.clock.advance(5 * DAY); // 8 days after the dismissal: past the 7-day cooldown
    expect((await k.recs.evaluate(c.id)).created).toBe(1);
    const all = k.recs.list(c.id, true).filter((r) => r.ruleId === 'fibre-test');
    expect(all.map((r) => r.status)).toEqual(['new', 'dismissed']);
  });

  it('accepts (audited, stays open and deduplicated) and expires open rows after expires_in_days', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Accept Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-04-15');
    await k.recs.evaluate(c.id);
    const sodium = k.recs.list(c.id, false).find((r) => r.ruleId === 'sodium-test');
    expect(k.recs.accept(sodium?.id ?? '')).toMatchObject({ status: 'accepted', dismissReason: null });
    expect(k.audit.list(sodium?.id, 10).map((a) => a.action)).toEqual(['accept']);
    expect((await k.recs.evaluate(c.id)).created).toBe(0);

    k.clock.advance(15 * DAY);
    const closed = k.recs.list(c.id, true);
    expect(closed.every((r) => r.status === 'expired')).toBe(true);
    expect(k.recs.list(c.id, false)).toEqual([]);
    expect(() => k.recs.accept(sodium?.id ?? '')).toThrow(/expired/);
    // Still true 15 days on: fresh recommendations replace the expired ones.
    expect((await k.recs.evaluate(c.id)).created).toBe(5);
  });

  it('ranks new before accepted, then by severity, then by confidence from data completeness', async () => {
    const k = await engineKit({ rules: PACK });
    const full = k.addClient({ name: 'Full Logger' });
    for (const meal of [1, 2, 3]) {
      logDays(
        k,
        { clientId: full.id, energyKcal: 500, fibreG: 3, sodiumMg: 1000, satFatG: 7, proteinG: meal },
        '2026-03-01',
        '2026-03-15',
      );
    }
    const sparse = k.addClient({ name: 'Sparse Logger' });
    logDays(k, { clientId: sparse.id, ...DIET }, '2026-03-13', '2026-03-15');
    await k.recs.evaluate(full.id);
    await k.recs.evaluate(sparse.id);
    // 7 of 7 days with 3 entries each: 0.7 × 1 + 0.3 × 1.
    expect(k.recs.list(full.id, false).find((r) => r.ruleId === 'fibre-test')?.confidence).toBe(1);
    const list = k.recs.list(sparse.id, false);
    const conf = Object.fromEntries(list.map((r) => [r.ruleId, r.confidence]));
    // 3 of 7 days, one entry a day: 0.7 × 3/7 + 0.3 × 1/3 = 0.4; the streak rule reads no intake.
    expect(conf['fibre-test']).toBe(0.4);
    expect(conf['streak-test']).toBe(1);
    const low = list.filter((r) => r.severity === 'low').map((r) => r.confidence);
    expect(low).toEqual([...low].sort((a, b) => b - a));
    expect(list[0]?.ruleId).toBe('sodium-test'); // high severity first, whatever its confidence
    expect(list[1]?.ruleId).toBe('streak-test'); // low severity, confidence 1 before 0.4
    k.recs.accept(list[0]?.id ?? '');
    const after = k.recs.list(sparse.id, false);
    expect(after.at(-1)?.ruleId).toBe('sodium-test'); // accepted after every new one
    expect(after.at(-1)?.status).toBe('accepted');
  });

  it('hides calorie-focused rules and energy figures from an eating-disorder-sensitive client', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Careful Client', edSensitive: true });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    await k.recs.evaluate(c.id);
    const list = k.recs.list(c.id, false);
    expect(list.map((r) => r.ruleId).sort()).toEqual(['fibre-test', 'satfat-test', 'sodium-test', 'streak-test']);
    const satfat = list.find((r) => r.ruleId === 'satfat-test');
    expect(satfat?.message).toBe('Saturated fat averaged 20 g a day.');
    for (const r of list) {
      expect(r.message).not.toMatch(/kcal|1,500|1500/);
      expect(JSON.stringify(r.suggestions)).not.toMatch(/kcal/);
    }
  });

  it('reports a runaway rule while the other rules still produce recommendations', async () => {
    const big = `[${Array.from({ length: 100 }, (_, i) => `${i}.0`).join(', ')}]`;
    const runaway = `${big}.all(a, ${big}.all(b, ${big}.all(c, ${big}.all(d, a + b + c + d >= 0.0))))`;
    const k = await engineKit({ rules: { ...PACK, 'runaway.yaml': `rules:\n${rule('runaway-test', runaway)}` } });
    const c = k.addClient({ name: 'Runaway Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    const result = await k.recs.evaluate(c.id);
    expect(result.errors).toEqual([
      { ruleId: 'runaway-test', message: 'stopped after 250 ms: it did not finish (a runaway condition)' },
    ]);
    expect(result.created).toBe(5);
    expect(k.evaluator.restarts).toBe(1);
  });

  it('evaluates once, a second after the last of several log changes, and never throws', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Debounce Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    k.recs.evaluateDebounced(c.id);
    k.recs.evaluateDebounced(c.id);
    k.recs.evaluateDebounced('00000000-0000-7000-8000-000000000000'); // unknown client: logged, not thrown
    expect(k.recs.list(c.id, false)).toEqual([]);
    await waitFor(() => k.recs.list(c.id, false).length === 5, 5000, 'the debounced evaluation');
  });
});
