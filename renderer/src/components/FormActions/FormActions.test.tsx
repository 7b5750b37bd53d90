import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../lib/api.ts';
import { useAction } from '../../lib/use-action.ts';
import { connectToHost, renderInApp } from '../../test/render.tsx';
import { FormActions } from './FormActions.tsx';

/** A delete dialog as the app builds one: one call behind the red button, its error above the buttons. */
function DeleteFood({ id, onDeleted }: { id: string; onDeleted: () => void }): React.JSX.Element {
  const action = useAction();
  return (
    <FormActions
      error={action.error}
      busy={action.busy}
      onCancel={() => undefined}
      focusCancel
      confirmLabel="Delete"
      onConfirm={() => void action.run(() => call('foods.delete', { id })).then((ok) => ok && onDeleted())}
      confirmColor="red"
      testIds={{ error: 'delete-error', cancel: 'delete-cancel', confirm: 'delete-confirm' }}
    />
  );
}

describe('FormActions with useAction, against the real core', () => {
  beforeEach(connectToHost);

  it('deletes, then reports success once and shows no error', async () => {
    const food = await call('foods.createCustom', {
      name: `FormActions test ${Date.now().toString(36)}`,
      nutrients: { energyKcal: 120 },
    });
    let deleted = 0;
    renderInApp(<DeleteFood id={food.id} onDeleted={() => (deleted += 1)} />);
    fireEvent.click(screen.getByTestId('delete-confirm'));
    await waitFor(() => expect(deleted).toBe(1));
    expect(screen.queryByTestId('delete-error')).toBeNull();
    expect((screen.getByTestId('delete-cancel') as HTMLButtonElement).disabled).toBe(false);
    await expect(call('foods.get', { id: food.id })).rejects.toThrow();
  });

  it('shows the core’s refusal above the buttons, reports it, and lets the user cancel or try again', async () => {
    let deleted = 0;
    const { reported } = renderInApp(<DeleteFood id="no-such-food" onDeleted={() => (deleted += 1)} />);
    fireEvent.click(screen.getByTestId('delete-confirm'));
    const alert = await screen.findByTestId('delete-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).not.toBe('');
    expect(reported).toHaveLength(1);
    expect(deleted).toBe(0);
    expect((screen.getByTestId('delete-cancel') as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByTestId('delete-confirm') as HTMLButtonElement).disabled).toBe(false);
  });

  it('without onConfirm the main button submits the form around it; Cancel does not', () => {
    let submitted = 0;
    let cancelled = 0;
    renderInApp(
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submitted += 1;
        }}
      >
        <FormActions
          busy={false}
          onCancel={() => (cancelled += 1)}
          confirmLabel="Save"
          testIds={{ cancel: 'cancel', confirm: 'save' }}
        />
      </form>,
    );
    fireEvent.click(screen.getByTestId('cancel'));
    expect([submitted, cancelled]).toEqual([0, 1]);
    fireEvent.click(screen.getByTestId('save'));
    expect([submitted, cancelled]).toEqual([1, 1]);
    expect(screen.getByTestId('cancel').hasAttribute('data-autofocus')).toBe(false);
  });

  it('while busy, Cancel is disabled and the main button cannot be pressed again', () => {
    renderInApp(
      <FormActions busy onCancel={() => undefined} confirmLabel="Save" testIds={{ cancel: 'c', confirm: 's' }} />,
    );
    expect((screen.getByTestId('c') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('s') as HTMLButtonElement).disabled).toBe(true);
  });
});
