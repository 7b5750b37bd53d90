import { describe, expect, it } from 'vitest';
import { CONDITIONS, DIET_PATTERNS, GOALS } from '../contract/common.ts';
import { type TargetValue } from '../contract/targets.ts';
import { computeTargets, type TargetProfile } from './compute.ts';
import { VEGETARIAN_FACTORS, VEGETARIAN_PATTERNS } from './adjustments.ts';
import { AS_OF, bornYearsAgo, woman30 } from './test-profiles.ts';
import type { Condition, LifeStage, Sex } from '../contract/common.ts';

/**
 * Property over a grid of profiles: ages 1–90, both sexes, not pregnant / each trimester / each month of
 * lactation (1–24), every diet pattern; goals and condition sets rotate through every combination
 * (a full cross product would be millions of profiles), and a second pass crosses every goal with every
 * condition set, CKD stages included, at a few ages. Invariants:
 * - every target value (and suggestion) is finite, not negative, and at most its UL where one exists;
 * - an adjustment that the UL capped says so in its source;
 * - the vegetarian factors are applied exactly (× 1.8 iron, × 1.5 zinc) whenever the UL allows.
 */

const CONDITION_SETS: { conditions: Condition[]; ckdStage: number | null }[] = [
  { conditions: [], ckdStage: null },
  ...CONDITIONS.filter((c) => c !== 'chronic-kidney-disease').map((c) => ({ conditions: [c], ckdStage: null })),
  ...[null, 1, 2, 3, 4, 5].map((s) => ({ conditions: ['chronic-kidney-disease' as Condition], ckdStage: s })),
  { conditions: [...CONDITIONS], ckdStage: 4 },
];

const LIFE_STAGES: { lifeStage: LifeStage; lifeStageDetail: number | null }[] = [
  { lifeStage: 'none', lifeStageDetail: null },
  ...[1, 2, 3].map((d) => ({ lifeStage: 'pregnant' as const, lifeStageDetail: d })),
  ...Array.from({ length: 24 }, (_, i) => ({ lifeStage: 'lactating' as const, lifeStageDetail: i + 1 })),
];

/** Plausible body size for an age, so the energy equations stay in their range. */
function body(age: number, sex: Sex): { heightCm: number; weightKg: number } {
  if (age < 18) return { heightCm: 75 + age * 5.5, weightKg: 9 + age * 3.2 };
  return sex === 'male' ? { heightCm: 176, weightKg: 80 } : { heightCm: 163, weightKg: 64 };
}

function check(p: TargetProfile, label: string): TargetValue[] {
  const targets = computeTargets(p, 'mifflin-st-jeor', AS_OF).targets;
  for (const t of targets) {
    const where = `${label}: ${t.key}`;
    expect(Number.isFinite(t.value) && t.value >= 0, where).toBe(true);
    if (t.ul !== null) {
      expect(t.value, where).toBeLessThanOrEqual(t.ul);
      if (t.suggestion) expect(t.suggestion.value, where).toBeLessThanOrEqual(t.ul);
      if (t.value === t.ul && t.source.includes('×')) expect(t.source, where).toContain('capped at the UL');
    }
    expect(t.computedSource, where).toBe(t.source);
  }
  return targets;
}

describe('no target exceeds the UL of the life stage; capped adjustments say so', () => {
  it('holds over ages 1–90 × sex × life stage × diet, with goals and conditions rotating', () => {
    let n = 0;
    let capped = 0;
    for (let age = 1; age <= 90; age++) {
      for (const sex of ['female', 'male'] as const) {
        for (const stage of sex === 'female' ? LIFE_STAGES : LIFE_STAGES.slice(0, 1)) {
          // What the factors apply to: the same person without the vegetarian diet (iron and zinc do not
          // depend on the goal or the conditions, so once per age, sex and life stage).
          const plain = computeTargets(
            { ...woman30, sex, birthDate: bornYearsAgo(age), ...body(age, sex), ...stage },
            'mifflin-st-jeor',
            AS_OF,
          ).targets;
          for (const dietPattern of DIET_PATTERNS) {
            const goal = GOALS[n % GOALS.length] ?? 'maintenance';
            const set = CONDITION_SETS[n % CONDITION_SETS.length] ?? { conditions: [], ckdStage: null };
            n++;
            const p: TargetProfile = {
              ...woman30,
              sex,
              birthDate: bornYearsAgo(age),
              ...body(age, sex),
              ...stage,
              dietPattern,
              goal,
              goalRateKgWeek: 0.1 + (n % 10) / 10,
              ...set,
            };
            const targets = check(p, `${sex} ${age} y ${stage.lifeStage} ${stage.lifeStageDetail} ${dietPattern}`);
            if (!VEGETARIAN_PATTERNS.includes(dietPattern)) continue;
            for (const key of ['ironMg', 'zincMg'] as const) {
              const t = targets.find((x) => x.key === key);
              const base = plain.find((x) => x.key === key);
              if (!t || !base || t.ul === null) throw new Error(`no ${key}`);
              const wanted = base.value * VEGETARIAN_FACTORS[key];
              if (wanted > t.ul) {
                capped++;
                expect(t.value).toBe(t.ul);
                expect(t.source).toContain(`capped at the UL of ${t.ul} mg`);
              } else {
                expect(t.value).toBeCloseTo(wanted, 9);
                expect(t.source).not.toContain('capped');
              }
            }
          }
        }
      }
    }
    expect(n).toBe(90 * (LIFE_STAGES.length + 1) * DIET_PATTERNS.length);
    // Pregnant vegetarians (27 × 1.8 = 48.6 > 45 mg) are among the capped cases.
    expect(capped).toBeGreaterThan(0);
  }, 120_000); // about 21,000 profiles: seconds alone, longer on a busy 2-core machine

  it('holds for every goal × every condition set (CKD stages included) at child, teen, adult and old ages', () => {
    for (const age of [3, 10, 16, 19, 45, 75]) {
      for (const goal of GOALS) {
        for (const set of CONDITION_SETS) {
          for (const stage of [LIFE_STAGES[0], LIFE_STAGES[2], LIFE_STAGES[10]]) {
            if (!stage) continue;
            check(
              {
                ...woman30,
                birthDate: bornYearsAgo(age),
                ...body(age, 'female'),
                goal,
                ...set,
                ...stage,
                dietPattern: 'vegan',
              },
              `${age} y ${goal} ${set.conditions.join('+')} ${set.ckdStage}`,
            );
          }
        }
      }
    }
  });
});
