import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRule, renderMessage, type RuleOutcome } from '../core/rules/evaluate.ts';
import { baseVariables, withVariables, type VariablePatch } from '../core/rules/fixtures.ts';
import { applyGuardrails, DIET_TAGS, whyNotApplicable } from '../core/rules/guardrails.ts';
import { loadRuleDir, PRACTITIONER_TERMS } from '../core/rules/loader.ts';
import type { RuleDef, Variables } from '../core/rules/types.ts';
import { variableNames } from '../core/rules/variables.ts';
import { README, withVariables as readmeWithVariables } from '../scripts/rules-doc.ts';
import { PACK_CASES } from './pack-cases.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const { rules, errors } = loadRuleDir(DIR, 'builtin');

/** Applies (applies_to) and evaluates, as the engine does. */
function run(rule: RuleDef, v: Variables): { applies: string | null; outcome: RuleOutcome } {
  const c = v.client;
  const applies = whyNotApplicable(rule, {
    dietPattern: String(c.diet_pattern),
    ageYears: typeof c.age_years === 'number' ? c.age_years : null,
    lifeStage: String(c.life_stage),
    tags: Array.isArray(c.tags) ? c.tags : [],
    conditions: Array.isArray(c.conditions) ? c.conditions : [],
    goal: String(c.goal ?? 'maintenance'),
  });
  return { applies, outcome: evaluateRule(rule, v) };
}

const vars = (patch: VariablePatch): Variables => withVariables(baseVariables(), patch);

describe('the default rule pack', () => {
  it('loads with no errors', () => {
    expect(errors).toEqual([]);
    expect(rules.length).toBeGreaterThanOrEqual(20);
  });

  it('gives every rule a reference, a rationale and a unique id', () => {
    for (const r of rules) {
      expect(r.references.length, r.id).toBeGreaterThanOrEqual(1);
      expect(r.then.rationale.length, r.id).toBeGreaterThan(30);
    }
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('has a fires / does-not-fire case for exactly the rules in the pack', () => {
    expect(Object.keys(PACK_CASES).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it('fires nothing for the well-nourished base client', () => {
    const fired = rules.filter((r) => {
      const { applies, outcome } = run(r, baseVariables());
      return applies === null && outcome.status === 'fired';
    });
    expect(fired.map((r) => r.id)).toEqual([]);
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const cases = PACK_CASES[id];

    it('fires on its case', () => {
      const { applies, outcome } = run(rule, vars(cases?.fires ?? {}));
      expect(applies).toBeNull();
      expect(outcome).toEqual({ status: 'fired' });
    });

    it('does not fire on its counter-case', () => {
      const { applies, outcome } = run(rule, vars(cases?.doesNot ?? {}));
      expect(['not-fired', 'fired']).toContain(outcome.status);
      expect(applies !== null || outcome.status === 'not-fired').toBe(true);
    });

    it('is "not enough data", not a firing, when a value it reads is null', () => {
      const v = vars(cases?.fires ?? {});
      const [group, name] = (rule.reads[0] ?? '').split('.') as [keyof Variables, string];
      (v[group] as Record<string, unknown>)[name] = null;
      expect(evaluateRule(rule, v)).toEqual({ status: 'insufficient-data', missing: [rule.reads[0]] });
    });

    it('renders its message and its client wording without gaps', () => {
      const text = renderMessage(rule.then.message, vars(cases?.fires ?? {}));
      expect(text).not.toMatch(/\{\{|\}\}|undefined|NaN|—/);
      expect(rule.then.clientMessage, 'every built-in rule speaks to the client in its report').not.toBeNull();
      const forClient = renderMessage(rule.then.clientMessage ?? '', vars(cases?.fires ?? {}));
      expect(forClient).not.toMatch(/\{\{|\}\}|undefined|NaN|—/);
      // The client's report prints the title and the client wording.
      for (const term of PRACTITIONER_TERMS) expect(`${rule.title} ${forClient}`).not.toMatch(term);
    });

    it('offers a vegan client with many allergies only suggestions that suit them', () => {
      const client = {
        dietPattern: 'vegan',
        allergies: ['milk', 'egg', 'peanuts', 'tree nuts', 'wheat', 'fish', 'shellfish', 'soy', 'sesame'],
        lifeStage: 'none',
        edSensitive: false,
      };
      const g = applyGuardrails(rule, client, 'm');
      for (const s of g.suggestions) {
        expect(
          s.tags.filter((t) => DIET_TAGS.includes(t)),
          s.text,
        ).toEqual([]);
        expect(s.contains, s.text).toEqual([]);
      }
    });
  });

  it("compares with the client's own targets, never a hard-coded reference value where a target exists", () => {
    // A literal next to a nutrient's intake in a condition is a fixed DRI the practitioner cannot
    // override; only references without a target (WHO 400 g fruit and veg, PROT-AGE 1.0 g/kg over 65,
    // activity and sleep guidelines, shares of energy (… / energy_kcal_7d_mean > 0.35), the AHA's
    // 1,500 mg prompt for hypertension, caffeine and alcohol, which have no DRI) may be literals.
    const literal = /features\.(\w+?)_7d_mean\s*[<>]=?\s*(?!0\.0\b)\d/;
    const allowed = new Set(['fruit_veg_g', 'sleep_hours', 'sodium_mg', 'energy_kcal', 'caffeine_mg', 'alcohol_g']);
    for (const r of rules) {
      const m = literal.exec(r.when);
      if (m) expect(allowed.has(m[1] ?? ''), `${r.id}: ${r.when}`).toBe(true);
    }
  });

  it('marks energy rules calorie-focused, so eating-disorder-sensitive clients never see them', () => {
    const energy = rules.filter((x) => x.then.category === 'energy');
    expect(energy.length).toBeGreaterThanOrEqual(2);
    for (const r of energy) expect(r.guardrails.calorieFocused, r.id).toBe(true);
  });
});

describe('rules/README.md', () => {
  it('lists every declared variable and is up to date with core/rules/variables.ts', async () => {
    const text = readFileSync(README, 'utf8');
    for (const name of variableNames()) expect(text).toContain(`\`${name}\``);
    expect(await readmeWithVariables(text)).toBe(text);
  });
});
