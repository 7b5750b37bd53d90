import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import type { Query } from '../../lib/query.ts';
import { renderInApp } from '../../test/render.tsx';
import { QueryPending } from './QueryPending.tsx';

function queryOf(data: unknown, error: ApiError | null, reload: () => void = () => undefined): Query<unknown> {
  return { data, error, loading: false, previous: false, reload };
}

function renderPending(query: Query<unknown>): void {
  renderInApp(<QueryPending query={query} errorTitle="Could not read the things" loadingLabel="Loading the things" />);
}

describe('QueryPending', () => {
  it('shows a labelled placeholder while the first answer is awaited', () => {
    renderPending(queryOf(undefined, null));
    expect(screen.getByLabelText('Loading the things')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a failed first load with its title, and "Try again" reloads', () => {
    let reloads = 0;
    renderPending(queryOf(undefined, new ApiError('internal', 'The core stopped.'), () => (reloads += 1)));
    expect(screen.getByRole('alert').textContent).toContain('Could not read the things');
    expect(screen.getByText('The core stopped.')).toBeTruthy();
    expect(screen.queryByLabelText('Loading the things')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(reloads).toBe(1);
  });

  it('shows nothing once there is data, even when a reload failed', () => {
    renderPending(queryOf({ count: 0 }, new ApiError('internal', 'The core stopped.')));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByLabelText('Loading the things')).toBeNull();
  });
});
