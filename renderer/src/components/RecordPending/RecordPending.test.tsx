import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { renderInApp } from '../../test/render.tsx';
import { RecordPending } from './RecordPending.tsx';

function renderPending(error: ApiError | null): { retries: () => number } {
  let retries = 0;
  renderInApp(
    <RecordPending
      query={{ error, reload: () => (retries += 1) }}
      noun="client"
      blocks={[{ height: 32, width: '40%' }, { height: 160 }]}
      testId="client-loading"
    />,
  );
  return { retries: () => retries };
}

describe('RecordPending', () => {
  it('while loading: the placeholder, busy and named, and no alert', () => {
    renderPending(null);
    const placeholder = screen.getByTestId('client-loading');
    expect(placeholder.getAttribute('aria-busy')).toBe('true');
    expect(placeholder.getAttribute('aria-label')).toBe('Loading the client');
    expect(placeholder.children).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a record that no longer exists: "not found", with nothing to retry', () => {
    renderPending(new ApiError('not-found', 'No client with that id.'));
    expect(screen.getByRole('alert').textContent).toContain('Client not found');
    expect(screen.getByRole('alert').textContent).toContain('No client with that id.');
    expect(screen.queryByText('Try again')).toBeNull();
    expect(screen.queryByTestId('client-loading')).toBeNull();
  });

  it('any other failure: says it could not load, and offers to try again', () => {
    const pending = renderPending(new ApiError('internal', 'The database is busy.'));
    expect(screen.getByRole('alert').textContent).toContain('Could not load the client');
    fireEvent.click(screen.getByText('Try again'));
    expect(pending.retries()).toBe(1);
  });
});
