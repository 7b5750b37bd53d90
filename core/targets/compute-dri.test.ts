import { describe, expect, it } from 'vitest';
import { bornYearsAgo, get, targetsFor, targetValue } from './test-profiles.ts';

// The DRI lookups behind computeTargets: group boundaries, pregnancy and lactation, the nutrients of
// core/targets/dri-more.ts, and which targets carry an upper limit.

describe('computeTargets: DRI lookups at group boundaries', () => {
  it('woman 18 vs 19 y', () => {
    expect(targetValue({ birthDate: bornYearsAgo(18) }, 'ironMg')).toBe(15);
    expect(targetValue({ birthDate: bornYearsAgo(19) }, 'ironMg')).toBe(18);
    expect(targetValue({ birthDate: bornYearsAgo(18) }, 'calciumMg')).toBe(1300);
    expect(targetValue({ birthDate: bornYearsAgo(19) }, 'calciumMg')).toBe(1000);
    expect(targetValue({ birthDate: bornYearsAgo(18) }, 'vitaminCMg')).toBe(65);
    expect(targetValue({ birthDate: bornYearsAgo(19) }, 'vitaminCMg')).toBe(75);
    expect(targetValue({ birthDate: bornYearsAgo(18) }, 'magnesiumMg')).toBe(360);
    expect(targetValue({ birthDate: bornYearsAgo(19) }, 'magnesiumMg')).toBe(310);
  });

  it('woman the day before turning 19 is still 18', () => {
    expect(targetValue({ birthDate: '2006-06-16' }, 'ironMg')).toBe(15);
  });

  it('woman 50 vs 51 y: iron 18 → 8 mg, calcium 1000 → 1200 mg, calcium UL 2500 → 2000', () => {
    const at50 = targetsFor({ birthDate: bornYearsAgo(50) });
    const at51 = targetsFor({ birthDate: bornYearsAgo(51) });
    expect(get(at50, 'ironMg').value).toBe(18);
    expect(get(at51, 'ironMg').value).toBe(8);
    expect(get(at50, 'calciumMg').value).toBe(1000);
    expect(get(at51, 'calciumMg').value).toBe(1200);
    expect(get(at50, 'calciumMg').max).toBe(2500);
    expect(get(at51, 'calciumMg').max).toBe(2000);
    expect(get(at51, 'calciumMg').source).toBe('IOM 2011 DRI, RDA, female 51–70 y');
  });

  it('man 70 vs 71 y: calcium 1000 → 1200 mg, vitamin D 15 → 20 µg', () => {
    const man = { sex: 'male' as const, heightCm: 178, weightKg: 78 };
    const at70 = targetsFor({ ...man, birthDate: bornYearsAgo(70) });
    const at71 = targetsFor({ ...man, birthDate: bornYearsAgo(71) });
    expect(get(at70, 'calciumMg').value).toBe(1000);
    expect(get(at71, 'calciumMg').value).toBe(1200);
    expect(get(at70, 'vitaminDMcg').value).toBe(15);
    expect(get(at71, 'vitaminDMcg').value).toBe(20);
    expect(get(at71, 'vitaminDMcg').source).toBe('IOM 2011 DRI, RDA, male >70 y');
    expect(get(at71, 'ironMg').value).toBe(8);
  });

  it('women get 20 µg vitamin D from 71 as well', () => {
    expect(targetValue({ birthDate: bornYearsAgo(70) }, 'vitaminDMcg')).toBe(15);
    expect(targetValue({ birthDate: bornYearsAgo(71) }, 'vitaminDMcg')).toBe(20);
  });

  it('adult men: iron 8, zinc 11, magnesium 400 → 420 at 31, vitamin C 90, vitamin A 900, water 3.7 L, potassium 3400', () => {
    const man = { sex: 'male' as const, heightCm: 178, weightKg: 78 };
    const t = targetsFor({ ...man, birthDate: bornYearsAgo(30) });
    expect(get(t, 'ironMg').value).toBe(8);
    expect(get(t, 'zincMg').value).toBe(11);
    expect(get(t, 'magnesiumMg').value).toBe(400);
    expect(targetValue({ ...man, birthDate: bornYearsAgo(31) }, 'magnesiumMg')).toBe(420);
    expect(get(t, 'vitaminCMg').value).toBe(90);
    expect(get(t, 'vitaminAMcg').value).toBe(900);
    expect(get(t, 'waterL').value).toBe(3.7);
    expect(get(t, 'potassiumMg').value).toBe(3400);
  });

  it('adult woman micronutrients, kinds and upper limits', () => {
    const t = targetsFor({});
    expect(get(t, 'vitaminB12Mcg')).toMatchObject({ value: 2.4, min: 2.4, max: null, kind: 'rda' });
    expect(get(t, 'ironMg')).toMatchObject({ value: 18, min: 18, max: 45, kind: 'rda' });
    expect(get(t, 'ironMg').source).toBe('IOM 2001 DRI, RDA, female 19–30 y');
    expect(get(t, 'calciumMg')).toMatchObject({ value: 1000, max: 2500 });
    expect(get(t, 'zincMg')).toMatchObject({ value: 8, max: 40 });
    expect(get(t, 'vitaminDMcg')).toMatchObject({ value: 15, max: 100 });
    expect(get(t, 'vitaminCMg')).toMatchObject({ value: 75, max: 2000 });
    expect(get(t, 'vitaminAMcg')).toMatchObject({ value: 700, max: 3000 });
    expect(get(t, 'folateMcg')).toMatchObject({ value: 400, max: 1000 });
    expect(get(t, 'potassiumMg')).toMatchObject({ value: 2600, min: 2600, max: null, kind: 'ai' });
    expect(get(t, 'waterL')).toMatchObject({ value: 2.7, kind: 'ai' });
    // Magnesium's UL (350 mg) covers supplements only, so it is no food maximum.
    const mg = get(t, 'magnesiumMg');
    expect(mg).toMatchObject({ value: 310, max: null });
    expect(mg.source).toBe('IOM 1997 DRI, RDA, female 19–30 y; UL applies to supplements only (350 mg)');
    expect(get(t, 'sodiumMg')).toMatchObject({ value: 2300, min: null, max: 2300, kind: 'cdrr' });
  });
});

describe('computeTargets: pregnancy and lactation', () => {
  it('2nd trimester: +340 kcal, protein RDA + 25 g, iron 27 mg, folate 600 µg, water 3.0 L', () => {
    const t = targetsFor({ lifeStage: 'pregnant', lifeStageDetail: 2 });
    expect(get(t, 'energyKcal').value).toBe(2386); // 2046.3875 + 340
    expect(get(t, 'proteinG').value).toBeCloseTo(73, 9); // 0.8 × 60 + 25
    expect(get(t, 'proteinG').source).toContain('+ 25 g (pregnancy, 2nd–3rd trimester, IOM 2005 ch. 10)');
    expect(get(t, 'ironMg').value).toBe(27);
    expect(get(t, 'ironMg').source).toBe('IOM 2001 DRI, RDA, pregnancy 19–30 y');
    expect(get(t, 'folateMcg').value).toBe(600);
    expect(get(t, 'vitaminB12Mcg').value).toBe(2.6);
    expect(get(t, 'waterL').value).toBe(3.0);
    expect(get(t, 'potassiumMg').value).toBe(2900);
    expect(get(t, 'magnesiumMg').value).toBe(350);
  });

  it('1st trimester: no extra energy and the non-pregnant protein RDA, but pregnancy micronutrients', () => {
    const t = targetsFor({ lifeStage: 'pregnant', lifeStageDetail: 1 });
    expect(get(t, 'energyKcal').value).toBe(2046);
    expect(get(t, 'proteinG').value).toBeCloseTo(48, 9);
    expect(get(t, 'proteinG').source).toContain('1st trimester: no extra protein');
    expect(get(t, 'ironMg').value).toBe(27);
  });

  it('pregnant at 17 uses the ≤18 y row', () => {
    const t = targetsFor({ birthDate: bornYearsAgo(17), lifeStage: 'pregnant', lifeStageDetail: 3 });
    expect(get(t, 'calciumMg')).toMatchObject({ value: 1300, max: 3000 });
    expect(get(t, 'zincMg').value).toBe(12);
    expect(get(t, 'vitaminAMcg')).toMatchObject({ value: 750, max: 2800 });
    expect(get(t, 'magnesiumMg').value).toBe(400);
  });

  it('lactating 3 months: +330 kcal, protein RDA + 25 g, iron 9 mg, B12 2.8 µg, water 3.8 L', () => {
    const t = targetsFor({ lifeStage: 'lactating', lifeStageDetail: 3 });
    expect(get(t, 'energyKcal').value).toBe(2376); // 2046.3875 + 330
    expect(get(t, 'proteinG').value).toBeCloseTo(73, 9); // 0.8 × 60 + 25
    expect(get(t, 'proteinG').source).toContain('+ 25 g (lactation, IOM 2005 ch. 10)');
    expect(get(t, 'ironMg').value).toBe(9);
    expect(get(t, 'vitaminB12Mcg').value).toBe(2.8);
    expect(get(t, 'waterL').value).toBe(3.8);
    expect(get(t, 'vitaminAMcg').value).toBe(1300);
    expect(get(t, 'vitaminCMg').value).toBe(120);
    expect(get(t, 'folateMcg').value).toBe(500);
  });

  it('lactating 9 months: +400 kcal', () => {
    expect(targetValue({ lifeStage: 'lactating', lifeStageDetail: 9 }, 'energyKcal')).toBe(2446);
  });

  it('a life stage on a male profile is ignored', () => {
    const t = targetsFor({ sex: 'male', lifeStage: 'pregnant', lifeStageDetail: 2 });
    expect(get(t, 'ironMg').value).toBe(8);
    // Man 30 y, 165 cm, 60 kg: 600 + 1031.25 − 150 + 5 = 1486.25 × 1.55 = 2303.6875 → 2304
    expect(get(t, 'energyKcal').value).toBe(2304);
  });
});

describe('computeTargets: iodine, choline, vitamin K, omega-3 ALA', () => {
  it('adult woman and man: IOM 2001/1998/2005 values, ULs, and what the food data tracks', () => {
    const w = targetsFor({});
    expect(get(w, 'iodineMcg')).toMatchObject({ value: 150, ul: 1100, max: 1100, kind: 'rda', tracked: false });
    expect(get(w, 'iodineMcg').source).toBe('IOM 2001 DRI, RDA, female 19–30 y');
    expect(get(w, 'cholineMg')).toMatchObject({ value: 425, ul: 3500, kind: 'ai', tracked: false });
    expect(get(w, 'cholineMg').source).toBe('IOM 1998 DRI, AI, female 19–30 y');
    expect(get(w, 'vitaminKMcg')).toMatchObject({ value: 90, ul: null, max: null, kind: 'ai', tracked: true });
    expect(get(w, 'alaG')).toMatchObject({ value: 1.1, ul: null, kind: 'ai', tracked: false });
    expect(get(w, 'alaG').source).toBe('IOM 2005 DRI, AI, female 19–30 y');
    const m = targetsFor({ sex: 'male', heightCm: 178, weightKg: 78 });
    expect(get(m, 'vitaminKMcg').value).toBe(120);
    expect(get(m, 'cholineMg').value).toBe(550);
    expect(get(m, 'alaG').value).toBe(1.6);
  });

  it('pregnancy and lactation rows', () => {
    const p = targetsFor({ lifeStage: 'pregnant', lifeStageDetail: 2 });
    expect(get(p, 'iodineMcg').value).toBe(220);
    expect(get(p, 'cholineMg').value).toBe(450);
    expect(get(p, 'alaG').value).toBe(1.4);
    const teen = targetsFor({ birthDate: bornYearsAgo(17), lifeStage: 'pregnant', lifeStageDetail: 2 });
    expect(get(teen, 'iodineMcg').ul).toBe(900);
    expect(get(teen, 'cholineMg').ul).toBe(3000);
    expect(get(teen, 'vitaminKMcg').value).toBe(75);
    const l = targetsFor({ lifeStage: 'lactating', lifeStageDetail: 5 });
    expect(get(l, 'iodineMcg').value).toBe(290);
    expect(get(l, 'cholineMg').value).toBe(550);
    expect(get(l, 'alaG').value).toBe(1.3);
  });

  it('children and teenagers', () => {
    const girl6 = targetsFor({ birthDate: bornYearsAgo(6), heightCm: 115, weightKg: 20 });
    expect(get(girl6, 'iodineMcg')).toMatchObject({ value: 90, ul: 300 });
    expect(get(girl6, 'cholineMg')).toMatchObject({ value: 250, ul: 1000 });
    expect(get(girl6, 'vitaminKMcg').value).toBe(55);
    expect(get(girl6, 'alaG').value).toBe(0.9);
    const boy16 = targetsFor({ sex: 'male', birthDate: bornYearsAgo(16), heightCm: 175, weightKg: 65 });
    expect(get(boy16, 'iodineMcg')).toMatchObject({ value: 150, ul: 900 });
    expect(get(boy16, 'cholineMg')).toMatchObject({ value: 550, ul: 3000 });
    expect(get(boy16, 'alaG').value).toBe(1.6);
    const girl11 = targetsFor({ birthDate: bornYearsAgo(11), heightCm: 145, weightKg: 38 });
    expect(get(girl11, 'alaG').value).toBe(1.0);
    expect(get(girl11, 'iodineMcg')).toMatchObject({ value: 120, ul: 600 });
  });
});

describe('computeTargets: ul, tracked and computedSource on every target', () => {
  it('ul is the UL where it bounds food (not magnesium, sodium or macronutrients); water is tracked', () => {
    const t = targetsFor({});
    expect(get(t, 'ironMg').ul).toBe(45);
    expect(get(t, 'calciumMg').ul).toBe(2500);
    expect(get(t, 'magnesiumMg').ul).toBeNull();
    expect(get(t, 'sodiumMg').ul).toBeNull();
    expect(get(t, 'proteinG').ul).toBeNull();
    expect(get(t, 'waterL').tracked).toBe(true);
    expect(t.filter((x) => !x.tracked).map((x) => x.key)).toEqual(['iodineMcg', 'cholineMg', 'alaG']);
    for (const x of t) {
      expect(x.computedSource).toBe(x.source);
      expect(x).toMatchObject({ overrideNote: null, suggestion: null, notes: [] });
    }
  });
});
