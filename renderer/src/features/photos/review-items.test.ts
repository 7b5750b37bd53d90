import { describe, expect, it } from 'vitest';
import type { PhotoAnalysis } from '@contract/photos.ts';
import { drawTarget, hitFor, itemsFromAnalysis, manualItem, reviewPayload, splitSaveErrors } from './review-items.ts';

const analysis: PhotoAnalysis = {
  photoId: 'p1',
  clientId: 'c1',
  width: 640,
  height: 480,
  items: [
    {
      id: 'd1',
      label: 'banana',
      score: 0.9,
      box: { x: 10, y: 20, w: 100, h: 50 },
      foodId: 'usda:09040',
      foodName: 'Bananas, raw',
      grams: 117.6,
      portionBasis: 'default portion',
      confidence: 0.87,
      basisKind: 'default',
      count: null,
      measure: null,
      range: null,
      flag: null,
      merged: 1,
    },
    {
      id: 'd2',
      label: 'cake',
      score: 0.5,
      box: { x: 200, y: 20, w: 100, h: 50 },
      foodId: null,
      foodName: null,
      grams: null,
      portionBasis: null,
      confidence: 0.4,
      basisKind: 'default',
      count: null,
      measure: null,
      range: null,
      flag: null,
      merged: 1,
    },
  ],
  references: [],
  nothingFound: false,
  modelId: 'm',
  provider: 'cpu',
  timings: { preprocessMs: 10, inferenceMs: 100, totalMs: 140 },
  takenDate: null,
  flags: [],
  pair: null,
};

describe('itemsFromAnalysis', () => {
  it('starts each detection as a grams item with its food when mapped', () => {
    const [banana, cake] = itemsFromAnalysis(analysis);
    expect(banana).toMatchObject({ key: 'd1', origin: 'detected', grams: 118, mode: 'grams' });
    expect(banana?.hit?.name).toBe('Bananas, raw');
    expect(cake).toMatchObject({ key: 'd2', hit: null, grams: '' });
  });
});

describe('itemsFromAnalysis: counted and flagged proposals', () => {
  const base = analysis.items[0]!;
  const counted = {
    ...base,
    id: 'd3',
    label: 'orange',
    foodId: 'usda:09200',
    foodName: 'Oranges, raw, all commercial varieties',
    grams: 260,
    basisKind: 'count' as const,
    count: 2,
    measure: { name: 'medium', grams: 131 },
    range: { low: 190, high: 370 },
  };
  const flagged = {
    ...counted,
    id: 'd4',
    grams: null,
    basisKind: 'flagged' as const,
    count: null,
    measure: null,
    range: null,
    flag: 'Too many.',
  };

  it('a counted item starts as that count of its household measure; a flagged one has no amount', () => {
    const [o, f] = itemsFromAnalysis({ ...analysis, items: [counted, flagged] });
    expect(o).toMatchObject({ mode: 'measure', count: 2, measureGrams: 131, portion: null, grams: 260 });
    expect(o!.detected).toMatchObject({ basisKind: 'count', range: { low: 190, high: 370 }, flag: null });
    expect(f).toMatchObject({ mode: 'grams', grams: '', measureGrams: null });
    expect(f!.detected?.flag).toBe('Too many.');
    // The practitioner must enter the flagged item's amount before saving.
    expect(reviewPayload([f!]).errors).toEqual({ d4: 'Enter the amount in grams.' });
  });
});

describe('reviewPayload', () => {
  it('builds photos.save items with labels and boxes', () => {
    const [banana] = itemsFromAnalysis(analysis);
    const manual = { ...manualItem('manual-1'), hit: hitFor('usda:09003', 'Apples, raw, with skin'), grams: 150 };
    const measured = {
      ...manualItem('manual-2'),
      hit: hitFor('usda:09003', 'Apples, raw, with skin'),
      mode: 'measure' as const,
      count: 2,
      portion: { id: 'x', amount: 1, unit: 'medium', label: '1 medium', grams: 182 },
    };
    const out = reviewPayload([banana!, manual, measured]);
    expect(out.errors).toEqual({});
    expect(out.items).toEqual([
      {
        foodId: 'usda:09040',
        grams: 118,
        amount: null,
        box: { x: 10, y: 20, w: 100, h: 50 },
        label: 'banana',
        origin: 'detected',
      },
      { foodId: 'usda:09003', grams: 150, amount: null, box: null, label: 'apples', origin: 'manual' },
      { foodId: 'usda:09003', grams: null, amount: '2 medium', box: null, label: 'apples', origin: 'manual' },
    ]);
  });

  it('asks for a reason for a food the client is allergic to, and sends it with that item only', () => {
    const [banana] = itemsFromAnalysis(analysis);
    const spread = { ...manualItem('pb'), hit: hitFor('usda:16098', 'Peanut butter'), grams: 16 };
    const conflicting = new Set(['usda:16098']);
    expect(reviewPayload([banana!, spread], conflicting).errors).toEqual({
      pb: 'Give a reason to save this food despite the allergy.',
    });
    const out = reviewPayload([banana!, { ...spread, allergyReason: ' Allergist cleared it ' }], conflicting);
    expect(out.errors).toEqual({});
    expect(out.items.map((i) => i.allergyConfirmation ?? null)).toEqual([null, { reason: 'Allergist cleared it' }]);
  });

  it('reports items without a food or an amount', () => {
    const [, cake] = itemsFromAnalysis(analysis);
    const noGrams = { ...manualItem('m'), hit: hitFor('f', 'Food') };
    const out = reviewPayload([cake!, noGrams]);
    expect(out.items).toEqual([]);
    expect(out.errors).toEqual({ d2: 'Choose the food.', m: 'Enter the amount in grams.' });
  });
});

describe('splitSaveErrors', () => {
  it('maps item paths to the sent items’ keys', () => {
    expect(splitSaveErrors({ 'items.1.grams': 'Too much.', date: 'Bad date.' }, ['a', 'b'])).toEqual({
      items: { b: 'Too much.' },
      other: { date: 'Bad date.' },
    });
  });
});

describe('drawTarget', () => {
  it('gives a drawn box to the last hand-entered item without one', () => {
    const [banana] = itemsFromAnalysis(analysis);
    const a = manualItem('a');
    const b = manualItem('b', { x: 1, y: 1, w: 5, h: 5 });
    expect(drawTarget([banana!, a, b])?.key).toBe('a');
    expect(drawTarget([banana!, b])).toBeNull();
  });
});
