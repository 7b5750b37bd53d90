import { describe, expect, it } from 'vitest';
import { TARGET_KEYS } from '../contract/targets.ts';
import type { TargetKey } from '../contract/targets.ts';
import { ageInYears, computeTargets, missingForTargets } from './compute.ts';
import { AS_OF, bornYearsAgo, get, targetsFor, woman30 } from './test-profiles.ts';
import type { TargetProfile } from './compute.ts';

function value(p: Partial<TargetProfile>, key: TargetKey): number {
  return get(targetsFor(p), key).value;
}

describe('ageInYears', () => {
  it('counts completed years around a birthday', () => {
    expect(ageInYears('1990-06-15', '2020-06-14')).toBe(29);
    expect(ageInYears('1990-06-15', '2020-06-15')).toBe(30);
    expect(ageInYears('1990-06-15', '2020-12-31')).toBe(30);
    expect(ageInYears('1990-12-31', '2021-01-01')).toBe(30);
  });

  it('29 February birthdays turn over on 1 March in common years', () => {
    expect(ageInYears('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageInYears('2000-02-29', '2001-03-01')).toBe(1);
    expect(ageInYears('2000-02-29', '2003-02-28')).toBe(2);
    expect(ageInYears('2000-02-29', '2004-02-29')).toBe(4);
    expect(ageInYears('1999-03-01', '2000-02-29')).toBe(0);
    expect(ageInYears('1999-03-01', '2000-03-01')).toBe(1);
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => ageInYears('2001-02-29', AS_OF)).toThrow(RangeError);
    expect(() => ageInYears('15/06/1990', AS_OF)).toThrow(RangeError);
  });
});

describe('missingForTargets', () => {
  it('names each missing field', () => {
    const empty: TargetProfile = { ...woman30, sex: null, birthDate: null, heightCm: null, weightKg: null };
    expect(missingForTargets(empty, AS_OF)).toEqual(['sex', 'birth date', 'height', 'weight']);
    expect(missingForTargets(woman30, AS_OF)).toEqual([]);
  });

  it('infants are out of scope', () => {
    expect(missingForTargets({ ...woman30, birthDate: '2024-06-16' }, AS_OF)).toEqual(['age of at least 1 year']);
    expect(missingForTargets({ ...woman30, birthDate: '2024-06-15' }, AS_OF)).toEqual([]);
  });

  it('an impossible birth date counts as missing', () => {
    expect(missingForTargets({ ...woman30, birthDate: '1990-02-30' }, AS_OF)).toEqual(['birth date']);
  });

  it('pregnancy needs the trimester and lactation the months post-partum, for females only', () => {
    expect(missingForTargets({ ...woman30, lifeStage: 'pregnant' }, AS_OF)).toEqual(['pregnancy trimester']);
    expect(missingForTargets({ ...woman30, lifeStage: 'pregnant', lifeStageDetail: 5 }, AS_OF)).toEqual([
      'pregnancy trimester',
    ]);
    expect(missingForTargets({ ...woman30, lifeStage: 'lactating' }, AS_OF)).toEqual(['months post-partum']);
    expect(missingForTargets({ ...woman30, sex: 'male', lifeStage: 'pregnant' }, AS_OF)).toEqual([]);
  });

  it('computeTargets refuses an incomplete profile', () => {
    expect(() => computeTargets({ ...woman30, weightKg: null }, 'mifflin-st-jeor', AS_OF)).toThrow('weight');
  });
});

describe('computeTargets: shape', () => {
  it('one target per key, in TARGET_KEYS order, none overridden', () => {
    const r = computeTargets(woman30, 'mifflin-st-jeor', AS_OF);
    expect(r.targets.map((t) => t.key)).toEqual([...TARGET_KEYS]);
    for (const t of r.targets) {
      expect(t.overridden).toBe(false);
      expect(t.computedValue).toBe(t.value);
    }
    expect(r.ageYears).toBe(30);
    expect(r.bmrKcal).toBe(1320.25);
    expect(r.pal).toBe(1.55);
  });

  it('labels and units', () => {
    const t = targetsFor({});
    expect(t.map((x) => x.label)).toEqual([
      'Energy',
      'Protein',
      'Carbohydrate',
      'Fat',
      'Saturated fat',
      'Added sugars',
      'Fibre',
      'Water',
      'Sodium',
      'Potassium',
      'Calcium',
      'Iron',
      'Magnesium',
      'Zinc',
      'Vitamin D',
      'Vitamin B12',
      'Folate (DFE)',
      'Vitamin C',
      'Vitamin A (RAE)',
      'Vitamin K',
      'Iodine',
      'Choline',
      'Omega-3 ALA',
    ]);
    expect(t.map((x) => x.unit)).toEqual([
      'kcal',
      'g',
      'g',
      'g',
      'g',
      'g',
      'g',
      'L',
      'mg',
      'mg',
      'mg',
      'mg',
      'mg',
      'mg',
      'µg',
      'µg',
      'µg',
      'mg',
      'µg',
      'µg',
      'µg',
      'mg',
      'g',
    ]);
  });
});

describe('computeTargets: energy and macronutrients (woman 30 y, 165 cm, 60 kg, active, MSJ)', () => {
  // BMR 1320.25 × 1.55 = 2046.3875 → 2046 kcal; everything energy-derived uses 2046.
  const t = targetsFor({});

  it('energy: 2046 kcal, ±10 % = 1841.4–2250.6', () => {
    const e = get(t, 'energyKcal');
    expect(e.value).toBe(2046);
    expect(e.min).toBeCloseTo(1841.4, 9);
    expect(e.max).toBeCloseTo(2250.6, 9);
    expect(e.kind).toBe('goal');
    expect(e.source).toBe('Mifflin-St Jeor × 1.55 (active)');
  });

  it('protein: 0.8 g/kg × 60 kg = 48 g; max 35 % × 2046 / 4 = 179.025 g', () => {
    const p = get(t, 'proteinG');
    expect(p.value).toBeCloseTo(48, 9);
    expect(p.min).toBeCloseTo(48, 9);
    expect(p.max).toBeCloseTo(179.025, 9);
    expect(p.kind).toBe('rda');
  });

  it('carbohydrate: 55 % × 2046 / 4 = 281.325 g, range 230.175–332.475 g', () => {
    const c = get(t, 'carbG');
    expect(c.value).toBeCloseTo(281.325, 9);
    expect(c.min).toBeCloseTo(230.175, 9);
    expect(c.max).toBeCloseTo(332.475, 9);
    expect(c.kind).toBe('amdr');
  });

  it('fat: 27.5 % × 2046 / 9 = 62.5167 g, range 20–35 % = 45.4667–79.5667 g', () => {
    const f = get(t, 'fatG');
    expect(f.value).toBeCloseTo(562.65 / 9, 9);
    expect(f.min).toBeCloseTo(409.2 / 9, 9);
    expect(f.max).toBeCloseTo(716.1 / 9, 9);
  });

  it('saturated fat < 204.6 / 9 = 22.733 g; added sugars < 204.6 / 4 = 51.15 g', () => {
    const s = get(t, 'satFatG');
    expect(s.value).toBeCloseTo(204.6 / 9, 9);
    expect(s.max).toBe(s.value);
    expect(s.min).toBeNull();
    expect(s.kind).toBe('limit');
    const a = get(t, 'addedSugarG');
    expect(a.value).toBeCloseTo(51.15, 9);
    expect(a.kind).toBe('limit');
  });

  it('fibre: 14 g per 1000 kcal × 2046 kcal = 28.644 g', () => {
    const f = get(t, 'fibreG');
    expect(f.value).toBeCloseTo(28.644, 9);
    expect(f.kind).toBe('ai');
    expect(f.source).toBe('IOM 2005 AI, 14 g per 1000 kcal of 2046 kcal');
  });

  it('IOM EER for the same woman: 2381.265 → 2381 kcal, no BMR or PAL', () => {
    const r = computeTargets(woman30, 'iom-eer', AS_OF);
    expect(get(r.targets, 'energyKcal').value).toBe(2381);
    expect(get(r.targets, 'fibreG').value).toBeCloseTo(33.334, 9);
    expect(r.bmrKcal).toBeNull();
    expect(r.pal).toBeNull();
  });
});

describe('computeTargets: children', () => {
  it('boy 16 y via EER even with MSJ chosen: 3300.945 → 3301 kcal, protein 0.85 g/kg', () => {
    const r = computeTargets(
      { ...woman30, sex: 'male', birthDate: bornYearsAgo(16), heightCm: 175, weightKg: 65 },
      'mifflin-st-jeor',
      AS_OF,
    );
    const e = get(r.targets, 'energyKcal');
    expect(e.value).toBe(3301);
    expect(e.source).toContain('Mifflin-St Jeor is not validated under 19 y');
    expect(r.bmrKcal).toBeNull();
    // 0.85 × 65 = 55.25 g; max 30 % × 3301 / 4 = 247.575 g (AMDR 10–30 % at 4–18 y)
    const p = get(r.targets, 'proteinG');
    expect(p.value).toBeCloseTo(55.25, 9);
    expect(p.max).toBeCloseTo(247.575, 9);
    // Fat AMDR 25–35 % at 4–18 y: 3301 × 0.25 / 9 = 91.694, × 0.35 / 9 = 128.372
    const f = get(r.targets, 'fatG');
    expect(f.min).toBeCloseTo(825.25 / 9, 9);
    expect(f.max).toBeCloseTo(1155.35 / 9, 9);
    expect(get(r.targets, 'calciumMg').value).toBe(1300);
    expect(get(r.targets, 'ironMg').value).toBe(11);
    expect(get(r.targets, 'waterL').value).toBe(3.3);
  });

  it('girl 6 y: 1448 kcal, sodium CDRR 1500 mg, vitamin D UL 75 µg', () => {
    const t = targetsFor({ birthDate: bornYearsAgo(6), heightCm: 115, weightKg: 20, activityLevel: 'low-active' });
    expect(get(t, 'energyKcal').value).toBe(1448);
    expect(get(t, 'proteinG').value).toBeCloseTo(19, 9); // 0.95 × 20
    expect(get(t, 'sodiumMg').value).toBe(1500);
    expect(get(t, 'vitaminDMcg').max).toBe(75);
    expect(get(t, 'ironMg').value).toBe(10);
  });

  it('toddler 2 y, 12 kg: 988 kcal; fat AMDR 30–40 %; protein 1.05 g/kg, max 20 %; added sugars from age 2', () => {
    const t = targetsFor({ birthDate: bornYearsAgo(2), heightCm: 88, weightKg: 12 });
    expect(get(t, 'energyKcal').value).toBe(988);
    const f = get(t, 'fatG');
    expect(f.min).toBeCloseTo(296.4 / 9, 9);
    expect(f.max).toBeCloseTo(395.2 / 9, 9);
    const p = get(t, 'proteinG');
    expect(p.value).toBeCloseTo(12.6, 9);
    expect(p.max).toBeCloseTo(49.4, 9);
    expect(get(t, 'addedSugarG').value).toBeCloseTo(24.7, 9);
    expect(get(t, 'vitaminDMcg').max).toBe(63);
  });

  it('1-year-old: no added sugars (DGA: none under 2 y)', () => {
    const t = targetsFor({ birthDate: bornYearsAgo(1), heightCm: 76, weightKg: 10 });
    expect(get(t, 'energyKcal').value).toBe(810); // 89 × 10 − 100 + 20
    const a = get(t, 'addedSugarG');
    expect(a.value).toBe(0);
    expect(a.max).toBe(0);
  });
});

describe('computeTargets: DRI lookups at group boundaries', () => {
  it('woman 18 vs 19 y', () => {
    expect(value({ birthDate: bornYearsAgo(18) }, 'ironMg')).toBe(15);
    expect(value({ birthDate: bornYearsAgo(19) }, 'ironMg')).toBe(18);
    expect(value({ birthDate: bornYearsAgo(18) }, 'calciumMg')).toBe(1300);
    expect(value({ birthDate: bornYearsAgo(19) }, 'calciumMg')).toBe(1000);
    expect(value({ birthDate: bornYearsAgo(18) }, 'vitaminCMg')).toBe(65);
    expect(value({ birthDate: bornYearsAgo(19) }, 'vitaminCMg')).toBe(75);
    expect(value({ birthDate: bornYearsAgo(18) }, 'magnesiumMg')).toBe(360);
    expect(value({ birthDate: bornYearsAgo(19) }, 'magnesiumMg')).toBe(310);
  });

  it('woman the day before turning 19 is still 18', () => {
    expect(value({ birthDate: '2006-06-16' }, 'ironMg')).toBe(15);
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
    expect(value({ birthDate: bornYearsAgo(70) }, 'vitaminDMcg')).toBe(15);
    expect(value({ birthDate: bornYearsAgo(71) }, 'vitaminDMcg')).toBe(20);
  });

  it('adult men: iron 8, zinc 11, magnesium 400 → 420 at 31, vitamin C 90, vitamin A 900, water 3.7 L, potassium 3400', () => {
    const man = { sex: 'male' as const, heightCm: 178, weightKg: 78 };
    const t = targetsFor({ ...man, birthDate: bornYearsAgo(30) });
    expect(get(t, 'ironMg').value).toBe(8);
    expect(get(t, 'zincMg').value).toBe(11);
    expect(get(t, 'magnesiumMg').value).toBe(400);
    expect(value({ ...man, birthDate: bornYearsAgo(31) }, 'magnesiumMg')).toBe(420);
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
    expect(value({ lifeStage: 'lactating', lifeStageDetail: 9 }, 'energyKcal')).toBe(2446);
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
  it('ul is the UL where it bounds food (not magnesium, sodium or macronutrients); water is not tracked', () => {
    const t = targetsFor({});
    expect(get(t, 'ironMg').ul).toBe(45);
    expect(get(t, 'calciumMg').ul).toBe(2500);
    expect(get(t, 'magnesiumMg').ul).toBeNull();
    expect(get(t, 'sodiumMg').ul).toBeNull();
    expect(get(t, 'proteinG').ul).toBeNull();
    expect(get(t, 'waterL').tracked).toBe(false);
    expect(t.filter((x) => !x.tracked).map((x) => x.key)).toEqual(['waterL', 'iodineMcg', 'cholineMg', 'alaG']);
    for (const x of t) {
      expect(x.computedSource).toBe(x.source);
      expect(x).toMatchObject({ overrideNote: null, suggestion: null, notes: [] });
    }
  });
});
