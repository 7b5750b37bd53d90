import { describe, expect, it } from 'vitest';
import type { PlanEntry } from '@contract/plans.ts';
import type { NutrientStatus } from '@contract/log.ts';
import { entryEnergy, inRangeText, noteText, planDate, slotItems, slotKeyFor } from './plan-text.ts';

function entry(id: string, fields: Partial<PlanEntry> = {}): PlanEntry {
  return {
    id,
    day: 1,
    slot: 'breakfast',
    position: 0,
    food: { id: 'usda:1', name: id, amountLabel: '100 g', grams: 100 },
    altOf: null,
    pinned: false,
    note: null,
    nutrients: { energyKcal: 120 },
    allergens: [],
    dietConflict: null,
    ...fields,
  };
}

describe('slotItems', () => {
  it('groups alternatives under the entry they replace, in position order, for one day and slot', () => {
    const entries = [
      entry('b', { position: 2 }),
      entry('a', { position: 1 }),
      entry('a-or', { position: 3, altOf: 'a' }),
      entry('other-day', { day: 2 }),
      entry('other-slot', { slot: 'lunch' }),
    ];
    expect(slotItems(entries, 1, 'breakfast').map((i) => [i.entry.id, i.alternatives.map((x) => x.id)])).toEqual([
      ['a', ['a-or']],
      ['b', []],
    ]);
  });

  it('shows an alternative whose main entry is gone as a main entry', () => {
    const items = slotItems([entry('orphan', { altOf: 'gone' })], 1, 'breakfast');
    expect(items.map((i) => i.entry.id)).toEqual(['orphan']);
  });
});

describe('plan text', () => {
  it('dates plan days from the start date, across a month end', () => {
    expect(planDate('2026-02-27', 1)).toBe('2026-02-27');
    expect(planDate('2026-02-27', 3)).toBe('2026-03-01');
  });

  it('makes slot keys the contract accepts, unique among the others', () => {
    expect(slotKeyFor('Mid-morning snack', [])).toBe('mid-morning-snack');
    expect(slotKeyFor('Snack', ['snack'])).toBe('snack-2');
    expect(slotKeyFor('2nd breakfast!', [])).toBe('nd-breakfast');
    expect(slotKeyFor('   ', [])).toBe('meal');
  });

  it('finds the note of a day or of a slot', () => {
    const plan = {
      notes: [
        { day: 1, slot: null, text: 'Day' },
        { day: 1, slot: 'lunch', text: 'Lunch' },
      ],
    };
    expect(noteText(plan, 1, null)).toBe('Day');
    expect(noteText(plan, 1, 'lunch')).toBe('Lunch');
    expect(noteText(plan, 2, null)).toBe('');
  });

  it('gives no energy label where figures are hidden or unknown', () => {
    expect(entryEnergy(entry('x'), false)).toBe('120 kcal');
    expect(entryEnergy(entry('x'), true)).toBeNull();
    expect(entryEnergy(entry('x', { nutrients: {} }), false)).toBeNull();
  });

  it('counts the judged targets in range, leaving out references and untracked ones', () => {
    const s = (status: NutrientStatus['status']): NutrientStatus => ({
      key: 'proteinG',
      label: 'Protein',
      unit: 'g',
      value: 1,
      target: 1,
      min: null,
      max: null,
      kind: 'rda',
      status,
      ratio: 1,
    });
    expect(inRangeText([s('ok'), s('low'), s('info'), s('untracked'), s('high')])).toBe('1 of 3 targets in range');
  });
});
