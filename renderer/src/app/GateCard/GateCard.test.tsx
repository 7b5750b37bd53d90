import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render.tsx';
import { GateCard } from './GateCard.tsx';

describe('GateCard', () => {
  it('as a form, is named by its heading and submits', () => {
    let submitted = 0;
    renderInApp(
      <GateCard
        title="Unlock the data"
        maw={440}
        onSubmit={(e) => {
          e.preventDefault();
          submitted += 1;
        }}
        dataDir="/data/for/test"
      >
        <button type="submit">Go</button>
      </GateCard>,
    );
    const form = screen.getByRole('form', { name: 'Unlock the data' });
    expect(form.hasAttribute('novalidate')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(submitted).toBe(1);
    expect(screen.getByText('Data folder: /data/for/test')).toBeTruthy();
  });

  it('without onSubmit is no form and names no data folder unless given one', () => {
    renderInApp(
      <GateCard title="Your recovery code" maw={520} testId="card">
        <p>body</p>
      </GateCard>,
    );
    expect(screen.getByRole('heading', { name: 'Your recovery code' })).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.getByTestId('card').textContent).not.toContain('Data folder');
  });
});
