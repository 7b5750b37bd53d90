import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../../test/render.tsx';
import { EatenShareRow, type EatenRow } from './EatenShareRow.tsx';

function Harness({ initial }: { initial: EatenRow }): React.JSX.Element {
  const [row, setRow] = useState(initial);
  return (
    <ul>
      <EatenShareRow row={row} onChange={(patch) => setRow((r) => ({ ...r, ...patch }))} />
    </ul>
  );
}

const banana: EatenRow = {
  key: 'b1',
  foodId: 'usda:09040',
  foodName: 'Bananas, raw',
  label: 'banana',
  served: 150,
  share: 0.7,
  proposed: 0.7,
  basis: 'Not seen in the after photo',
  allergyReason: '',
};

describe('EatenShareRow', () => {
  it('moves the share in 10 % steps between 0 and 100 % and shows the eaten grams as they change', () => {
    renderInApp(<Harness initial={banana} />);
    const thumb = screen.getByRole('slider', { name: 'Share of Bananas, raw eaten' });
    expect(thumb.getAttribute('aria-valuenow')).toBe('70');
    expect(screen.getByTestId('pair-item-eaten').textContent).toBe('Eaten: 105 g (70 %)');
    fireEvent.keyDown(thumb, { key: 'ArrowRight' });
    expect(thumb.getAttribute('aria-valuenow')).toBe('80');
    expect(screen.getByTestId('pair-item-eaten').textContent).toBe('Eaten: 120 g (80 %)');
    for (let i = 0; i < 5; i++) fireEvent.keyDown(thumb, { key: 'ArrowRight' });
    expect(thumb.getAttribute('aria-valuenow')).toBe('100');
    fireEvent.keyDown(thumb, { key: 'Home' });
    expect(screen.getByTestId('pair-item-eaten').textContent).toBe('Eaten: 0 g (0 %)');
    fireEvent.keyDown(thumb, { key: 'ArrowRight' });
    expect(screen.getByTestId('pair-item-eaten').textContent).toBe('Eaten: 15 g (10 %)');
    // The proposal and its reason stay in view while the practitioner adjusts it.
    expect(screen.getByTestId('pair-item-basis').textContent).toBe(
      'Proposed 70 % from the photos. Not seen in the after photo.',
    );
  });

  it('recomputes the eaten grams from the served amount, and asks for one when it is missing', () => {
    renderInApp(<Harness initial={{ ...banana, served: '', share: 0.5 }} />);
    expect(screen.getByTestId('pair-item-eaten').textContent).toBe('Give the amount served');
    fireEvent.change(screen.getByTestId('pair-item-served'), { target: { value: '85' } });
    expect(screen.getByTestId('pair-item-eaten').textContent).toBe('Eaten: 42.5 g (50 %)');
  });
});
