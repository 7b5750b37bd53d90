import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../lib/api.ts';
import { formatNutrient } from '../../../lib/format.ts';
import { scaleNutrients, sumNutrients } from '../../../lib/nutrients.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { PlanEditor } from './PlanEditor.tsx';

const MILK = 'usda:01077';
const BANANA = 'usda:09040';
const CHICKEN = 'usda:05064';

/** A plan of `days` days for a new client with a complete profile (so targets can be worked out). */
async function newPlan(edSensitive: boolean, days: number) {
  const client = await call('clients.create', {
    name: `Plans ${Date.now().toString(36)}`,
    sex: 'female',
    birthDate: '1985-04-12',
    heightCm: 165,
    weightKg: 60,
    activityLevel: 'low-active',
    edSensitive,
  });
  return call('plans.create', { clientId: client.id, name: 'Plan', startDate: '2026-03-02', days });
}

/** The planned day's intake worked out afresh from the foods' values per 100 g (main entries only). */
async function freshTotals(entries: readonly { foodId: string; grams: number }[]) {
  const scaled = [];
  for (const e of entries) {
    const food = await call('foods.get', { id: e.foodId });
    scaled.push(scaleNutrients(food.nutrients, e.grams));
  }
  return sumNutrients(scaled);
}

const shownValue = (key: string): string => screen.getByTestId(`status-value-${key}`).textContent ?? '';

describe('PlanEditor', () => {
  beforeEach(connectToHost);

  it('shows the selected day against targets as a fresh computation gives it, and updates when an entry goes', async () => {
    const plan = await newPlan(false, 7);
    const ref = { planId: plan.id, day: 1 };
    await call('plans.addEntry', { ...ref, slot: 'breakfast', foodId: MILK, grams: 250 });
    const withBanana = await call('plans.addEntry', { ...ref, slot: 'breakfast', foodId: BANANA, grams: 120 });
    const banana = withBanana.entries.find((e) => e.food.id === BANANA);
    // An "or" alternative is a choice, not extra food: the totals leave it out.
    await call('plans.addEntry', { ...ref, slot: 'breakfast', foodId: CHICKEN, grams: 100, altOf: banana?.id ?? null });
    await call('plans.addEntry', { planId: plan.id, day: 2, slot: 'lunch', foodId: CHICKEN, grams: 150 });

    renderInApp(<PlanEditor planId={plan.id} onOpen={() => undefined} onClose={() => undefined} />);
    await screen.findByTestId('plan-totals-table');

    const dayOne = await freshTotals([
      { foodId: MILK, grams: 250 },
      { foodId: BANANA, grams: 120 },
    ]);
    expect(shownValue('energyKcal')).toBe(formatNutrient(dayOne.energyKcal ?? NaN, 'kcal'));
    expect(shownValue('proteinG')).toBe(formatNutrient(dayOne.proteinG ?? NaN, 'g'));
    expect(screen.getAllByTestId('plan-entry')).toHaveLength(2);
    expect(screen.getAllByTestId('plan-alternative')).toHaveLength(1);

    // Day 2 has the chicken only.
    fireEvent.click(screen.getByTestId('plan-day-2'));
    const dayTwo = await freshTotals([{ foodId: CHICKEN, grams: 150 }]);
    await waitFor(() => expect(shownValue('proteinG')).toBe(formatNutrient(dayTwo.proteinG ?? NaN, 'g')));

    // Back on day 1, removing the banana changes the totals to the milk alone.
    fireEvent.click(screen.getByTestId('plan-day-1'));
    const bananaRow = screen
      .getAllByTestId('plan-entry')
      .find((row) => within(row).getByTestId('plan-entry-name').textContent?.includes('Banana'));
    if (!bananaRow) throw new Error('The banana is not shown on day 1.');
    fireEvent.click(within(bananaRow).getByTestId('plan-entry-menu'));
    fireEvent.click(await screen.findByTestId('plan-entry-remove'));
    const milkOnly = await freshTotals([{ foodId: MILK, grams: 250 }]);
    await waitFor(() => expect(shownValue('energyKcal')).toBe(formatNutrient(milkOnly.energyKcal ?? NaN, 'kcal')));
    expect(screen.getAllByTestId('plan-entry')).toHaveLength(1);

    // The plan average is the mean of the two days with food.
    fireEvent.click(screen.getByRole('radio', { name: 'Plan average' }));
    const mean = ((milkOnly.proteinG ?? NaN) + (dayTwo.proteinG ?? NaN)) / 2;
    await waitFor(() => expect(shownValue('proteinG')).toBe(formatNutrient(mean, 'g')));
  });

  it('shows no energy or nutrient figure, and no empty energy label, for an eating-disorder-sensitive client', async () => {
    const plan = await newPlan(true, 3);
    await call('plans.addEntry', { planId: plan.id, day: 1, slot: 'breakfast', foodId: MILK, grams: 250 });
    await call('plans.addEntry', { planId: plan.id, day: 1, slot: 'lunch', foodId: CHICKEN, grams: 120 });

    renderInApp(<PlanEditor planId={plan.id} onOpen={() => undefined} onClose={() => undefined} />);
    const rows = await screen.findAllByTestId('plan-entry');
    expect(rows).toHaveLength(2);
    const editor = screen.getByTestId('plan-editor');
    expect(editor.textContent).not.toMatch(/kcal|calorie|protein/i);
    expect(screen.queryByTestId('plan-totals')).toBeNull();
    expect(screen.queryByTestId('dashboard-missing-profile')).toBeNull();
    for (const row of rows) {
      // The amount stands alone: no " · " left where an energy figure would follow.
      expect(within(row).getByTestId('plan-entry-amount').textContent).not.toContain('·');
    }
  });
});
