import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PhotoAnalysis } from '@contract/photos.ts';
import { call } from '../../../lib/api.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { itemsFromAnalysis, reviewPayload, type ReviewItem } from '../review-items.ts';
import { ReviewItemRow } from './ReviewItemRow.tsx';

const counted: PhotoAnalysis['items'][number] = {
  id: 'd1',
  label: 'orange',
  score: 0.8,
  box: { x: 10, y: 10, w: 100, h: 100 },
  foodId: 'usda:09200',
  foodName: 'Oranges, raw, all commercial varieties',
  grams: 262,
  portionBasis: '2 × medium (131 g), counted in the photo; no size reference recognised, taken as medium',
  confidence: 0.8,
  basisKind: 'count',
  count: 2,
  measure: { name: 'medium', grams: 131 },
  range: { low: 192, high: 368 },
  flag: null,
  merged: 3,
};
const flagged: PhotoAnalysis['items'][number] = {
  ...counted,
  id: 'd2',
  label: 'pizza',
  foodId: 'usda:21299',
  foodName: 'Fast Food, Pizza Chain, 14" pizza, cheese topping, regular crust',
  grams: null,
  portionBasis: 'the bowl suggests about 900 g; no amount proposed',
  basisKind: 'flagged',
  count: null,
  measure: null,
  range: null,
  flag: 'About 900 g by the bowl: over 3× a usual portion (1 slice, 107 g). Check the photo and enter the amount.',
};

/** A new client per test (the food picker searches for a client). */
let clientIdForTest = '';

/** The row with its item held in state, as the review editor holds it. */
function Row({ start, onItem }: { start: ReviewItem; onItem: (i: ReviewItem) => void }): React.JSX.Element {
  const [item, setItem] = useState(start);
  return (
    <ReviewItemRow
      item={item}
      index={0}
      clientId={clientIdForTest}
      autoFocus={false}
      onChange={(patch) =>
        setItem((i) => {
          const next = { ...i, ...patch };
          onItem(next);
          return next;
        })
      }
      onRemove={() => {}}
      onActive={() => {}}
      saving={false}
    />
  );
}

describe('ReviewItemRow: a proposal with its basis, range and flag', () => {
  beforeEach(async () => {
    connectToHost();
    clientIdForTest = (await call('clients.create', { name: `Photo row ${Date.now().toString(36)}` })).id;
  });

  it('a counted item shows the class as its name and starts as that count of the food’s own household measure', async () => {
    const analysis = { items: [counted, flagged] } as unknown as PhotoAnalysis;
    const [orange] = itemsFromAnalysis(analysis);
    let latest = orange!;
    renderInApp(<Row start={orange!} onItem={(i) => (latest = i)} />);
    const row = screen.getByTestId('photo-item');
    expect(within(row).getByTestId('photo-item-name').textContent).toBe('Orange');
    expect(within(row).getByTestId('photo-item-proposal').textContent).toBe(
      'Proposed: 2 × medium (131 g) = 262 g · plausible 192–368 g',
    );
    expect(within(row).getByTestId('photo-item-basis').textContent).toContain('Basis: 2 × medium (131 g), counted');
    expect(within(row).queryByTestId('photo-item-flag')).toBeNull();
    // Once the food's measures load, the USDA measure of 131 g ("1 fruit (2-5/8" dia)") is chosen.
    await waitFor(() => expect(latest.portion?.grams).toBe(131));
    expect(latest.portion?.label).toMatch(/fruit \(2-5\/8" dia\)/);
    expect(within(row).getByTestId<HTMLInputElement>('photo-item-count').value).toBe('2');
    expect((await within(row).findByTestId('photo-item-kcal')).textContent).toMatch(/^262 g ≈/);
    expect(reviewPayload([latest]).items[0]).toMatchObject({ grams: null, amount: expect.stringMatching(/^2 /) });
  });

  it('a flagged item shows its flag and has no amount: one must be entered', async () => {
    const [, pizza] = itemsFromAnalysis({ items: [counted, flagged] } as unknown as PhotoAnalysis);
    renderInApp(<Row start={pizza!} onItem={() => {}} />);
    const row = screen.getByTestId('photo-item');
    expect(within(row).getByTestId('photo-item-name').textContent).toBe('Pizza');
    expect(within(row).getByTestId('photo-item-proposal').textContent).toBe('Proposed: no amount proposed');
    expect(within(row).getByTestId('photo-item-flag').textContent).toContain('over 3× a usual portion');
    expect((await within(row).findByTestId<HTMLInputElement>('photo-item-grams')).value).toBe('');
    expect(reviewPayload([pizza!]).errors).toEqual({ d2: 'Enter the amount in grams.' });
  });
});
