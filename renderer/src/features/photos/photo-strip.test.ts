import { describe, expect, it } from 'vitest';
import type { PhotoAnalysis } from '@contract/photos.ts';
import { defaultSelection, nextPending, stripEntries, type PhotoSummary } from './photo-strip.ts';

const analysis = (photoId: string, items = 0): PhotoAnalysis => ({
  photoId,
  clientId: 'c',
  width: 10,
  height: 10,
  items: Array.from({ length: items }, (_, i) => ({
    id: `${photoId}-${i}`,
    label: 'apple',
    score: 1,
    box: { x: 0, y: 0, w: 1, h: 1 },
    foodId: null,
    foodName: null,
    grams: null,
    portionBasis: null,
    confidence: 1,
    basisKind: 'default',
    count: null,
    measure: null,
    range: null,
    flag: null,
    merged: 1,
  })),
  references: [],
  nothingFound: items === 0,
  modelId: 'm',
  provider: 'cpu',
  timings: { preprocessMs: 0, inferenceMs: 0, totalMs: 0 },
  takenDate: '2025-11-25',
  flags: [],
  pair: null,
});

const summary = (id: string, status: PhotoSummary['status']): PhotoSummary => ({
  id,
  clientId: 'c',
  status,
  localDate: null,
  width: 10,
  height: 10,
  itemCount: 2,
  pair: null,
  createdAt: 0,
});

describe('stripEntries', () => {
  it('lists this window’s analyses first, then the other photos, without discarded ones', () => {
    const entries = stripEntries(
      [analysis('a', 1), analysis('b')],
      [summary('c', 'saved'), summary('b', 'pending'), summary('d', 'discarded'), summary('e', 'pending')],
      {},
    );
    expect(entries.map((e) => [e.photoId, e.status])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
      ['c', 'saved'],
      ['e', 'pending'],
    ]);
    expect(entries[0]).toMatchObject({ itemCount: 1, localDate: '2025-11-25' });
  });

  it('applies local changes before the list reloads', () => {
    const entries = stripEntries([analysis('a')], [summary('a', 'pending'), summary('b', 'pending')], {
      a: 'saved',
      b: 'discarded',
    });
    expect(entries.map((e) => [e.photoId, e.status])).toEqual([['a', 'saved']]);
  });
});

describe('selection', () => {
  const entries = stripEntries([], [summary('a', 'saved'), summary('b', 'pending'), summary('c', 'pending')], {});

  it('shows the picked photo, else the first one to review', () => {
    expect(defaultSelection(entries, 'a')?.photoId).toBe('a');
    expect(defaultSelection(entries, null)?.photoId).toBe('b');
    expect(defaultSelection(entries, 'gone')?.photoId).toBe('b');
    expect(defaultSelection([], null)).toBeNull();
    expect(defaultSelection(entries, null, ['a', 'c'])?.photoId).toBe('c');
  });

  it('moves on to the next photo to review', () => {
    expect(nextPending(entries, 'b')).toBe('c');
    expect(nextPending(entries, 'c')).toBe('b');
    expect(nextPending(stripEntries([], [summary('a', 'pending')], {}), 'a')).toBeNull();
  });
});
