import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { renderInApp } from '../test/render.tsx';
import { useFormRequest } from './use-form-request.ts';

/** A button that sends `work`; shows the busy flag and the error sentence. */
function Sender({ work, onError }: { work: () => Promise<void>; onError: (e: unknown) => void }): React.JSX.Element {
  const { busy, error, send } = useFormRequest(onError);
  return (
    <>
      <button type="button" onClick={() => void send(work)}>
        send
      </button>
      <p data-testid="busy">{String(busy)}</p>
      <p data-testid="error">{error ?? ''}</p>
    </>
  );
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useFormRequest', () => {
  it('is busy while the work runs and shows why it failed, after telling onError', async () => {
    const seen: unknown[] = [];
    const pending = deferred();
    renderInApp(<Sender work={() => pending.promise} onError={(e) => seen.push(e)} />);
    fireEvent.click(screen.getByText('send'));
    expect(screen.getByTestId('busy').textContent).toBe('true');
    const failure = new ApiError('wrong-passphrase', 'The passphrase is not right.');
    await act(async () => {
      pending.reject(failure);
      await pending.promise.catch(() => undefined);
    });
    expect(screen.getByTestId('busy').textContent).toBe('false');
    expect(screen.getByTestId('error').textContent).toBe('The passphrase is not right.');
    expect(seen).toEqual([failure]);
  });

  it('clears the last error when sent again and leaves it empty on success', async () => {
    let fail = true;
    const work = (): Promise<void> => (fail ? Promise.reject(new Error('Broken.')) : Promise.resolve());
    renderInApp(<Sender work={work} onError={() => undefined} />);
    await act(async () => {
      fireEvent.click(screen.getByText('send'));
      await Promise.resolve();
    });
    expect(screen.getByTestId('error').textContent).toContain('Broken.');
    fail = false;
    await act(async () => {
      fireEvent.click(screen.getByText('send'));
      await Promise.resolve();
    });
    expect(screen.getByTestId('error').textContent).toBe('');
    expect(screen.getByTestId('busy').textContent).toBe('false');
  });
});
