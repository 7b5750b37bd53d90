import { describe, expect, it } from 'vitest';
import { computeTargets } from './compute.ts';
import { AS_OF, bornYearsAgo, get, targetsFor, woman30 } from './test-profiles.ts';
import { statusOf } from './status.ts';

// woman30 (30 y, 165 cm, 60 kg, active): Mifflin-St Jeor BMR 10 × 60 + 6.25 × 165 − 5 × 30 − 161 = 1320.25;
// maintenance 1320.25 × 1.55 = 2046.3875 kcal.
const BMR = 1320.25;
const MAINTENANCE = BMR * 1.55;

describe('goal: energy', () => {
  it('weight loss at the default 0.5 kg/week: − 0.5 × 7,700 ÷ 7 = 550 kcal a day, cited', () => {
    const t = targetsFor({ goal: 'loss' });
    const e = get(t, 'energyKcal');
    expect(e.value).toBe(Math.round(MAINTENANCE - (0.5 * 7700) / 7));
    expect(e.source).toContain('Weight-loss goal: − 550 kcal/day');
    expect(e.source).toContain('Wishnofsky 1958');
    expect(e.source).toContain('Hall 2008');
    expect(e.source).toBe(e.computedSource);
  });

  it('everything derived from energy follows the goal', () => {
    const kcal = Math.round(MAINTENANCE - (0.5 * 7700) / 7);
    const t = targetsFor({ goal: 'loss' });
    expect(get(t, 'fibreG').value).toBeCloseTo((14 * kcal) / 1000, 9);
    expect(get(t, 'carbG').value).toBeCloseTo((kcal * 0.55) / 4, 9);
    expect(get(t, 'satFatG').value).toBeCloseTo((kcal * 0.1) / 9, 9);
    expect(get(t, 'proteinG').max).toBeCloseTo((kcal * 0.35) / 4, 9);
  });

  it('a fast loss never goes below the BMR, and says so', () => {
    // 1 kg/week = 1,100 kcal/day: 2046.4 − 1100 = 946.4 kcal, below the 1,320.25 kcal BMR.
    const e = get(targetsFor({ goal: 'loss', goalRateKgWeek: 1 }), 'energyKcal');
    expect(e.value).toBe(Math.round(BMR));
    expect(e.min).toBeGreaterThanOrEqual(Math.round(BMR));
    expect(e.source).toContain('raised to the BMR of 1320 kcal');
  });

  it('the BMR floor applies with the IOM EER too (Mifflin-St Jeor is the resting estimate)', () => {
    const eer = computeTargets({ ...woman30, goal: 'loss', goalRateKgWeek: 1 }, 'iom-eer', AS_OF).targets;
    const maintenanceEer = computeTargets(woman30, 'iom-eer', AS_OF).targets;
    const wanted = get(maintenanceEer, 'energyKcal').value - 1100;
    expect(get(eer, 'energyKcal').value).toBe(Math.max(Math.round(wanted), Math.round(BMR)));
  });

  it('weight gain at 0.25 kg/week adds 275 kcal a day', () => {
    const e = get(targetsFor({ goal: 'gain', goalRateKgWeek: 0.25 }), 'energyKcal');
    expect(e.value).toBe(Math.round(MAINTENANCE + (0.25 * 7700) / 7));
    expect(e.source).toContain('Weight-gain goal: + 275 kcal/day');
  });

  it('no deficit or surplus in pregnancy, lactation or under 18, with the reason', () => {
    const pregnant = targetsFor({ lifeStage: 'pregnant', lifeStageDetail: 2 });
    const pregnantLoss = get(targetsFor({ lifeStage: 'pregnant', lifeStageDetail: 2, goal: 'loss' }), 'energyKcal');
    expect(pregnantLoss.value).toBe(get(pregnant, 'energyKcal').value);
    expect(pregnantLoss.source).toContain('not applied in pregnancy');
    const lactating = get(targetsFor({ lifeStage: 'lactating', lifeStageDetail: 4, goal: 'gain' }), 'energyKcal');
    expect(lactating.value).toBe(get(targetsFor({ lifeStage: 'lactating', lifeStageDetail: 4 }), 'energyKcal').value);
    expect(lactating.source).toContain('not applied during lactation');
    const teen = { birthDate: bornYearsAgo(16), heightCm: 160, weightKg: 55 };
    const teenLoss = get(targetsFor({ ...teen, goal: 'loss' }), 'energyKcal');
    expect(teenLoss.value).toBe(get(targetsFor(teen), 'energyKcal').value);
    expect(teenLoss.source).toContain('not applied under 18 y');
  });

  it('sport leaves energy unchanged', () => {
    expect(get(targetsFor({ goal: 'sport' }), 'energyKcal').value).toBe(Math.round(MAINTENANCE));
  });
});

describe('goal: sport protein', () => {
  // The reported bug: a very active 19-year-old runner of 57.5 kg got 0.8 g/kg = 46 g.
  const runner = { birthDate: bornYearsAgo(19), weightKg: 57.5, heightCm: 166, activityLevel: 'very-active' as const };

  it('a 19-year-old runner with goal sport gets 1.6 g/kg, range 1.2–2.0 g/kg, citing ISSN 2017 and ACSM/AND/DC 2016', () => {
    expect(get(targetsFor(runner), 'proteinG').value).toBeCloseTo(0.8 * 57.5, 9);
    const p = get(targetsFor({ ...runner, goal: 'sport' }), 'proteinG');
    expect(p.value).toBeCloseTo(1.6 * 57.5, 9);
    expect(p.min).toBeCloseTo(1.2 * 57.5, 9);
    expect(p.max).toBeCloseTo(2.0 * 57.5, 9);
    expect(p.kind).toBe('goal');
    expect(p.source).toContain('range 1.2–2.0 g/kg (ISSN 2017');
    expect(p.source).toContain('ACSM/AND/DC 2016');
    expect(p.source).toContain(`RDA for comparison: IOM 2005 RDA 0.8 g/kg × 57.5 kg`);
  });

  it('is not applied under 18 y, and says why', () => {
    const p = get(targetsFor({ ...runner, birthDate: bornYearsAgo(16), goal: 'sport' }), 'proteinG');
    expect(p.value).toBeCloseTo(0.85 * 57.5, 9);
    expect(p.source).toContain('not applied under 18 y');
  });

  it('in lactation the minimum is never below the RDA + 25 g', () => {
    const p = get(targetsFor({ goal: 'sport', lifeStage: 'lactating', lifeStageDetail: 3 }), 'proteinG');
    expect(p.value).toBeCloseTo(1.6 * 60, 9);
    expect(p.min).toBeCloseTo(Math.max(1.2 * 60, 0.8 * 60 + 25), 9);
  });
});

describe('diet pattern: iron × 1.8 and zinc × 1.5 for vegetarians (IOM 2001)', () => {
  it('the vegetarian iron target row is itself × 1.8, with the factor in its source', () => {
    const iron = get(targetsFor({ dietPattern: 'vegetarian' }), 'ironMg');
    expect(iron.value).toBeCloseTo(18 * 1.8, 9);
    expect(iron.min).toBeCloseTo(18 * 1.8, 9);
    expect(iron).toMatchObject({ max: 45, ul: 45 });
    expect(iron.source).toContain('× 1.8 for a vegetarian diet');
    expect(iron.source).toContain('IOM 2001 ch. 9');
    const zinc = get(targetsFor({ dietPattern: 'vegan' }), 'zincMg');
    expect(zinc.value).toBeCloseTo(8 * 1.5, 9);
    expect(zinc.source).toContain('× 1.5 for a vegan diet');
  });

  it('lacto- and ovo-vegetarians and vegans too; pescatarians, flexitarians and omnivores keep the RDA', () => {
    for (const diet of ['lacto-vegetarian', 'ovo-vegetarian', 'vegan'] as const)
      expect(get(targetsFor({ dietPattern: diet }), 'ironMg').value).toBeCloseTo(18 * 1.8, 9);
    for (const diet of ['pescatarian', 'flexitarian', 'omnivore', 'other'] as const) {
      expect(get(targetsFor({ dietPattern: diet }), 'ironMg').value).toBe(18);
      expect(get(targetsFor({ dietPattern: diet }), 'zincMg').value).toBe(8);
    }
  });

  it('a pregnant vegetarian gets 45 mg iron, the UL, not 27 × 1.8 = 48.6 mg; the cap is stated', () => {
    const iron = get(targetsFor({ dietPattern: 'vegetarian', lifeStage: 'pregnant', lifeStageDetail: 2 }), 'ironMg');
    expect(iron.value).toBe(45);
    expect(iron.ul).toBe(45);
    expect(iron.source).toContain('= 48.6 mg');
    expect(iron.source).toContain('capped at the UL of 45 mg');
    expect(iron.computedSource).toBe(iron.source);
  });

  it('a capped need keeps a range that can be met: from 10 % under the UL up to the UL', () => {
    const iron = get(targetsFor({ dietPattern: 'vegetarian', lifeStage: 'pregnant', lifeStageDetail: 2 }), 'ironMg');
    expect(iron.min).toBe(40.5);
    expect(iron.max).toBe(45);
    expect(iron.source).toContain('met from 40.5 mg');
    expect(statusOf(iron, 42)).toBe('ok');
    expect(statusOf(iron, 40)).toBe('low');
    expect(statusOf(iron, 45.5)).toBe('high');
    // An uncapped vegetarian need keeps its own minimum.
    const adult = get(targetsFor({ dietPattern: 'vegetarian' }), 'ironMg');
    expect(adult.min).toBeCloseTo(18 * 1.8, 9);
  });
});

describe('pregnancy and lactation: DHA note on the omega-3 ALA target', () => {
  it('cites EFSA 2010 and is absent outside pregnancy and lactation', () => {
    const ala = get(targetsFor({ lifeStage: 'lactating', lifeStageDetail: 2 }), 'alaG');
    expect(ala.notes.map((n) => n.source).join()).toContain('EFSA 2010');
    expect(get(targetsFor({}), 'alaG').notes).toEqual([]);
  });
});
