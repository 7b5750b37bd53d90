import { describe, expect, it } from 'vitest';
import { addDays, daysInclusive, isIsoDate, matchPreset, presetRange, rangeProblem } from './dates.ts';

describe('date helpers', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
    expect(addDays('not a date', 1)).toBe('not a date');
  });

  it('validates calendar dates', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });

  it('builds the 7/30/90-day presets ending on a day, both ends included', () => {
    expect(presetRange(7, '2025-03-10')).toEqual({ from: '2025-03-04', to: '2025-03-10' });
    expect(daysInclusive('2025-03-04', '2025-03-10')).toBe(7);
    expect(presetRange(30, '2025-03-10').from).toBe('2025-02-09');
    expect(daysInclusive(presetRange(90, '2025-03-10').from, '2025-03-10')).toBe(90);
    expect(matchPreset('2025-02-09', '2025-03-10', '2025-03-10')).toBe(30);
    expect(matchPreset('2025-02-10', '2025-03-10', '2025-03-10')).toBeNull();
    expect(matchPreset('2025-03-04', '2025-03-09', '2025-03-10')).toBeNull();
  });

  it('explains unusable custom ranges', () => {
    expect(rangeProblem('2025-03-10', '2025-03-01')).toMatch(/on or before/);
    expect(rangeProblem('', '2025-03-01')).toBe('Enter both dates.');
    expect(rangeProblem('2023-01-01', '2025-03-01')).toMatch(/at most/);
    expect(rangeProblem('2025-03-01', '2025-03-01')).toBeNull();
    expect(daysInclusive('2025-03-02', '2025-03-01')).toBe(0);
  });
});
