import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { createClient, PICTURES } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

test('logging peanut butter for a client with a recorded peanut allergy warns, needs a reason, and keeps it', async ({
  app: { page },
}) => {
  await createClient(page, { name: CLIENTS.alma.name, sex: 'Female', allergies: ['Peanut'] });

  await page.getByTestId('client-tab-log').click();
  await page.getByTestId('log-add-food').click();
  await page.getByTestId('log-food-search').fill('peanut butter smooth');
  const option = page.getByTestId('log-food-option').filter({ hasText: 'Peanut butter, smooth style, with salt' });
  // The search already shows the food's allergen.
  await expect(option.first().getByTestId('allergen-badge')).toHaveText('peanut');
  await option.first().click();

  // A red warning naming the allergen and the recorded allergy; saving waits for a reason.
  const warning = page.getByTestId('log-allergy-alert');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('contains peanut');
  await expect(warning).toContainText('Recorded allergy: “Peanut”');
  const save = page.getByTestId('log-save');
  await expect(save).toHaveText('Save despite allergy');
  await expect(save).toBeDisabled();
  const reason = page.getByTestId('log-allergy-reason');
  await reason.fill('   ');
  await expect(save).toBeDisabled();

  await reason.fill('Tolerates a thin spread, confirmed by her allergist');
  await expect(save).toBeEnabled();
  await save.click();

  // The entry is in the log with a warning badge and the reason beside it.
  const entry = page.getByTestId('log-entry').filter({ hasText: 'Peanut butter, smooth style, with salt' });
  await expect(entry).toBeVisible();
  await expect(entry.getByTestId('log-entry-allergy')).toHaveText('allergy');
  await expect(entry.getByTestId('log-entry-allergy-reason')).toContainText(
    'Tolerates a thin spread, confirmed by her allergist',
  );

  // A food without the allergen saves as before, with no warning.
  await page.getByTestId('log-add-food').click();
  await page.getByTestId('log-food-search').fill('banana');
  await page.getByTestId('log-food-option').filter({ hasText: 'Bananas, raw' }).first().click();
  await expect(page.getByTestId('log-save')).toHaveText('Save');
  await expect(page.getByTestId('log-allergy-alert')).toHaveCount(0);
  await page.getByTestId('log-save').click();
  const banana = page.getByTestId('log-entry').filter({ hasText: 'Bananas, raw' });
  await expect(banana).toBeVisible();
  await expect(banana.getByTestId('log-entry-allergy')).toHaveCount(0);
});

test('photo review asks for a reason for the item the client is allergic to before saving the meal', async ({
  app: { page },
}) => {
  await createClient(page, { name: CLIENTS.alma.name, allergies: ['peanuts'] });

  // The photo picker, as a person choosing a file would use it.
  await page.getByTestId('photo-file-input').setInputFiles(path.join(PICTURES, 'E009.jpeg'));
  await expect(page.getByTestId('photo-review')).toBeVisible();
  const items = page.getByTestId('photo-item');
  await expect(items.first().getByTestId('photo-item-food')).toHaveValue(/Bananas, raw/);
  while ((await items.count()) > 1) await items.nth(1).getByTestId('photo-item-remove').click();

  // Add the peanut butter on the toast by hand.
  await page.getByTestId('photo-add-item').click();
  const spread = items.nth(1);
  await spread.getByTestId('photo-item-food').fill('peanut butter smooth');
  await page
    .getByTestId('photo-item-food-option')
    .filter({ hasText: 'Peanut butter, smooth style, with salt' })
    .first()
    .click();
  await spread.getByTestId('photo-item-grams').fill('16');

  const warning = spread.getByTestId('photo-item-allergy-alert');
  await expect(warning).toContainText('contains peanut');
  await expect(warning).toContainText('Recorded allergy: “peanuts”');
  const save = page.getByTestId('photo-save');
  await expect(save).toHaveText('Save meal despite allergy');
  await expect(save).toBeDisabled();
  await spread.getByTestId('photo-item-allergy-reason').fill('Allergist cleared small amounts');
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByTestId('notification').filter({ hasText: /Saved 2 items/ })).toBeVisible();

  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-row').filter({ hasText: CLIENTS.alma.name }).click();
  await page.getByTestId('client-tab-log').click();
  const entry = page.getByTestId('log-entry').filter({ hasText: 'Peanut butter' });
  await expect(entry.getByTestId('log-entry-allergy')).toBeVisible();
  await expect(entry.getByTestId('log-entry-allergy-reason')).toContainText('Allergist cleared small amounts');
});

test('a custom food starts from the allergens its name suggests, and a recipe shows its combined allergens', async ({
  app: { page },
}) => {
  await page.getByTestId('nav-foods').click();

  await page.getByTestId('custom-food-new').click();
  await page.getByTestId('custom-food-name').fill('House satay sauce with peanuts');
  await page.getByTestId('custom-food-nutrient-energyKcal').fill('320');
  await expect(page.getByTestId('custom-food-allergen-peanut')).toBeChecked();
  await expect(page.getByTestId('custom-food-allergen-milk')).not.toBeChecked();
  // Checked against the recipe card: it has soy sauce too.
  await page.getByTestId('custom-food-allergen-soy').check();
  await page.getByTestId('custom-food-save').click();
  const detail = page.getByTestId('food-detail-allergens');
  await expect(detail.getByTestId('allergen-badge')).toHaveText(['peanut', 'soy']);
  await page.keyboard.press('Escape');

  await page.getByTestId('recipe-new').click();
  await page.getByTestId('recipe-name').fill('Satay noodles');
  const first = page.getByTestId('recipe-ingredient').nth(0);
  await first.getByTestId('recipe-ingredient-search').fill('House satay');
  await page.getByTestId('recipe-ingredient-option').filter({ hasText: 'House satay sauce with peanuts' }).click();
  await first.getByTestId('recipe-ingredient-grams').fill('60');
  await expect(page.getByTestId('recipe-allergens')).toHaveText('Contains: peanut, soy');
  await page.getByTestId('recipe-ingredient-add').click();
  const second = page.getByTestId('recipe-ingredient').nth(1);
  await second.getByTestId('recipe-ingredient-search').fill('wheat flour white all-purpose');
  await page.getByTestId('recipe-ingredient-option').first().click();
  await second.getByTestId('recipe-ingredient-grams').fill('100');
  await expect(page.getByTestId('recipe-allergens')).toHaveText('Contains: peanut, gluten, soy');
  await page.getByTestId('recipe-save').click();
  await expect(page.getByTestId('food-detail-allergens').getByTestId('allergen-badge')).toHaveText([
    'peanut',
    'gluten',
    'soy',
  ]);
});
