import { describe, expect, it } from 'vitest';
import { looksLikeDecimalComma, parseNutrientCell, suggestMapping } from './generic-csv.ts';

describe('parseNutrientCell', () => {
  it('reads plain numbers, decimal commas, traces, bounds and estimates', () => {
    expect(parseNutrientCell('12.5', false)).toEqual({ kind: 'value', value: 12.5 });
    expect(parseNutrientCell(' 12,5 ', true)).toEqual({ kind: 'value', value: 12.5 });
    expect(parseNutrientCell('traces', true)).toEqual({ kind: 'value', value: 0 });
    expect(parseNutrientCell('Tr', false)).toEqual({ kind: 'value', value: 0 });
    expect(parseNutrientCell('< 0,1', true)).toEqual({ kind: 'value', value: 0.05 });
    expect(parseNutrientCell('<2', false)).toEqual({ kind: 'value', value: 1 });
    expect(parseNutrientCell('(3.5)', false)).toEqual({ kind: 'value', value: 3.5 });
    expect(parseNutrientCell('1e2', false)).toEqual({ kind: 'value', value: 100 });
  });

  it('treats empty, "-", N and NA as unknown, never as zero', () => {
    for (const s of ['', '  ', '-', 'N', 'NA', 'n/a', 'ND'])
      expect(parseNutrientCell(s, false)).toEqual({ kind: 'unknown' });
  });

  it('rejects text, negatives, impossible sizes, and hints at a decimal comma', () => {
    expect(parseNutrientCell('abc', false)).toEqual({ kind: 'error', message: '"abc" is not a number' });
    expect(parseNutrientCell('-1', false)).toEqual({ kind: 'error', message: '"-1" is negative' });
    expect(parseNutrientCell('200000', false)).toEqual({
      kind: 'error',
      message: '"200000" is implausibly large for 100 g',
    });
    expect(parseNutrientCell('6,1', false)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('decimal comma'),
    });
    expect(parseNutrientCell('1.234,5', true)).toMatchObject({ kind: 'error' });
  });
});

describe('suggestMapping', () => {
  it('maps plain English headers and skips columns in another unit', () => {
    const s = suggestMapping([
      'ID',
      'Name',
      'Category',
      'Calories',
      'Protein (g)',
      'Total Fat',
      'Carbs',
      'Sodium (g)',
      'Fiber',
    ]);
    expect(s).toMatchObject({
      id: 'ID',
      name: 'Name',
      foodGroup: 'Category',
      nutrients: {
        energyKcal: 'Calories',
        proteinG: 'Protein (g)',
        fatG: 'Total Fat',
        carbG: 'Carbs',
        fibreG: 'Fiber',
      },
    });
    // Sodium is in mg in the app: a column in grams is left for the practitioner to decide.
    expect(s.nutrients).not.toHaveProperty('sodiumMg');
  });

  it('falls back to a kJ energy column and says so', () => {
    expect(suggestMapping(['Food', 'Energy (kJ)', 'Protein'])).toMatchObject({
      name: 'Food',
      energyInKj: true,
      nutrients: { energyKcal: 'Energy (kJ)', proteinG: 'Protein' },
    });
  });

  it('suggests caffeine and alcohol columns, never sugar alcohols', () => {
    const s = suggestMapping(['Food', 'Energy (kcal/100g)', 'Alcohol (g/100g)', 'Caffeine (mg)', 'Sugar alcohols (g)']);
    expect(s.nutrients).toMatchObject({ alcoholG: 'Alcohol (g/100g)', caffeineMg: 'Caffeine (mg)' });
    expect(suggestMapping(['Food', 'Calories', 'Sugar alcohols (g)']).nutrients).not.toHaveProperty('alcoholG');
    // A caffeine column in grams is left for the practitioner (the app counts mg).
    expect(suggestMapping(['Food', 'Calories', 'Caffeine (g)']).nutrients).not.toHaveProperty('caffeineMg');
  });

  it('reads Open Food Facts style _100g columns as grams', () => {
    const s = suggestMapping(['product_name', 'energy-kcal_100g', 'proteins_100g', 'sodium_100g']);
    expect(s.nutrients).toEqual({ energyKcal: 'energy-kcal_100g', proteinG: 'proteins_100g' });
  });
});

describe('looksLikeDecimalComma', () => {
  it('needs commas and no dots', () => {
    expect(looksLikeDecimalComma(['53,9', '0,25', 'traces', '< 0,5'])).toBe(true);
    expect(looksLikeDecimalComma(['53.9', '0,25'])).toBe(false);
    expect(looksLikeDecimalComma(['52', ''])).toBe(false);
  });
});
