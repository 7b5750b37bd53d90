import { describe, expect, it } from 'vitest';
import type { TargetValue } from '@contract/targets.ts';
import { inputsFromOverrides, overridesFromInputs } from './target-overrides.ts';

const energy: TargetValue = {
  key: 'energyKcal',
  label: 'Energy',
  unit: 'kcal',
  value: 2000,
  min: 1800,
  max: 2200,
  kind: 'goal',
  ul: null,
  source: 'Mifflin-St Jeor × PAL',
  computedSource: 'Mifflin-St Jeor × PAL',
  computedValue: 2000,
  overridden: false,
  overrideNote: null,
  tracked: true,
  suggestion: null,
  notes: [],
};
const protein: TargetValue = { ...energy, key: 'proteinG', label: 'Protein', unit: 'g', value: 50, kind: 'rda' };

describe('target overrides', () => {
  it('fills inputs from the overrides in force, empty where computed', () => {
    expect(inputsFromOverrides([energy, protein], { proteinG: 70 })).toEqual({ energyKcal: '', proteinG: 70 });
  });

  it('sends only the filled-in keys', () => {
    expect(overridesFromInputs({ energyKcal: '', proteinG: 70, fibreG: '30' })).toEqual({ proteinG: 70, fibreG: 30 });
    expect(overridesFromInputs({ energyKcal: 0 })).toEqual({ energyKcal: 0 });
  });
});
