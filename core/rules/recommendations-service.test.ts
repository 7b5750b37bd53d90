import { describe, expect, it } from 'vitest';
import { DISCLAIMER, ENERGY_FIGURE } from './guardrails.ts';
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
    expect(first).toMatchObject({ created: 5, updated: 0, resolved: 0, active: 5, errors: [] });
    expect(first.changes.map((x) => x.kind)).toEqual(['new', 'new', 'new', 'new', 'new']);
    const list = await k.recs.list(c.id, false);
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
    const second = await k.recs.evaluate(c.id);
    expect(second).toMatchObject({ created: 0, resolved: 0, active: 5, errors: [] });
    // Fibre's value moved; the others' confidence moved with the extra entry.
    expect(second.changes).toContainEqual({ kind: 'updated', ruleId: 'fibre-test', title: 'Test rule fibre-test' });
    expect(second.changes.every((x) => x.kind === 'updated')).toBe(true);
    // Nothing changed since: nothing is written (sync is not churned by identical refreshes).
    const before = k.sqlite.prepare('SELECT max(updated_at) AS t FROM recommendations').get();
    k.clock.advance(60_000);
    expect((await k.recs.evaluate(c.id)).changes).toEqual([]);
    expect(k.sqlite.prepare('SELECT max(updated_at) AS t FROM recommendations').get()).toEqual(before);
    const again = (await k.recs.list(c.id, true)).filter((r) => r.ruleId === 'fibre-test');
    expect(again).toHaveLength(1);
    expect(again[0]?.values['features.fibre_g_7d_mean']).toBe(11);
    expect(again[0]?.id).toBe(fibre?.id);
  });

  it('keeps a dismissed recommendation dismissed for the cooldown, then raises it again; history is kept', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Dismiss Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-31');
    await k.recs.evaluate(c.id);
    const fibre = (await k.recs.list(c.id, false)).find((r) => r.ruleId === 'fibre-test');
    const dismissed = k.recs.dismiss(fibre?.id ?? '', 'Client is already working on it');
    expect(dismissed).toMatchObject({ status: 'dismissed', dismissReason: 'Client is already working on it' });
    expect(k.audit.list(fibre?.id, 10).map((a) => a.action)).toEqual(['dismiss']);

    k.clock.advance(3 * DAY);
    expect((await k.recs.evaluate(c.id)).created).toBe(0);
    expect((await k.recs.list(c.id, false)).some((r) => r.ruleId === 'fibre-test')).toBe(false);

    k.clock.advance(5 * DAY); // 8 days after the dismissal: past the 7-day cooldown
    expect((await k.recs.evaluate(c.id)).created).toBe(1);
    const all = (await k.recs.list(c.id, true)).filter((r) => r.ruleId === 'fibre-test');
    expect(all.map((r) => r.status)).toEqual(['new', 'dismissed']);
  });

  it('accepts (audited, stays open and deduplicated); an accepted one that still fires stays open past its expiry', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Accept Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-04-15');
    await k.recs.evaluate(c.id);
    const sodium = (await k.recs.list(c.id, false)).find((r) => r.ruleId === 'sodium-test');
    expect(k.recs.accept(sodium?.id ?? '')).toMatchObject({ status: 'accepted', dismissReason: null });
    expect(k.audit.list(sodium?.id, 10).map((a) => a.action)).toEqual(['accept']);
    expect((await k.recs.evaluate(c.id)).created).toBe(0);

    // 15 days on the data still meets the rules: the same rows stay open, carrying that day's values.
    k.clock.advance(15 * DAY);
    const open = await k.recs.list(c.id, false);
    expect(open.map((r) => r.status).sort()).toEqual(['accepted', 'new', 'new', 'new', 'new']);
    expect(open.find((r) => r.ruleId === 'sodium-test')?.id).toBe(sodium?.id);
    expect(open.every((r) => (r.expiresAt ?? 0) > k.clock.now())).toBe(true);
  });

  it('resolves a recommendation whose rule no longer fires, keeping the values it last had', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Resolve Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-09', '2026-03-15');
    const fibre = (await k.recs.list(c.id, false)).find((r) => r.ruleId === 'fibre-test');
    expect(fibre?.values['features.fibre_g_7d_mean']).toBe(10);

    // Plenty of fibre every day now: the rule stops firing and its card closes at the next read.
    for (const d of ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15'])
      k.addEvent({ clientId: c.id, date: d, fibreG: 25 });
    const open = await k.recs.list(c.id, false);
    expect(open.some((r) => r.ruleId === 'fibre-test')).toBe(false);
    const closed = (await k.recs.list(c.id, true)).find((r) => r.id === fibre?.id);
    expect(closed).toMatchObject({ status: 'resolved', values: { 'features.fibre_g_7d_mean': 10 } });
    expect(() => k.recs.accept(fibre?.id ?? '')).toThrow(/no longer applies/);

    // The days pass with nothing logged: rules that read means have too little data and resolve too.
    k.clock.advance(10 * DAY);
    const result = await k.recs.evaluate(c.id);
    expect(result.active).toBe(0);
    expect((await k.recs.list(c.id, false)).map((r) => r.ruleId)).toEqual([]);
  });

  it('closes an older duplicate of the same rule (rows from two computers), keeping the newest', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Twin Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    await k.recs.evaluate(c.id);
    const fibre = (await k.recs.list(c.id, false)).find((r) => r.ruleId === 'fibre-test');
    // Another computer's row for the same rule arrives by sync, a minute newer.
    k.sqlite
      .prepare(
        `INSERT INTO recommendations (id, client_id, rule_id, rule_version, title, message, rationale, severity, category,
           confidence, suggestions, guardrails, "references", condition, "values", status, created_at, updated_at)
         SELECT '01900000-0000-7000-8000-0000000000aa', client_id, rule_id, rule_version, title, message, rationale,
           severity, category, confidence, suggestions, guardrails, "references", condition, "values", 'new',
           created_at + 60000, updated_at + 60000 FROM recommendations WHERE id = ?`,
      )
      .run(fibre?.id);
    const open = (await k.recs.list(c.id, false)).filter((r) => r.ruleId === 'fibre-test');
    expect(open.map((r) => r.id)).toEqual(['01900000-0000-7000-8000-0000000000aa']);
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
    expect((await k.recs.list(full.id, false)).find((r) => r.ruleId === 'fibre-test')?.confidence).toBe(1);
    const list = await k.recs.list(sparse.id, false);
    const conf = Object.fromEntries(list.map((r) => [r.ruleId, r.confidence]));
    // 3 of 7 days, one entry a day: 0.7 × 3/7 + 0.3 × 1/3 = 0.4; the streak rule reads no intake.
    expect(conf['fibre-test']).toBe(0.4);
    expect(conf['streak-test']).toBe(1);
    const low = list.filter((r) => r.severity === 'low').map((r) => r.confidence);
    expect(low).toEqual([...low].sort((a, b) => b - a));
    expect(list[0]?.ruleId).toBe('sodium-test'); // high severity first, whatever its confidence
    expect(list[1]?.ruleId).toBe('streak-test'); // low severity, confidence 1 before 0.4
    k.recs.accept(list[0]?.id ?? '');
    const after = await k.recs.list(sparse.id, false);
    expect(after.at(-1)?.ruleId).toBe('sodium-test'); // accepted after every new one
    expect(after.at(-1)?.status).toBe('accepted');
  });

  it('hides calorie-focused rules and energy figures from an eating-disorder-sensitive client', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Careful Client', edSensitive: true });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    await k.recs.evaluate(c.id);
    const list = await k.recs.list(c.id, false);
    expect(list.map((r) => r.ruleId).sort()).toEqual(['fibre-test', 'satfat-test', 'sodium-test', 'streak-test']);
    const satfat = list.find((r) => r.ruleId === 'satfat-test');
    expect(satfat?.message).toBe('Saturated fat averaged 20 g a day.');
    for (const r of list) {
      expect(r.message).not.toMatch(/kcal|1,500|1500/);
      expect(JSON.stringify(r.suggestions)).not.toMatch(/kcal/);
    }
  });

  it('applies eating-disorder-sensitive care to rows already stored, at once, without re-evaluating', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Turned On Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    await k.recs.evaluate(c.id);
    const stored = (await k.recs.list(c.id, false)).find((r) => r.ruleId === 'satfat-test');
    expect(stored?.message).toMatch(/1,500 kcal/);
    k.clients.update(c.id, { edSensitive: true });
    // Read without any evaluation in between (the stored rows still hold the figures).
    const { presentForClient } = await import('./present.ts');
    const withEnergy = { ...(stored as NonNullable<typeof stored>), values: { 'features.energy_kcal_7d_mean': 1500 } };
    const shown = presentForClient(withEnergy, k.clients.get(c.id), k.rules.rule('satfat-test'));
    expect(shown?.message).toBe('Saturated fat averaged 20 g a day.');
    expect(JSON.stringify(shown)).not.toMatch(ENERGY_FIGURE);
    expect(shown?.values['features.energy_kcal_7d_mean']).toBe('hidden (eating-disorder-sensitive care)');
    const energy = (await k.recs.list(c.id, true)).find((r) => r.ruleId === 'energy-test');
    expect(energy).toBeUndefined(); // calorie-focused: not shown, open or closed
    for (const r of await k.recs.list(c.id, true)) expect(JSON.stringify(r)).not.toMatch(ENERGY_FIGURE);
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

  it('evaluates once, a second after the last of several changes to the client data, and never throws', async () => {
    const k = await engineKit({ rules: PACK });
    const c = k.addClient({ name: 'Debounce Client' });
    logDays(k, { clientId: c.id, ...DIET }, '2026-03-01', '2026-03-15');
    const stored = (): number =>
      (k.sqlite.prepare('SELECT count(*) AS n FROM recommendations WHERE client_id = ?').get(c.id) as { n: number }).n;
    // Said on the change feed, as the services that write client data say it; nobody calls the rules.
    k.changes.clientDataChanged(c.id, 'log');
    k.changes.clientDataChanged(c.id, 'targets');
    k.changes.clientDataChanged('00000000-0000-7000-8000-000000000000', 'sync'); // unknown: logged, not thrown
    expect(stored()).toBe(0);
    await waitFor(() => stored() === 5, 60_000, 'the debounced evaluation');
  });
});
