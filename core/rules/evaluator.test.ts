import { afterEach, describe, expect, it } from 'vitest';
import { createRuleEvaluator, runawayMessage, type RuleEvaluator } from './evaluator.ts';
import type { Variables } from './types.ts';

const evaluators: RuleEvaluator[] = [];
afterEach(async () => {
  for (const e of evaluators.splice(0)) await e.close();
});
function evaluator(opts: Parameters<typeof createRuleEvaluator>[0] = {}): RuleEvaluator {
  const e = createRuleEvaluator(opts);
  evaluators.push(e);
  return e;
}

const LIST = `[${Array.from({ length: 100 }, (_, i) => `${i}.0`).join(', ')}]`;
// 100⁴ = 10⁸ comprehension steps: about ten seconds of cel-js, far beyond any real rule.
const RUNAWAY = `${LIST}.all(a, ${LIST}.all(b, ${LIST}.all(c, ${LIST}.all(d, a + b + c + d >= 0.0))))`;
// Builds 10⁶ lists of 100 elements: runs the worker out of its heap cap.
const HOG = `${LIST}.map(a, ${LIST}.map(b, ${LIST}.map(c, ${LIST}.map(d, ${LIST})))).size() > 0`;

const vars = (fibre: number | null): Variables => ({
  features: { fibre_g_7d_mean: fibre, days_logged_7d: 5 },
  targets: { fibre_g: 25 },
  client: { diet_pattern: 'vegan' },
});

const RULES = [
  {
    id: 'low-fibre',
    when: 'features.fibre_g_7d_mean < targets.fibre_g',
    reads: ['features.fibre_g_7d_mean', 'targets.fibre_g'],
  },
  { id: 'runaway', when: RUNAWAY, reads: [] },
  { id: 'hog', when: HOG, reads: [] },
  { id: 'logging', when: 'features.days_logged_7d < 3.0', reads: ['features.days_logged_7d'] },
];

describe('rule evaluator (worker + watchdog)', () => {
  it('evaluates rules and reports the values they read; a null read means not enough data', async () => {
    const e = evaluator();
    e.setRules(RULES);
    const out = await e.evaluate(['low-fibre', 'logging'], vars(12));
    expect(out).toEqual([
      {
        ruleId: 'low-fibre',
        fired: true,
        values: { 'features.fibre_g_7d_mean': 12, 'targets.fibre_g': 25 },
        error: null,
      },
      { ruleId: 'logging', fired: false, values: { 'features.days_logged_7d': 5 }, error: null },
    ]);
    const missing = await e.evaluate(['low-fibre'], vars(null));
    expect(missing[0]).toMatchObject({ fired: null, error: null, values: { 'features.fibre_g_7d_mean': null } });
  });

  it('stops a runaway rule after the time limit and still evaluates the rules after it', async () => {
    const e = evaluator({ timeLimitMs: 250 });
    e.setRules(RULES);
    // A runaway that was not stopped would never return (the test's own limit would end it).
    const out = await e.evaluate(['low-fibre', 'runaway', 'logging'], vars(30));
    expect(out.map((o) => o.ruleId)).toEqual(['low-fibre', 'runaway', 'logging']);
    expect(out[0]).toMatchObject({ fired: false, error: null });
    expect(out[1]).toMatchObject({ fired: null, error: runawayMessage(250) });
    expect(out[1]?.error).toBe('stopped after 250 ms: it did not finish (a runaway condition)');
    expect(out[2]).toMatchObject({ fired: false, error: null });
    expect(e.restarts).toBe(1);
    // The replacement worker keeps serving.
    expect((await e.evaluate(['low-fibre'], vars(3)))[0]?.fired).toBe(true);
  });

  it('reports a worker crash (out of memory) for the rule in flight and carries on', async () => {
    const e = evaluator({ timeLimitMs: 20_000, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    e.setRules(RULES);
    const out = await e.evaluate(['hog', 'low-fibre'], vars(3));
    expect(out[0]?.ruleId).toBe('hog');
    expect(out[0]?.error).toMatch(/stopped unexpectedly.*out of memory/);
    expect(out[1]).toMatchObject({ ruleId: 'low-fibre', fired: true, error: null });
  });

  it('reports evaluation errors and unknown rules per rule; ad-hoc rules run once', async () => {
    const e = evaluator();
    e.setRules(RULES);
    const out = await e.evaluate(['nope', 'draft'], vars(3), [
      { id: 'draft', when: 'features.fibre_g_7d_mean / 0.0 > 1.0 && client.diet_pattern.size() > 100', reads: [] },
    ]);
    expect(out[0]).toMatchObject({ ruleId: 'nope', fired: null });
    expect(out[0]?.error).toMatch(/not loaded/);
    expect(out[1]).toMatchObject({ ruleId: 'draft', fired: false, error: null });
    // Replacing the rule set recompiles it in the same worker.
    e.setRules([{ id: 'nope', when: 'true', reads: [] }]);
    expect((await e.evaluate(['nope'], vars(3)))[0]?.fired).toBe(true);
  });

  it('evaluateMany: the outcomes of evaluate for each client; a runaway rule is stopped for its client only', async () => {
    const e = evaluator({ timeLimitMs: 250 });
    e.setRules(RULES);
    const items = [
      { ruleIds: ['low-fibre', 'logging'], variables: vars(12) },
      { ruleIds: ['low-fibre', 'runaway', 'logging'], variables: vars(30) },
      { ruleIds: ['low-fibre', 'nope'], variables: vars(null) },
      { ruleIds: [], variables: vars(3) },
      { ruleIds: ['low-fibre'], variables: vars(3) },
    ];
    const many = await e.evaluateMany(items);
    const strip = (o: { ruleId: string; fired: boolean | null; error: string | null }) => ({
      ruleId: o.ruleId,
      fired: o.fired,
      error: o.error,
    });
    expect(many.map((outs) => outs.map(strip))).toEqual([
      [
        { ruleId: 'low-fibre', fired: true, error: null },
        { ruleId: 'logging', fired: false, error: null },
      ],
      [
        { ruleId: 'low-fibre', fired: false, error: null },
        { ruleId: 'runaway', fired: null, error: runawayMessage(250) },
        { ruleId: 'logging', fired: false, error: null },
      ],
      [
        { ruleId: 'low-fibre', fired: null, error: null },
        { ruleId: 'nope', fired: null, error: 'The rule "nope" is not loaded.' },
      ],
      [],
      [{ ruleId: 'low-fibre', fired: true, error: null }],
    ]);
    // The same answers, client by client, as one request each.
    for (const [i, item] of items.entries()) {
      if (i === 1) continue; // the runaway: checked above
      expect((await e.evaluate(item.ruleIds, item.variables)).map(strip)).toEqual(many[i]?.map(strip));
    }
    expect(e.restarts).toBeGreaterThanOrEqual(1);
  });
});
