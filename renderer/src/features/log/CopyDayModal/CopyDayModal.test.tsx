import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from '../../../lib/api.ts';
import { addDays } from '../../../lib/dates.ts';
import { todayIso } from '../../../lib/format.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { CopyMealModal } from '../CopyMealModal/CopyMealModal.tsx';
import { CopyDayModal } from './CopyDayModal.tsx';

// Both copy dialogs share their days, checks and footer (CopyTarget); each is exercised here against
// the real core, so what the dialog says agrees with what the core then writes.
const BANANA = 'usda:09040';
const today = todayIso();
const past = addDays(today, -5);

async function clientWithBreakfast(): Promise<string> {
  const client = await call('clients.create', { name: `Copy ${Date.now().toString(36)}` });
  await call('log.add', {
    kind: 'diet',
    clientId: client.id,
    date: past,
    meal: 'breakfast',
    foodId: BANANA,
    grams: 118,
  });
  return client.id;
}

const value = (testId: string): string => screen.getByTestId<HTMLInputElement>(testId).value;
const setDate = (testId: string, v: string): void => {
  fireEvent.change(screen.getByTestId(testId), { target: { value: v } });
};

describe('CopyDayModal', () => {
  beforeEach(connectToHost);

  it('defaults to today, checks the days, warns about the future and copies to each day of a range', async () => {
    const clientId = await clientWithBreakfast();
    const onCopied = vi.fn();
    renderInApp(<CopyDayModal opened clientId={clientId} from={past} onClose={() => {}} onCopied={onCopied} />);
    expect(value('log-copy-target')).toBe(today);
    const confirm = screen.getByTestId('log-copy-confirm');

    setDate('log-copy-target', past);
    expect(screen.getByText('Choose other days than the one copied.')).toBeTruthy();
    expect(confirm).toHaveProperty('disabled', true);

    setDate('log-copy-target', addDays(today, -2));
    setDate('log-copy-until', addDays(today, 40));
    expect(screen.getByText('Copy to at most 31 days at a time.')).toBeTruthy();
    setDate('log-copy-until', addDays(today, -3));
    expect(screen.getByText('The last day is before the first.')).toBeTruthy();

    setDate('log-copy-until', addDays(today, 1));
    expect(screen.getByTestId('log-copy-future').textContent).toMatch(/The range reaches .* which is in the future/);
    setDate('log-copy-until', today);
    expect(screen.queryByTestId('log-copy-future')).toBeNull();
    expect(screen.getByText(/each of the 3 days from/)).toBeTruthy();

    await waitFor(() => expect(confirm).toHaveProperty('disabled', false));
    fireEvent.click(confirm);
    await waitFor(() => expect(onCopied).toHaveBeenCalledWith(3, addDays(today, -2), today));
    const copied = await call('log.list', { clientId, from: addDays(today, -2), to: today });
    expect(copied.map((e) => [e.date, e.food?.id, e.meal])).toEqual([
      [addDays(today, -2), BANANA, 'breakfast'],
      [addDays(today, -1), BANANA, 'breakfast'],
      [today, BANANA, 'breakfast'],
    ]);
  });
});

describe('CopyMealModal', () => {
  beforeEach(connectToHost);

  it('copies one meal as another meal, and refuses the same day and meal', async () => {
    const clientId = await clientWithBreakfast();
    const onCopied = vi.fn();
    renderInApp(
      <CopyMealModal
        source={{ meal: 'breakfast', title: 'Breakfast' }}
        clientId={clientId}
        from={past}
        onClose={() => {}}
        onCopied={onCopied}
      />,
    );
    expect(value('log-copy-meal-target')).toBe(today);
    setDate('log-copy-meal-target', past);
    expect(screen.getByText('Choose another day or meal than the one copied.')).toBeTruthy();
    setDate('log-copy-meal-target', addDays(today, 2));
    expect(screen.getByTestId('log-copy-meal-future')).toBeTruthy();
    setDate('log-copy-meal-target', today);
    fireEvent.click(screen.getByTestId('log-copy-meal-confirm'));
    await waitFor(() => expect(onCopied).toHaveBeenCalledWith({ copied: 1, to: today, until: today }));
    const copied = await call('log.list', { clientId, from: today, to: today });
    expect(copied.map((e) => [e.food?.id, e.meal])).toEqual([[BANANA, 'breakfast']]);
  });
});
