import { describe, expect, it } from 'vitest';
import type { DayForecast } from '@contract/log.ts';
import { flagColor, forecastBandNote, forecastEstimateText, roundKcal } from './forecast-text.ts';

const forecast: DayForecast = {
  numbersHidden: false,
  estimateKcal: 2163.4,
  band: { low: 1351.1, high: 2975.7 },
  rmseKcal: 812.3,
  contributors: [],
  plausibility: { flag: 'ok', message: 'fine' },
  hiddenReason: null,
};

describe('forecast card text', () => {
  it('rounds to 50 kcal, the model being ±800 kcal', () => {
    expect(roundKcal(2163.4)).toBe(2150);
    expect(forecastEstimateText(forecast)).toBe('Typical-day estimate: 2,150 kcal (1,350–3,000)');
    expect(forecastBandNote(forecast)).toContain('± 800 kcal');
    expect(forecastBandNote(forecast)).toContain('not a range for this client');
  });

  it('shows no numbers when they are hidden (eating-disorder-sensitive care)', () => {
    const hidden: DayForecast = { ...forecast, numbersHidden: true, estimateKcal: null, band: null, rmseKcal: null };
    expect(forecastEstimateText(hidden)).toBeNull();
    expect(forecastBandNote(hidden)).toBeNull();
  });

  it('colours the stronger flag more', () => {
    expect(flagColor('below-goldberg')).toBe('orange');
    expect(flagColor('below-estimate')).toBe('yellow');
    expect(flagColor('ok')).toBe('green');
  });
});
