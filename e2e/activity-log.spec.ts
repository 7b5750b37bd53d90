import { expect, test } from './fixtures.ts';
import { createClient } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

test('log an activity found by an everyday word ("hoovering" is vacuuming)', async ({ app: { page } }) => {
  await createClient(page, {
    name: CLIENTS.beatriz.name,
    birthDate: '1975-06-15',
    sex: 'Female',
    heightCm: 168,
    weightKg: 60,
  });

  await page.getByTestId('client-tab-log').click();
  await page.getByTestId('log-add-activity').click();
  await page.getByTestId('log-activity').fill('hoovering');
  // The core's ranking puts vacuuming first; Enter picks the highlighted first option.
  await expect(page.getByRole('option').first()).toContainText('Vacuuming, general, moderate effort');
  await page.getByTestId('log-activity').press('Enter');
  await expect(page.getByTestId('log-activity')).toHaveValue(/^Vacuuming, general/);
  await page.getByTestId('log-minutes').fill('30');
  await page.getByTestId('log-save').click();

  // 3.3 MET × 60 kg × 0.5 h = 99 kcal.
  const entry = page.getByTestId('log-entry').filter({ hasText: 'Vacuuming' });
  await expect(entry).toContainText('99');
});
