import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { createClient } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

/** Today on this computer's clock, as the dashboard opens on it. */
function today(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('a Cronometer export is previewed with its matches, imported, and the dashboard counts it', async ({
  app: { page },
}) => {
  await createClient(page, {
    name: CLIENTS.ingrid.name,
    birthDate: '1985-06-01',
    sex: 'Female',
    heightCm: 166,
    weightKg: 61,
  });
  // A servings export as Cronometer writes it (made-up foods besides the banana; no real person).
  const day = today();
  const csv = [
    'Day,Time,Group,Food Name,Amount,Energy (kcal),Protein (g),Carbs (g),Fat (g),Fiber (g),Sodium (mg),Category',
    `${day},8:05 AM,Breakfast,"Bananas, raw",1.00 medium,105.02,1.29,26.95,0.39,3.07,1.18,Fruits`,
    `${day},1:10 PM,Lunch,Fictional Lentil Wrap (homemade),1.00 serving,430.00,21.00,58.00,12.00,11.00,720.00,Custom`,
    `${day},4:00 PM,Snacks,Fictional Cola,1.00 can,150.00,0.00,39.00,0.00,0.00,10.00,Beverages`,
  ].join('\n');

  await page.getByTestId('client-tab-log').click();
  await page.getByTestId('log-import-diary').click();
  await page.getByTestId('diary-import-format').selectOption('cronometer');
  await page
    .getByTestId('diary-import-file')
    .setInputFiles({ name: 'servings.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('diary-import-preview').click();

  // Every row is listed before anything is stored: the banana with its database match and score.
  const rows = page.getByTestId('diary-import-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('diary-import-summary')).toContainText(
    '1 matched to a database food, 2 to keep as reported',
  );
  await expect(rows.nth(0).getByTestId('diary-import-match')).toContainText(/Bananas, raw, 1 medium.*exact \d/);
  await expect(rows.nth(1).getByTestId('diary-import-match')).toContainText('kept as reported');
  await expect(page.getByTestId('log-entry')).toHaveCount(0);

  // The preview is usable with a keyboard and a screen reader (axe, WCAG 2 A and AA: nothing serious).
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="diary-import-dialog"]')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`),
  ).toEqual([]);

  // The cola is left out.
  await rows.nth(2).getByTestId('diary-import-use').selectOption('skip');
  await page.getByTestId('diary-import-run').click();
  await expect(
    page.getByTestId('notification').filter({ hasText: 'Imported 2 entries (1 matched, 1 as reported)' }),
  ).toBeVisible();
  await expect(page.getByTestId('log-entry')).toHaveCount(2);
  await expect(page.getByTestId('log-entry').filter({ hasText: 'Fictional Lentil Wrap' })).toContainText(
    'as reported in Cronometer',
  );

  // The banana counts with the database's 105 kcal, the wrap with Cronometer's 430: 535 kcal.
  await page.getByTestId('client-tab-dashboard').click();
  await expect(page.getByTestId('status-value-energyKcal')).toContainText('535');
  await expect(page.getByTestId('status-value-sodiumMg')).toContainText('721');

  // The same export again stores nothing new.
  await page.getByTestId('client-tab-log').click();
  await page.getByTestId('log-import-diary').click();
  await page
    .getByTestId('diary-import-file')
    .setInputFiles({ name: 'servings.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('diary-import-preview').click();
  await expect(page.getByTestId('diary-import-summary')).toContainText('2 already imported');
});
