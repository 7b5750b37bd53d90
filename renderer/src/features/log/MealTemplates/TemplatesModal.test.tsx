import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MealTemplate } from '@contract/log.ts';
import { call } from '../../../lib/api.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { FoodPicker } from '../../foods/FoodPicker/FoodPicker.tsx';
import { FavouriteStar } from '../FavouriteStar/FavouriteStar.tsx';
import { LogEntryList } from '../LogEntryList/LogEntryList.tsx';
import { TemplatesModal } from './TemplatesModal.tsx';

const DAY = '2026-04-07';
const NEXT = '2026-04-08';
const BANANA = 'usda:09040';
const MILK = 'usda:01077';

async function newClient(fields: Record<string, unknown> = {}): Promise<string> {
  const client = await call('clients.create', { name: `Templates ${Date.now().toString(36)}`, ...fields });
  return client.id;
}

async function breakfastTemplate(clientId: string): Promise<MealTemplate> {
  await call('log.add', {
    kind: 'diet',
    clientId,
    date: DAY,
    meal: 'breakfast',
    foodId: BANANA,
    amount: '1 medium',
  });
  await call('log.add', { kind: 'diet', clientId, date: DAY, meal: 'breakfast', foodId: MILK, grams: 250 });
  return call('log.saveTemplate', { clientId, name: 'Usual breakfast', date: DAY, meal: 'breakfast' });
}

describe('TemplatesModal', () => {
  beforeEach(connectToHost);

  it('lists a template with its measures as typed and logs all its entries on the chosen day and meal', async () => {
    const clientId = await newClient();
    await breakfastTemplate(clientId);
    const onLogged = vi.fn();
    renderInApp(<TemplatesModal opened clientId={clientId} date={NEXT} onClose={() => {}} onLogged={onLogged} />);
    const card = await screen.findByTestId('log-template');
    expect(within(card).getByTestId('log-template-entries').textContent).toBe(
      'Bananas, raw — 1 medium · Milk, whole, 3.25% milkfat, with added vitamin D — 250 g',
    );
    fireEvent.click(within(card).getByTestId('log-template-log'));
    expect((await screen.findByTestId<HTMLInputElement>('log-template-date')).value).toBe(NEXT);
    const confirm = screen.getByTestId('log-template-confirm');
    await waitFor(() => expect(confirm).toHaveProperty('disabled', false));
    expect(confirm.textContent).toBe('Log 2 entries');
    fireEvent.click(confirm);
    await waitFor(() => expect(onLogged).toHaveBeenCalled());
    const logged = await call('log.list', { clientId, from: NEXT, to: NEXT });
    expect(logged.map((e) => [e.food?.id, e.meal, e.food?.amountText ?? null])).toEqual([
      [BANANA, 'breakfast', '1 medium'],
      [MILK, 'breakfast', null],
    ]);
  });

  it('renames, and deletes only after the confirmation', async () => {
    const clientId = await newClient();
    await breakfastTemplate(clientId);
    renderInApp(<TemplatesModal opened clientId={clientId} date={NEXT} onClose={() => {}} onLogged={() => {}} />);
    fireEvent.click(await screen.findByTestId('log-template-rename'));
    fireEvent.change(screen.getByTestId('log-template-rename-input'), { target: { value: 'Weekday breakfast' } });
    fireEvent.click(screen.getByTestId('log-template-rename-save'));
    await waitFor(() => expect(screen.getByTestId('log-template-title').textContent).toBe('Weekday breakfast'));
    expect((await call('log.templates', { clientId })).map((t) => t.name)).toEqual(['Weekday breakfast']);

    fireEvent.click(screen.getByTestId('log-template-delete'));
    expect((await screen.findByTestId('log-template-delete-confirm-box')).textContent).toMatch(
      /Delete “Weekday breakfast”\?/,
    );
    expect(await call('log.templates', { clientId })).toHaveLength(1); // nothing deleted yet
    fireEvent.click(screen.getByTestId('log-template-delete-confirm'));
    await screen.findByTestId('log-templates-empty');
    expect(await call('log.templates', { clientId })).toEqual([]);
  });
});

describe('favourite star and the meal menu', () => {
  beforeEach(connectToHost);

  it('stars and unstars a food for the client; the food list then ranks it first', async () => {
    const clientId = await newClient();
    renderInApp(<FavouriteStar clientId={clientId} foodId={MILK} foodName="Whole milk" />);
    const star = await screen.findByRole('button', { name: 'Add Whole milk to favourites' });
    await waitFor(() => expect(star).toHaveProperty('disabled', false));
    fireEvent.click(star);
    const pressed = await screen.findByRole('button', { name: 'Remove Whole milk from favourites' });
    expect(pressed.getAttribute('aria-pressed')).toBe('true');
    expect((await call('foods.search', { query: '', clientId, limit: 5 }))[0]).toMatchObject({
      id: MILK,
      favourite: true,
    });
    fireEvent.click(pressed);
    await screen.findByRole('button', { name: 'Add Whole milk to favourites' });
    expect(await call('log.favourites', { clientId })).toEqual([]);
  });

  it('the food picker lists the favourites, then the foods logged lately, before anything is typed', async () => {
    const clientId = await newClient();
    await call('log.add', { kind: 'diet', clientId, date: DAY, foodId: BANANA, grams: 100 });
    await call('log.setFavourite', { clientId, foodId: MILK, favourite: true });
    renderInApp(
      <FoodPicker
        label="Food"
        value={null}
        onChange={() => {}}
        clientId={clientId}
        testId="pick"
        optionTestId="pick-option"
      />,
    );
    const field = await screen.findByTestId('pick');
    field.focus();
    fireEvent.click(field);
    await waitFor(() => {
      const options = screen.getAllByTestId('pick-option').map((o) => o.textContent ?? '');
      expect(options).toHaveLength(2);
      expect(options[0]).toMatch(/^Milk, whole.*★ favourite/);
      expect(options[1]).toMatch(/^Bananas, raw.*logged before/);
      expect(options[1]).not.toMatch(/favourite/);
    });
  });

  it("offers copy and save-as-template in a meal's menu, not for activity", async () => {
    const clientId = await newClient();
    await call('log.add', { kind: 'diet', clientId, date: DAY, meal: 'lunch', foodId: BANANA, grams: 100 });
    await call('log.add', { kind: 'activity', clientId, date: DAY, activity: 'walking-brisk', minutes: 30 });
    const entries = await call('log.list', { clientId, from: DAY, to: DAY });
    const onCopyMeal = vi.fn();
    const onSaveTemplate = vi.fn();
    renderInApp(
      <LogEntryList
        entries={entries}
        deletingId={null}
        onEdit={() => {}}
        onDelete={() => {}}
        clientId={clientId}
        onCopyMeal={onCopyMeal}
        onSaveTemplate={onSaveTemplate}
      />,
    );
    expect(screen.getAllByTestId('log-meal-actions')).toHaveLength(1);
    expect(within(screen.getByTestId('log-section-activity')).queryByTestId('log-meal-actions')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Lunch: more actions' }));
    fireEvent.click(await screen.findByTestId('log-meal-save-template'));
    expect(onSaveTemplate).toHaveBeenCalledWith({ meal: 'lunch', title: 'Lunch' });
    fireEvent.click(screen.getByRole('button', { name: 'Lunch: more actions' }));
    fireEvent.click(await screen.findByTestId('log-meal-copy'));
    expect(onCopyMeal).toHaveBeenCalledWith({ meal: 'lunch', title: 'Lunch' });
  });
});
