import { describe, expect, it } from 'vitest';
import { classMaps, datasetText, duplicateClasses, mappedText, parseClassList } from './vision-values.ts';

const hit = (id: string) => ({
  id,
  name: id,
  foodGroup: null,
  source: 'usda-sr28' as const,
  energyKcalPer100g: null,
  recent: false,
  allergens: [],
});

describe('parseClassList', () => {
  it('reads one class a line, trimmed, without blank lines', () => {
    expect(parseClassList(' plate\r\n\nbanana \n  \nidli\n')).toEqual(['plate', 'banana', 'idli']);
  });

  it('finds repeated names', () => {
    expect(duplicateClasses(['a', 'b', 'a', 'a'])).toEqual(['a']);
    expect(duplicateClasses(['a', 'b'])).toEqual([]);
  });
});

describe('classMaps', () => {
  it('maps only the classes with a food, and their grams when given', () => {
    const mappings = {
      plate: { hit: null, grams: 100 },
      banana: { hit: hit('usda:09040'), grams: 118 },
      idli: { hit: hit('custom:1'), grams: '' },
      gone: { hit: hit('x'), grams: 1 },
    };
    expect(classMaps(['plate', 'banana', 'idli'], mappings)).toEqual({
      foodMap: { banana: 'usda:09040', idli: 'custom:1' },
      defaultGrams: { banana: 118 },
    });
    expect(mappedText(['plate', 'banana', 'idli'], mappings)).toBe('2 of 3 classes are mapped to a food');
  });
});

describe('datasetText', () => {
  it('counts photos and boxes', () => {
    expect(datasetText(1, 1)).toBe('1 photo, 1 box');
    expect(datasetText(12, 30)).toBe('12 photos, 30 boxes');
  });
});
