import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../lib/api.ts';
import { connectToHost, renderInApp } from '../../test/render.tsx';
import { ConfirmModal } from './ConfirmModal.tsx';

/** A delete dialog as the app builds one, over a real core. */
function renderDeleteFood(id: string): { done: () => number; reported: unknown[] } {
  let done = 0;
  const { reported } = renderInApp(
    <ConfirmModal
      subject={id}
      onClose={() => undefined}
      labels={{ title: 'Delete this food?', confirm: 'Delete' }}
      onConfirm={(foodId) => call('foods.delete', { id: foodId }).then(() => (done += 1))}
      testIdPrefix="delete"
    >
      The food goes.
    </ConfirmModal>,
  );
  return { done: () => done, reported };
}

describe('ConfirmModal against the real core', () => {
  beforeEach(connectToHost);

  it('does its work once, with no error shown', async () => {
    const food = await call('foods.createCustom', {
      name: `ConfirmModal test ${Date.now().toString(36)}`,
      nutrients: { energyKcal: 120 },
    });
    const dialog = renderDeleteFood(food.id);
    expect((await screen.findByTestId('delete-dialog')).textContent).toContain('The food goes.');
    expect(screen.getByTestId('delete-cancel').hasAttribute('data-autofocus')).toBe(true);
    fireEvent.click(screen.getByTestId('delete-confirm'));
    await waitFor(() => expect(dialog.done()).toBe(1));
    expect(screen.queryByTestId('delete-error')).toBeNull();
    expect(dialog.reported).toEqual([]);
    await expect(call('foods.get', { id: food.id })).rejects.toThrow();
  });

  it('keeps the core’s refusal in the dialog, reports it, and lets the user cancel or try again', async () => {
    const dialog = renderDeleteFood('no-such-food');
    fireEvent.click(await screen.findByTestId('delete-confirm'));
    const alert = await screen.findByTestId('delete-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).not.toBe('');
    expect(dialog.reported).toHaveLength(1);
    expect(dialog.done()).toBe(0);
    expect((screen.getByTestId('delete-cancel') as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByTestId('delete-confirm') as HTMLButtonElement).disabled).toBe(false);
  });
});
