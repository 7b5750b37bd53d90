import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput } from '@contract/index.ts';
import { connectToHost, renderInApp } from '../test/render.tsx';
import { callKey, useCall, useMutation, type QueryScope } from './query.ts';

let seq = 0;
/** A client name no other test uses, so each test's list starts empty. */
function uniqueTag(): string {
  seq += 1;
  return `QueryTest${Date.now().toString(36)}x${seq}`;
}

function newClient(name: string): MethodInput<'clients.create'> {
  return { name, sex: 'female', birthDate: '1985-04-12', heightCm: 165, weightKg: 60 };
}

function ClientNames({ search }: { search: string }): React.JSX.Element {
  const list = useCall('clients.list', { search });
  if (!list.data) return <p>loading</p>;
  return <p data-testid="names">{list.data.map((c) => c.name).join(', ') || 'none'}</p>;
}

function AddClient({ name, invalidates }: { name: string; invalidates: readonly QueryScope[] }): React.JSX.Element {
  const create = useMutation('clients.create', { invalidates });
  return (
    <button type="button" onClick={() => void create.run(newClient(name))} disabled={create.pending}>
      add {create.pending ? '(saving)' : ''}
    </button>
  );
}

function rpcCalls(spy: { mock: { calls: unknown[][] } }, method: string): number {
  return spy.mock.calls.filter(([url]) => String(url).endsWith(`/api/rpc/${method}`)).length;
}

describe('useCall and useMutation against the real core', () => {
  beforeEach(connectToHost);

  it('a write reloads the reads it invalidates: the new client appears in the list on screen', async () => {
    const tag = uniqueTag();
    renderInApp(
      <>
        <ClientNames search={tag} />
        <AddClient name={`${tag} Ada`} invalidates={['clients']} />
      </>,
    );
    expect((await screen.findByTestId('names')).textContent).toBe('none');
    fireEvent.click(screen.getByRole('button', { name: /add/ }));
    await waitFor(() => expect(screen.getByTestId('names').textContent).toBe(`${tag} Ada`));
  });

  it('a write that invalidates nothing leaves the cached list as it was', async () => {
    const tag = uniqueTag();
    const { client } = renderInApp(
      <>
        <ClientNames search={tag} />
        <AddClient name={`${tag} Ben`} invalidates={['targets']} />
      </>,
    );
    expect((await screen.findByTestId('names')).textContent).toBe('none');
    fireEvent.click(screen.getByRole('button', { name: /add/ }));
    const saved = (): boolean =>
      client
        .getMutationCache()
        .getAll()
        .some((m) => m.state.status === 'success');
    await waitFor(() => expect(saved()).toBe(true));
    expect(screen.getByTestId('names').textContent).toBe('none');
    // The client was stored all the same: asking again finds it.
    await act(() => client.refetchQueries());
    await waitFor(() => expect(screen.getByTestId('names').textContent).toBe(`${tag} Ben`));
  });

  it('equal calls share one answer under a key made of the method and its input only', async () => {
    const tag = uniqueTag();
    const fetchSpy = vi.spyOn(window, 'fetch');
    const { client } = renderInApp(
      <>
        <ClientNames search={tag} />
        <ClientNames search={tag} />
        <ClientNames search={tag} />
      </>,
    );
    await waitFor(() => expect(screen.getAllByTestId('names')).toHaveLength(3));
    expect(rpcCalls(fetchSpy, 'clients.list')).toBe(1);
    expect(client.getQueryData(callKey('clients.list', { search: tag }))).toEqual([]);
    fetchSpy.mockRestore();
  });

  it('a failed read shows the core error and reports it to the session', async () => {
    function Missing(): React.JSX.Element {
      const client = useCall('clients.get', { id: '00000000-0000-4000-8000-000000000000' });
      return <p data-testid="error">{client.error ? client.error.code : 'waiting'}</p>;
    }
    const { reported } = renderInApp(<Missing />);
    await waitFor(() => expect(screen.getByTestId('error').textContent).toBe('not-found'));
    expect(reported).toHaveLength(1);
  });
});
