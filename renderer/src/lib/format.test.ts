import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  bmi,
  formatCount,
  formatIsoDate,
  formatNutrient,
  formatQuantity,
  formatRange,
  formatRelative,
  todayIso,
} from './format.ts';

describe('formatQuantity', () => {
  it('rounds by magnitude and groups thousands', () => {
    expect(formatQuantity(2046.4, 'kcal')).toBe('2,046 kcal');
    expect(formatQuantity(25, 'g')).toBe('25 g');
    expect(formatQuantity(2300, 'mg')).toBe('2,300 mg');
    expect(formatQuantity(2.7, 'L')).toBe('2.7 L');
    expect(formatQuantity(2.4, 'mcg')).toBe('2.4 mcg');
    expect(formatQuantity(0.456, 'mg')).toBe('0.46 mg');
  });

  it('drops the unit when there is none', () => {
    expect(formatQuantity(1.55, '', 2)).toBe('1.55');
  });
});

describe('formatRange', () => {
  it('shows both ends, one end or nothing', () => {
    expect(formatRange(45, 65, '%')).toBe('45–65 %');
    expect(formatRange(1841.4, 2250.6, 'kcal')).toBe('1,841–2,251 kcal');
    expect(formatRange(null, 2300, 'mg')).toBe('≤ 2,300 mg');
    expect(formatRange(25, null, 'g')).toBe('≥ 25 g');
    expect(formatRange(null, null, 'g')).toBeNull();
  });
});

describe('dates', () => {
  it('formats a calendar date without shifting the day', () => {
    expect(formatIsoDate('1985-04-23')).toBe('Apr 23, 1985');
    expect(formatIsoDate('not a date')).toBe('not a date');
  });

  it('computes completed years around the birthday', () => {
    expect(ageInYears('1985-04-23', '2025-04-22')).toBe(39);
    expect(ageInYears('1985-04-23', '2025-04-23')).toBe(40);
    expect(ageInYears('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageInYears('2030-01-01', '2025-01-01')).toBeNull();
  });

  it('gives today as YYYY-MM-DD in local time', () => {
    expect(todayIso(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });

  it('describes recent timestamps in words', () => {
    const now = Date.UTC(2025, 5, 15, 12);
    expect(formatRelative(now - 1000, now)).toBe('today');
    expect(formatRelative(now - 86_400_000, now)).toBe('yesterday');
    expect(formatRelative(now - 5 * 86_400_000, now)).toBe('5 days ago');
  });
});

describe('bmi', () => {
  it('is kg/m² and null when a measurement is missing', () => {
    expect(bmi(70, 175)).toBeCloseTo(22.86, 2);
    expect(bmi(null, 175)).toBeNull();
    expect(bmi(70, null)).toBeNull();
  });
});

describe('formatNutrient', () => {
  it('shows energy as a whole number with grouping and other units by size', () => {
    expect(formatNutrient(1850.4, 'kcal')).toBe('1,850 kcal');
    expect(formatNutrient(105.02, 'kcal')).toBe('105 kcal');
    expect(formatNutrient(3.068, 'g')).toBe('3.1 g');
    expect(formatNutrient(25.4, 'g')).toBe('25 g');
    expect(formatNutrient(0.454, 'mg')).toBe('0.45 mg');
    expect(formatNutrient(2300, 'mg')).toBe('2,300 mg');
    expect(formatCount(1.5)).toBe('1.5');
    expect(formatCount(0.333)).toBe('0.33');
  });
});
