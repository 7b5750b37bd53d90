import { describe, expect, it } from 'vitest';
import { NUTRIENT_KEYS, isNutrientKey, scaleNutrients, sumNutrients } from './nutrients.ts';

describe('nutrient helpers', () => {
  it('scales per-100 g values and keeps unknowns unknown', () => {
    const n = scaleNutrients({ energyKcal: 89, fibreG: 2.6 }, 118);
    expect(n.energyKcal).toBeCloseTo(105.02, 2);
    expect(n.fibreG).toBeCloseTo(3.068, 3);
    expect('proteinG' in n).toBe(false);
  });

  it('sums sets, a key present when any set has it', () => {
    expect(sumNutrients([{ energyKcal: 100 }, { energyKcal: 50, proteinG: 3 }, {}])).toEqual({
      energyKcal: 150,
      proteinG: 3,
    });
    expect(sumNutrients([])).toEqual({});
  });

  it('knows the keys', () => {
    expect(NUTRIENT_KEYS[0]).toBe('energyKcal');
    expect(isNutrientKey('fibreG')).toBe(true);
    expect(isNutrientKey('toString')).toBe(false);
  });
});
