import { describe, expect, it } from 'vitest';
import { estimateEnergy, iomEer, lifeStageEnergy, mifflinStJeorBmr } from './energy.ts';
import type { EnergyInput } from './energy.ts';

const woman30: EnergyInput = {
  sex: 'female',
  ageYears: 30,
  weightKg: 60,
  heightCm: 165,
  activityLevel: 'active',
  lifeStage: 'none',
  lifeStageDetail: null,
};

describe('Mifflin-St Jeor', () => {
  it('woman 30 y, 165 cm, 60 kg: 10·60 + 6.25·165 − 5·30 − 161 = 600 + 1031.25 − 150 − 161 = 1320.25', () => {
    expect(mifflinStJeorBmr('female', 60, 165, 30)).toBe(1320.25);
  });

  it('man 40 y, 180 cm, 80 kg: 800 + 1125 − 200 + 5 = 1730', () => {
    expect(mifflinStJeorBmr('male', 80, 180, 40)).toBe(1730);
  });

  it('× activity factor: 1320.25 × 1.55 = 2046.3875 (active); × 1.2 = 1584.3 (sedentary)', () => {
    const active = estimateEnergy(woman30, 'mifflin-st-jeor');
    expect(active.kcal).toBeCloseTo(2046.3875, 9);
    expect(active.bmrKcal).toBe(1320.25);
    expect(active.pal).toBe(1.55);
    expect(active.source).toBe('Mifflin-St Jeor × 1.55 (active)');
    const sedentary = estimateEnergy({ ...woman30, activityLevel: 'sedentary' }, 'mifflin-st-jeor');
    expect(sedentary.kcal).toBeCloseTo(1584.3, 9);
    expect(sedentary.pal).toBe(1.2);
    expect(estimateEnergy({ ...woman30, activityLevel: 'low-active' }, 'mifflin-st-jeor').pal).toBe(1.375);
    expect(estimateEnergy({ ...woman30, activityLevel: 'very-active' }, 'mifflin-st-jeor').pal).toBe(1.725);
  });
});

describe('IOM 2005 EER', () => {
  it('adult man 35 y, 1.80 m, 80 kg, active (PA 1.25)', () => {
    // 662 − 9.53·35 + 1.25·(15.91·80 + 539.6·1.80) = 662 − 333.55 + 1.25·(1272.8 + 971.28)
    //   = 328.45 + 1.25·2244.08 = 328.45 + 2805.1 = 3133.55
    const r = iomEer('male', 35, 80, 180, 'active');
    expect(r.kcal).toBeCloseTo(3133.55, 9);
    expect(r.pa).toBe(1.25);
    expect(r.source).toBe('IOM 2005 EER, adult male, PA=1.25 (active)');
  });

  it('adult woman 30 y, 1.65 m, 60 kg, active (PA 1.27)', () => {
    // 354 − 6.91·30 + 1.27·(9.36·60 + 726·1.65) = 146.7 + 1.27·(561.6 + 1197.9) = 146.7 + 2234.565 = 2381.265
    expect(iomEer('female', 30, 60, 165, 'active').kcal).toBeCloseTo(2381.265, 9);
    expect(iomEer('female', 30, 60, 165, 'low-active').source).toBe('IOM 2005 EER, adult female, PA=1.12 (low-active)');
  });

  it('boy 16 y, 1.75 m, 65 kg, active (PA 1.26), + 25 kcal growth', () => {
    // 88.5 − 61.9·16 + 1.26·(26.7·65 + 903·1.75) + 25 = 88.5 − 990.4 + 1.26·(1735.5 + 1580.25) + 25
    //   = −901.9 + 1.26·3315.75 + 25 = −901.9 + 4177.845 + 25 = 3300.945
    const r = iomEer('male', 16, 65, 175, 'active');
    expect(r.kcal).toBeCloseTo(3300.945, 9);
    expect(r.source).toBe('IOM 2005 EER, boy 9–18 y, PA=1.26 (active)');
  });

  it('girl 6 y, 1.15 m, 20 kg, low active (PA 1.16), + 20 kcal growth', () => {
    // 135.3 − 30.8·6 + 1.16·(10·20 + 934·1.15) + 20 = −49.5 + 1.16·1274.1 + 20 = −49.5 + 1477.956 + 20 = 1448.456
    expect(iomEer('female', 6, 20, 115, 'low-active').kcal).toBeCloseTo(1448.456, 9);
  });

  it('age 18 uses the 9–18 y equation, 19 the adult one', () => {
    // Boy 18 y: 88.5 − 1114.2 + 1·(26.7·70 + 903·1.8) + 25 = −1025.7 + 1869 + 1625.4 + 25 = 2493.7
    expect(iomEer('male', 18, 70, 180, 'sedentary').kcal).toBeCloseTo(2493.7, 9);
    // Man 19 y: 662 − 181.07 + 1·(1113.7 + 971.28) = 2565.91
    expect(iomEer('male', 19, 70, 180, 'sedentary').kcal).toBeCloseTo(2565.91, 9);
  });

  it('child 1–2 y: 89·kg − 100 + 20 without activity term', () => {
    const r = iomEer('male', 2, 12, 88, 'very-active');
    expect(r.kcal).toBe(988);
    expect(r.pa).toBeNull();
  });

  it('refuses infants', () => {
    expect(() => iomEer('female', 0, 8, 70, 'active')).toThrow(RangeError);
  });

  it('under 19 with Mifflin-St Jeor chosen: computed with EER and says so', () => {
    const r = estimateEnergy(
      {
        sex: 'male',
        ageYears: 16,
        weightKg: 65,
        heightCm: 175,
        activityLevel: 'active',
        lifeStage: 'none',
        lifeStageDetail: null,
      },
      'mifflin-st-jeor',
    );
    expect(r.kcal).toBeCloseTo(3300.945, 9);
    expect(r.bmrKcal).toBeNull();
    expect(r.pal).toBeNull();
    expect(r.source).toBe('IOM 2005 EER, boy 9–18 y, PA=1.26 (active); Mifflin-St Jeor is not validated under 19 y');
  });
});

describe('pregnancy and lactation additions', () => {
  it('pregnancy by trimester: +0 / +340 / +452', () => {
    expect(lifeStageEnergy('pregnant', 1)?.kcal).toBe(0);
    expect(lifeStageEnergy('pregnant', 2)?.kcal).toBe(340);
    expect(lifeStageEnergy('pregnant', 3)?.kcal).toBe(452);
    expect(() => lifeStageEnergy('pregnant', 4)).toThrow(RangeError);
    expect(() => lifeStageEnergy('pregnant', null)).toThrow(RangeError);
  });

  it('lactation: +330 for months 1–6, +400 for 7–12, carried forward to 24', () => {
    expect(lifeStageEnergy('lactating', 3)?.kcal).toBe(330);
    expect(lifeStageEnergy('lactating', 6)?.kcal).toBe(330);
    expect(lifeStageEnergy('lactating', 7)?.kcal).toBe(400);
    expect(lifeStageEnergy('lactating', 12)?.kcal).toBe(400);
    expect(lifeStageEnergy('lactating', 18)?.source).toContain('carried forward');
    expect(lifeStageEnergy('none', null)).toBeNull();
  });

  it('2nd trimester on Mifflin-St Jeor: 2046.3875 + 340 = 2386.3875', () => {
    const r = estimateEnergy({ ...woman30, lifeStage: 'pregnant', lifeStageDetail: 2 }, 'mifflin-st-jeor');
    expect(r.kcal).toBeCloseTo(2386.3875, 9);
    expect(r.source).toBe('Mifflin-St Jeor × 1.55 (active) +340 kcal pregnancy, 2nd trimester (IOM 2005)');
  });

  it('3rd trimester on IOM EER: 2381.265 + 452 = 2833.265', () => {
    const r = estimateEnergy({ ...woman30, lifeStage: 'pregnant', lifeStageDetail: 3 }, 'iom-eer');
    expect(r.kcal).toBeCloseTo(2833.265, 9);
  });

  it('lactating, 3 months post-partum: 2046.3875 + 330 = 2376.3875', () => {
    const r = estimateEnergy({ ...woman30, lifeStage: 'lactating', lifeStageDetail: 3 }, 'mifflin-st-jeor');
    expect(r.kcal).toBeCloseTo(2376.3875, 9);
  });
});
