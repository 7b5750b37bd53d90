import { describe, expect, it } from 'vitest';
import { TARGET_KEYS } from '../contract/targets.ts';
import { ageInYears, computeTargets, missingForTargets, type TargetProfile } from './compute.ts';
import { AS_OF, bornYearsAgo, get, targetsFor, woman30 } from './test-profiles.ts';

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
