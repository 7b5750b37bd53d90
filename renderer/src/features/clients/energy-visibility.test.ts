import { describe, expect, it } from 'vitest';
import { hidesEnergy, withoutEnergyFigures } from './energy-visibility.ts';

describe('energy visibility', () => {
  it('hides energy for eating-disorder-sensitive clients unless the practitioner chose to see it', () => {
    expect(hidesEnergy({ edSensitive: true }, { edShowEnergyToMe: false })).toBe(true);
    expect(hidesEnergy({ edSensitive: true }, null)).toBe(true);
    expect(hidesEnergy({ edSensitive: true }, { edShowEnergyToMe: true })).toBe(false);
    expect(hidesEnergy({ edSensitive: false }, { edShowEnergyToMe: false })).toBe(false);
  });

  it.each([
    ['IOM 2005 AI, 14 g per 1000 kcal of 1717 kcal', 'IOM 2005 AI, 14 g relative to energy'],
    [
      'DGA 2020–2025, < 10 % of energy; rescaled to the 1,800 kcal energy override',
      'DGA 2020–2025, < 10 % of energy; rescaled to the energy override',
    ],
    ['Mifflin-St Jeor × PAL 1.55 = 2,370 kcal', 'Mifflin-St Jeor × PAL 1.55 ='],
    ['IOM 2011 DRI, RDA, female 19–30 y', 'IOM 2011 DRI, RDA, female 19–30 y'],
    ['8,400 kJ a day', 'a day'],
  ])('%s', (text, out) => {
    expect(withoutEnergyFigures(text)).toBe(out);
    expect(withoutEnergyFigures(text)).not.toMatch(/\d\s*(kcal|kj)/i);
  });
});
