import { describe, expect, it } from 'vitest';
import type { DayExtra, NutrientStatus, TrendsView } from '@contract/log.ts';
import {
  activitySleepPoints,
  activitySleepSummary,
  extraReferenceText,
  extraValueText,
  macroSlices,
  macroSummary,
  meanOf,
  progressValue,
  shortDate,
  statusTargetText,
  statusValueText,
  trendPoints,
  trendSummary,
} from './dashboard-text.ts';

const energy: NutrientStatus = {
  key: 'energyKcal',
  label: 'Energy',
  unit: 'kcal',
  value: 1850.4,
  target: 2046,
  min: 1841,
  max: 2251,
  kind: 'goal',
  status: 'ok',
  ratio: 0.9,
};

const day = (date: string, logged: boolean, kcal: number | null, extra: Partial<TrendsView['days'][number]> = {}) => ({
  date,
  logged,
  values: { energyKcal: kcal },
  mean7: { energyKcal: kcal === null ? null : kcal },
  mean30: {},
  activityMin: 0,
  burnedKcal: 0,
  sleepHours: null,
  sleepQuality: null,
  ...extra,
});

const view: TrendsView = {
  clientId: '01890000-0000-7000-8000-0000000000c1',
  from: '2025-03-01',
  to: '2025-03-03',
  days: [
    day('2025-03-01', true, 1800, { activityMin: 30, sleepHours: 7, sleepQuality: 4 }),
    day('2025-03-02', false, null),
    day('2025-03-03', true, 1900, { activityMin: 45, sleepHours: 8, sleepQuality: 3 }),
  ],
  daysLogged: 2,
  macroSplit: { proteinPct: 18, carbPct: 40, fatPct: 42 },
  targets: { energyKcal: 2046 },
};

describe('dashboard text', () => {
  it('formats status values, targets and bars', () => {
    expect(statusValueText(energy)).toBe('1,850 kcal');
    expect(statusValueText({ ...energy, value: null })).toBe('Not tracked');
    expect(statusValueText({ ...energy, unit: 'g', value: 3.068 })).toBe('3.1 g');
    expect(statusTargetText(energy)).toBe('Target 2,046 kcal (range 1,841–2,251 kcal)');
    expect(statusTargetText({ ...energy, min: null, max: null })).toBe('Target 2,046 kcal');
    expect(
      statusTargetText({ ...energy, key: 'potassiumMg', unit: 'mg', target: 2600, min: null, max: null, kind: 'info' }),
    ).toBe('Reference 2,600 mg, for information only');
    expect(progressValue(0.5)).toBe(50);
    expect(progressValue(1.7)).toBe(100);
    expect(progressValue(null)).toBe(0);
  });

  it('keeps unlogged days as gaps, not zeros', () => {
    const points = trendPoints(view, 'energyKcal');
    expect(points.map((p) => p.value)).toEqual([1800, null, 1900]);
    expect(points[0]?.label).toBe('Mar 1');
    expect(shortDate('bad')).toBe('bad');
    expect(meanOf([1800, null, 1900])).toBe(1850);
    expect(meanOf([null])).toBeNull();
  });

  it('summarises a trend for screen readers', () => {
    expect(trendSummary(view, 'energyKcal')).toBe(
      'Mean energy over the 2 logged days from Mar 1, 2025 to Mar 3, 2025: 1,850 kcal (target 2,046 kcal).',
    );
    expect(trendSummary({ ...view, days: [day('2025-03-01', false, null)] }, 'energyKcal')).toMatch(/^No day/);
  });

  it('checks the macro split against the AMDR', () => {
    const slices = macroSlices({ proteinPct: 18, carbPct: 40, fatPct: 42 });
    expect(slices.map((s) => s.within)).toEqual([true, false, false]);
    // The edge as shown: 35.3 % prints as 35 % and is within 20–35 %; 35.6 % prints as 36 % and is not.
    const edge = macroSlices({ proteinPct: 19.7, carbPct: 45, fatPct: 35.3 });
    expect(edge.map((s) => s.within)).toEqual([true, true, true]);
    expect(macroSummary(edge)).toContain('fat 35 % (AMDR 20–35 %)');
    expect(macroSlices({ proteinPct: 19, carbPct: 45, fatPct: 35.6 })[2]?.within).toBe(false);
    expect(macroSummary(slices)).toBe(
      'Share of energy over the logged days: protein 18 % (AMDR 10–35 %), carbohydrate 40 % (AMDR 45–65 %, outside), fat 42 % (AMDR 20–35 %, outside).',
    );
  });

  it('summarises activity and sleep', () => {
    const points = activitySleepPoints(view);
    expect(points[1]?.sleepHours).toBeNull();
    expect(activitySleepSummary(points)).toBe(
      'Activity on 2 of 3 days, 75 minutes in all; sleep 7.5 h on average over 2 nights, quality 3.5/5.',
    );
    expect(activitySleepSummary([])).toBe('No activity logged; no sleep logged.');
  });
});

describe('caffeine and alcohol texts', () => {
  const caffeine: DayExtra = {
    key: 'caffeineMg',
    label: 'Caffeine',
    unit: 'mg',
    value: 284.4,
    entriesWithValue: 3,
    reference: { max: 200, text: 'In pregnancy, up to 200 mg a day', source: 'EFSA 2015' },
    aboveReference: true,
  };
  it('shows the sum, and says when only some entries carry a value or none does', () => {
    expect(extraValueText(caffeine, 3)).toBe('284 mg');
    expect(extraValueText(caffeine, 4)).toBe('284 mg (3 of 4 entries have a value)');
    expect(extraValueText({ ...caffeine, value: null, entriesWithValue: 0 }, 2)).toBe('Not in the food data');
  });
  it('names the reference and its source, never a target', () => {
    expect(extraReferenceText(caffeine)).toBe('Reference: In pregnancy, up to 200 mg a day (EFSA 2015)');
    expect(extraReferenceText({ ...caffeine, reference: null })).toBe(
      'No reference for this client (no target exists)',
    );
  });
});
