import { describe, expect, it } from 'vitest';
import type { Portion } from '@contract/foods.ts';
import type { LogEntry } from '@contract/log.ts';
import {
  amountText,
  dayTotals,
  dayTotalText,
  entryText,
  groupEntries,
  defaultCopyTarget,
  measureFromText,
  measureGrams,
  measureLabel,
  measureOptions,
} from './log-text.ts';

const base: LogEntry = {
  id: '01890000-0000-7000-8000-000000000001',
  clientId: '01890000-0000-7000-8000-0000000000c1',
  kind: 'diet',
  date: '2025-03-10',
  time: null,
  photoId: null,
  source: 'manual',
  note: null,
  meal: 'breakfast',
  food: { id: 'usda:09040', name: 'Bananas, raw', amountLabel: '1 medium (118 g)', grams: 118 },
  activity: null,
  sleep: null,
  nutrients: { energyKcal: 105.02, proteinG: 1.29, fibreG: 3.068 },
  allergyConfirmation: null,
  updatedAt: 1,
};

const medium: Portion = {
  id: 'p2',
  amount: 1,
  unit: 'medium (7" to 7-7/8" long)',
  label: '1 medium (7" to 7-7/8" long)',
  grams: 118,
};
const cup: Portion = { id: 'p1', amount: 1, unit: 'cup, mashed', label: '1 cup, mashed', grams: 225 };

describe('log text', () => {
  it('groups by meal in day order, then activity and sleep', () => {
    const entries: LogEntry[] = [
      { ...base, id: 'a', kind: 'sleep', meal: null, food: null, sleep: { hours: 7.5, quality: 4 }, nutrients: {} },
      { ...base, id: 'b', meal: 'dinner' },
      { ...base, id: 'c', meal: null },
      { ...base, id: 'd', time: '07:30' },
      { ...base, id: 'e', time: '06:00' },
    ];
    const sections = groupEntries(entries);
    expect(sections.map((s) => s.key)).toEqual(['breakfast', 'dinner', 'no-meal', 'sleep']);
    expect(sections[0]?.entries.map((e) => e.id)).toEqual(['e', 'd']);
  });

  it('lists meals in the order they were eaten: a 16:00 snack before a 19:00 dinner', () => {
    const at = (id: string, meal: LogEntry['meal'], time: string | null): LogEntry => ({ ...base, id, meal, time });
    const sections = groupEntries([
      at('d', 'dinner', '19:00'),
      at('s', 'snack', '16:00'),
      at('b', 'breakfast', '07:30'),
      at('l', 'lunch', '12:30'),
      { ...base, id: 'w', kind: 'activity', meal: null, food: null, time: '06:00' },
    ]);
    expect(sections.map((s) => s.key)).toEqual(['breakfast', 'lunch', 'snack', 'dinner', 'activity']);
    // A meal logged without a time keeps its usual place among the timed ones.
    const mixed = groupEntries([at('d', 'dinner', '19:00'), at('s', 'snack', '10:00'), at('l', 'lunch', null)]);
    expect(mixed.map((s) => s.key)).toEqual(['lunch', 'snack', 'dinner']);
  });

  it('describes food, activity and sleep entries', () => {
    expect(entryText(base)).toEqual({ title: 'Bananas, raw', detail: '1 medium (118 g)', energy: '105 kcal' });
    const grams = { ...base, food: { ...base.food!, amountLabel: '150 g', grams: 150 } };
    expect(entryText(grams).detail).toBe('150 g');
    const reported: LogEntry = {
      ...base,
      source: 'import',
      food: null,
      reported: { name: 'Fictional Lentil Wrap', amount: '1 serving', format: 'cronometer' },
      nutrients: { energyKcal: 430 },
    };
    expect(entryText(reported)).toEqual({
      title: 'Fictional Lentil Wrap',
      detail: '1 serving · as reported in Cronometer',
      energy: '430 kcal',
    });
    const bare = { ...base, food: { ...base.food!, amountLabel: '2 slices' } };
    expect(entryText(bare).detail).toBe('2 slices (118 g)');
    const walk: LogEntry = {
      ...base,
      kind: 'activity',
      food: null,
      activity: { key: 'walking', label: 'Walking', met: 3.5, minutes: 30, kcal: 122.5 },
      nutrients: {},
    };
    expect(entryText(walk)).toEqual({ title: 'Walking', detail: '30 min', energy: '123 kcal burned' });
    const sleep: LogEntry = { ...base, kind: 'sleep', food: null, sleep: { hours: 7.5, quality: 4 }, nutrients: {} };
    expect(entryText(sleep).detail).toBe('7.5 h, quality 4/5');
  });

  it('totals the day from food entries only', () => {
    const totals = dayTotals([base, { ...base, kind: 'activity', nutrients: { energyKcal: 999 } }]);
    expect(totals.energyKcal).toBeCloseTo(105.02);
    expect(dayTotalText(totals)).toBe('105 kcal · protein 1.3 g · fibre 3.1 g');
    expect(dayTotalText({})).toBe('– · protein – · fibre –');
  });

  it('labels measures and builds household amounts', () => {
    expect(measureLabel(medium)).toBe('1 medium (118 g)');
    expect(measureLabel(cup)).toBe('1 cup, mashed (225 g)');
    expect(amountText(1, medium)).toBe('1 medium (7" to 7-7/8" long)');
    expect(amountText(1.5, { ...cup, amount: 0.5 })).toBe('0.75 cup, mashed');
    expect(measureGrams(2, medium)).toBe(236);
    const twins = measureOptions([medium, { ...medium, id: 'p3', label: '1 medium (8" long)', grams: 130 }]);
    expect(twins.map((o) => o.label)).toEqual(['1 medium (118 g)', '1 medium (130 g)']);
    const same = measureOptions([medium, { ...medium, id: 'p4', label: '1 medium (other)' }]);
    expect(same[0]?.label).toBe('1 medium (7" to 7-7/8" long) (118 g)');
  });
});

describe('measureFromText', () => {
  const cup: Portion = { id: 'c', amount: 1, unit: 'cup, chopped', grams: 160, label: '1 cup, chopped' };
  const half: Portion = { id: 'h', amount: 0.5, unit: 'cup', grams: 120, label: '0.5 cup' };
  it('finds the measure and count an amount text was made from', () => {
    expect(measureFromText([half, cup], amountText(2, cup))).toEqual({ portion: cup, count: 2 });
    expect(measureFromText([half, cup], '2 cup, chopped')).toEqual({ portion: cup, count: 2 });
    // "1 cup" of a ½-cup measure is 2 of that measure.
    expect(measureFromText([half, cup], amountText(2, half))).toEqual({ portion: half, count: 2 });
    expect(measureFromText([half, cup], amountText(1.5, cup))).toEqual({ portion: cup, count: 1.5 });
  });

  it('gives null for grams, another wording, or a measure the food no longer has', () => {
    expect(measureFromText([cup], null)).toBeNull();
    expect(measureFromText([cup], '150 g')).toBeNull();
    expect(measureFromText([cup], '2 large')).toBeNull();
  });
});

describe('defaultCopyTarget', () => {
  it('copies to today, or to tomorrow when today is the day copied', () => {
    expect(defaultCopyTarget('2026-12-01', '2026-12-06')).toBe('2026-12-06');
    expect(defaultCopyTarget('2026-12-06', '2026-12-06')).toBe('2026-12-07');
  });
});
