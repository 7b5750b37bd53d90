import { expect, test } from './fixtures.ts';
import { createClient, setPassphrase } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

test('logging peanut butter for a client with a recorded peanut allergy warns, needs a reason, and keeps it', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await setPassphrase(page, 'tomato basil 2026!');
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
