import { describe, expect, it } from 'vitest';
import {
  datasetNameFromFile,
  delimiterName,
  mappingFromSuggested,
  mappingProblem,
  mappingWarning,
  withNutrientColumn,
} from './import-mapping.ts';

const headers = ['Code', 'Name', 'Group', 'Energy (kJ)', 'Protein (g)'];

describe('CSV mapping helpers', () => {
  it('starts from the suggestion, dropping columns not in the file', () => {
    const m = mappingFromSuggested(
      { name: 'Name', id: 'Missing', nutrients: { energyKcal: 'Energy (kJ)', proteinG: 'Nope' }, energyInKj: true },
      headers,
    );
    expect(m).toEqual({
      name: 'Name',
      id: null,
      foodGroup: null,
      nutrients: { energyKcal: 'Energy (kJ)' },
      energyInKj: true,
      delimiter: null,
      decimalComma: false,
    });
  });

  it('sets and clears nutrient columns', () => {
    const m = mappingFromSuggested({}, headers);
    const set = withNutrientColumn(m, 'proteinG', 'Protein (g)');
    expect(set.nutrients).toEqual({ proteinG: 'Protein (g)' });
    expect(withNutrientColumn(set, 'proteinG', '').nutrients).toEqual({});
    expect(m.nutrients).toEqual({});
  });

  it('requires the name and energy columns', () => {
    const m = mappingFromSuggested({}, headers);
    expect(mappingProblem(m)).toMatch(/food name/);
    expect(mappingProblem({ ...m, name: 'Name' })).toBeNull();
    expect(mappingWarning(m)).toMatch(/energy/);
    expect(mappingWarning(withNutrientColumn(m, 'energyKcal', 'Energy (kJ)'))).toBeNull();
  });

  it('names delimiters and datasets', () => {
    expect(delimiterName(';')).toBe('semicolon');
    expect(delimiterName('\t')).toBe('tab');
    expect(datasetNameFromFile('ciqual_2020.csv')).toBe('ciqual_2020');
    expect(datasetNameFromFile('FoodData_Central_csv_2024-04-18.zip')).toBe('FoodData_Central_csv_2024-04-18');
  });
});
