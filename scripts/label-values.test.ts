// Here, not beside either module: core/ may not import the renderer, nor the renderer core/ (eslint.config.js).
import { describe, expect, it } from 'vitest';
import { toPer100g as coreToPer100g } from '../core/labels/convert.ts';
import { loadTruth } from '../core/labels/testing/label-set.ts';
import { parseAmount, toPer100g } from '../renderer/src/features/labels/label-values.ts';

describe('the review’s per-100 g values', () => {
  it('agree with the core’s on every label of the test set, and with its ground truth', () => {
    for (const t of loadTruth()) {
      const basis = t.basis;
      const ours = toPer100g(t.printed, basis, t.servingG);
      expect(ours).toEqual(coreToPer100g(t.printed, basis, t.servingG));
      for (const [k, v] of Object.entries(t.per100g)) {
        expect(ours?.[k as keyof typeof ours], `${t.file} ${k}`).toBeCloseTo(v, 1);
      }
    }
  });

  it('need the serving weight for a per-serving label, and convert salt and kJ', () => {
    expect(toPer100g({ energyKcal: 100 }, 'serving', null)).toBeNull();
    expect(toPer100g({ energyKcal: 100, saltG: 0.5 }, 'serving', 50)).toEqual({ energyKcal: 200, sodiumMg: 400 });
    expect(toPer100g({ energyKj: 418.4 }, '100g', null)).toEqual({ energyKcal: 100 });
  });

  it('reads typed amounts, with a decimal comma, and refuses what is not one', () => {
    expect(parseAmount(' 1,5 ')).toBe(1.5);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('abc')).toBeNaN();
    expect(parseAmount('-2')).toBeNaN();
  });
});
