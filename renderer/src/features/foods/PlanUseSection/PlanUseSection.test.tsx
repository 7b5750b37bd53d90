import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Food } from '@contract/foods.ts';
import { call } from '../../../lib/api.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { CustomFoodForm } from '../CustomFoodForm/CustomFoodForm.tsx';
import { RecipeForm } from '../RecipeForm/RecipeForm.tsx';

const change = (el: HTMLElement, value: string): void => {
  fireEvent.change(el, { target: { value } });
};
const unique = (name: string): string => `${name} ${Date.now().toString(36)}`;

describe('Use in meal plans', () => {
  beforeEach(connectToHost);

  it("marks a new custom food plan-ready for dinner as a main dish, showing the core's message beside the serving", async () => {
    let saved: Food | null = null;
    renderInApp(<CustomFoodForm food={null} onSaved={(s) => (saved = s.food)} onCancel={() => undefined} />);
    const form = await screen.findByTestId('custom-food-form');
    change(within(form).getByTestId('custom-food-name'), unique('Chickpea curry'));
    change(within(form).getByTestId('custom-food-group'), 'Legumes and Legume Products');
    change(within(form).getByTestId('custom-food-nutrient-energyKcal'), '140');
    const section = within(form).getByTestId('custom-food-plan-use');
    // Not in any meal: no main-dish or serving fields yet.
    expect(within(section).queryByTestId('custom-food-plan-main')).toBeNull();

    fireEvent.click(within(section).getByTestId('custom-food-plan-meal-dinner'));
    fireEvent.click(await within(section).findByTestId('custom-food-plan-main'));
    // No household measure: the form says a serving must be named.
    expect(within(section).getByTestId('custom-food-plan-serving-default').textContent).toMatch(/no household measure/);
    change(within(section).getByTestId('custom-food-plan-serving-label'), '1 plate');
    change(within(section).getByTestId('custom-food-plan-serving-grams'), '0');
    fireEvent.click(within(form).getByTestId('custom-food-save'));
    expect(await within(section).findByText('The serving weight must be more than 0 g.')).toBeTruthy();
    expect(saved).toBeNull();

    change(within(section).getByTestId('custom-food-plan-serving-grams'), '320');
    fireEvent.click(within(form).getByTestId('custom-food-save'));
    await waitFor(() => expect(saved).not.toBeNull());
    const stored = await call('foods.get', { id: saved!.id });
    expect(stored.planUse).toEqual({ mealTypes: ['dinner'], main: true, measure: { label: '1 plate', grams: 320 } });
  });

  it('shows the stored setting when editing, and takes the food out of plans when every meal is unticked', async () => {
    const food = await call('foods.createCustom', {
      name: unique('Overnight oats'),
      foodGroup: 'Breakfast Cereals',
      brand: null,
      nutrients: { energyKcal: 150 },
      portions: [{ amount: 1, unit: 'jar', grams: 250 }],
      planUse: { mealTypes: ['breakfast', 'snack'], main: false, measure: null },
    });
    let saved: Food | null = null;
    renderInApp(<CustomFoodForm food={food} onSaved={(s) => (saved = s.food)} onCancel={() => undefined} />);
    const section = await screen.findByTestId('custom-food-plan-use');
    const box = (m: string) => within(section).getByTestId(`custom-food-plan-meal-${m}`) as HTMLInputElement;
    expect(['breakfast', 'lunch', 'dinner', 'snack'].map((m) => box(m).checked)).toEqual([true, false, false, true]);
    expect(within(section).getByTestId('custom-food-plan-serving-default').textContent).toBe(
      'Left empty, plans use 1 jar (250 g).',
    );

    fireEvent.click(box('breakfast'));
    fireEvent.click(box('snack'));
    await waitFor(() => expect(within(section).queryByTestId('custom-food-plan-main')).toBeNull());
    fireEvent.click(screen.getByTestId('custom-food-save'));
    await waitFor(() => expect(saved).not.toBeNull());
    expect((await call('foods.get', { id: food.id })).planUse).toBeNull();
  });

  it("offers a recipe's one serving as the default and keeps the setting through an edit", async () => {
    const recipe = await call('foods.createRecipe', {
      name: unique('Lentil soup'),
      foodGroup: 'Recipes',
      ingredients: [{ foodId: 'usda:16070', grams: 800 }],
      servings: 4,
      finalWeightG: null,
      planUse: { mealTypes: ['lunch'], main: true, measure: null },
    });
    let saved: Food | null = null;
    renderInApp(<RecipeForm recipe={recipe} onSaved={(s) => (saved = s.food)} onCancel={() => undefined} />);
    const section = await screen.findByTestId('recipe-plan-use');
    expect((within(section).getByTestId('recipe-plan-meal-lunch') as HTMLInputElement).checked).toBe(true);
    expect((within(section).getByTestId('recipe-plan-main') as HTMLInputElement).checked).toBe(true);
    await waitFor(() =>
      expect(within(section).getByTestId('recipe-plan-serving-default').textContent).toBe(
        'Left empty, plans use 1 serving (200 g).',
      ),
    );
    fireEvent.click(within(section).getByTestId('recipe-plan-meal-dinner'));
    fireEvent.click(screen.getByTestId('recipe-save'));
    await waitFor(() => expect(saved).not.toBeNull());
    expect((await call('foods.get', { id: recipe.id })).planUse).toEqual({
      mealTypes: ['lunch', 'dinner'],
      main: true,
      measure: null,
    });
  });
});
