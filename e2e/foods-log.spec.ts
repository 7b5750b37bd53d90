import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { choose, createClient, expectClear, logFood } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

test('search "banana", log "1 medium" for a client, and the dashboard shows about 105 kcal and its fibre', async ({
  app: { page },
}) => {
  await createClient(page, {
    name: CLIENTS.dora.name,
    birthDate: '1980-02-01',
    sex: 'Female',
    heightCm: 160,
    weightKg: 58,
  });

  // The food database finds bananas first.
  await page.getByTestId('nav-foods').click();
  await page.getByTestId('foods-search').fill('banana');
  await expect(page.getByTestId('food-hit').first()).toContainText('Bananas, raw');

  // Log one medium banana for the client today.
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-row').filter({ hasText: CLIENTS.dora.name }).click();
  await logFood(page, { search: 'banana', food: 'Bananas, raw', measure: /^1 medium/ });
  await expect(page.getByTestId('log-entry').filter({ hasText: 'Bananas, raw' })).toContainText('105');
  // The "saved" message leaves the row's Edit and Delete buttons uncovered and clickable.
  await expect(page.getByTestId('notification')).toBeVisible();
  await expectClear(page.getByTestId('notification'), page.getByTestId('log-entry-edit'));
  await expectClear(page.getByTestId('notification'), page.getByTestId('log-entry-delete'));
  // …and keeps clear of the right half of the page, where every list has its row actions.
  const main = (await page.locator('main').boundingBox())!;
  for (const box of await Promise.all((await page.getByTestId('notification').all()).map((n) => n.boundingBox())))
    expect(box!.x + box!.width).toBeLessThan(main.x + main.width / 2);

  // 118 g × 89 kcal/100 g = 105 kcal; fibre 118 g × 2.6 g/100 g = 3.1 g (USDA SR28, NDB 09040).
  await page.getByTestId('client-tab-dashboard').click();
  await expect(page.getByTestId('status-value-energyKcal')).toContainText('105');
  await expect(page.getByTestId('status-value-fibreG')).toContainText('3.1');
  await expect(page.getByTestId('status-badge-fibreG')).toContainText(/low/i);

  // The intake model puts the day in context: a typical-day estimate, and one banana is far below
  // the Goldberg cut-off for a single day (logged energy < 0.87 × BMR).
  await expect(page.getByTestId('forecast-card')).toBeVisible();
  await expect(page.getByTestId('forecast-estimate')).toContainText(/kcal/);
  await expect(page.getByTestId('forecast-contributor').first()).toBeVisible();
  await expect(page.getByTestId('forecast-flag')).toBeVisible();

  // An edit reopens the entry as it was typed (1 × medium, not 118 g); 2 medium is saved as such and
  // reopens as 2 medium; switching to grams keeps the amount (236 g), and back again.
  await page.getByTestId('client-tab-log').click();
  const entry = page.getByTestId('log-entry').filter({ hasText: 'Bananas, raw' });
  await entry.getByTestId('log-entry-edit').click();
  await expect(page.getByTestId('log-amount-measure')).toHaveValue(/^1 medium/);
  await expect(page.getByTestId('log-amount-count')).toHaveValue('1');
  await page.getByTestId('log-amount-count').fill('2');
  await page.getByTestId('log-save').click();
  await expect(entry.getByTestId('log-entry-detail')).toContainText('2 medium');
  await entry.getByTestId('log-entry-edit').click();
  await expect(page.getByTestId('log-amount-count')).toHaveValue('2');
  await expect(page.getByTestId('log-amount-measure')).toHaveValue(/^1 medium/);
  await page.getByTestId('log-amount-mode').getByText('Grams', { exact: true }).click();
  await expect(page.getByTestId('log-grams')).toHaveValue('236');
  await page.getByTestId('log-amount-mode').getByText('Household measure', { exact: true }).click();
  await expect(page.getByTestId('log-amount-count')).toHaveValue('2');
});

test('a food import with bad rows reports each bad row and stores none of the file', async ({ app: { page } }) => {
  await page.getByTestId('nav-foods').click();
  await page.getByTestId('foods-import').click();
  const dialog = page.getByTestId('foods-import-dialog');
  await dialog.getByText('Generic CSV', { exact: false }).first().click();
  await page
    .getByTestId('foods-import-file')
    .setInputFiles(path.join(import.meta.dirname, 'fixtures', 'foods-bad.csv'));
  await page.getByTestId('foods-import-name').fill('Practice table');
  await page.getByTestId('foods-import-run').click();
  const result = page.getByTestId('foods-import-result');
  await expect(result).toContainText(/Nothing was imported/);
  const errors = page.getByTestId('foods-import-error');
  await expect(errors).toHaveCount(3);
  await expect(errors.nth(0)).toContainText('3');
  await expect(errors.nth(1)).toContainText('4');
  await expect(errors.nth(2)).toContainText('5');
  await page.keyboard.press('Escape');

  // None of the file was stored, not even its good rows.
  await page.getByTestId('foods-search').fill('teff porridge');
  await expect(page.getByTestId('food-hit')).toHaveCount(0);
  await page.getByTestId('foods-search').fill('millet couscous');
  await expect(page.getByTestId('food-hit')).toHaveCount(0);
});

test('a Windows-1252 CSV is refused at its first non-UTF-8 byte until that encoding is chosen', async ({
  app: { page },
}) => {
  await page.getByTestId('nav-foods').click();
  await page.getByTestId('foods-import').click();
  const dialog = page.getByTestId('foods-import-dialog');
  await dialog.getByText('Generic CSV', { exact: false }).first().click();
  // "Pâté maison" in Windows-1252: â = E2, é = E9.
  const buffer = Buffer.concat([
    Buffer.from('name,kcal\nP'),
    Buffer.from([0xe2]),
    Buffer.from('t'),
    Buffer.from([0xe9]),
    Buffer.from(' maison,300\n'),
  ]);
  await page.getByTestId('foods-import-file').setInputFiles({ name: 'pate.csv', mimeType: 'text/csv', buffer });
  await expect(dialog).toContainText('pate.csv is not UTF-8 text: row 2, column 1 ("name") holds the byte 0xE2');
  await page.getByTestId('foods-import-encoding').selectOption('windows-1252');
  await expect(dialog).toContainText('Pâté maison');
  await page.getByTestId('foods-import-name').fill('Pâtés');
  await page.getByTestId('foods-import-run').click();
  await expect(page.getByTestId('foods-import-result')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByTestId('foods-search').fill('pate maison');
  await expect(page.getByTestId('food-hit').first()).toContainText('Pâté maison');
});

test('a 5.4 MB food table is sent in parts, imported whole, and its temp copy is gone after', async ({
  app: { page, host },
}) => {
  await page.getByTestId('nav-foods').click();
  await page.getByTestId('foods-import').click();
  const dialog = page.getByTestId('foods-import-dialog');
  await dialog.getByText('Generic CSV', { exact: false }).first().click();
  // 2,000 foods with a long column no mapping reads: about 5.4 MB, six parts.
  const remark = 'r'.repeat(2_700);
  const lines = ['name,kcal,remarks'];
  for (let i = 0; i < 2_000; i += 1) lines.push(`Partwise grain ${i},${100 + (i % 300)},${remark}`);
  const buffer = Buffer.from(`${lines.join('\n')}\n`);
  expect(buffer.length).toBeGreaterThan(4 * 1024 * 1024);
  await page.getByTestId('foods-import-file').setInputFiles({ name: 'partwise.csv', mimeType: 'text/csv', buffer });
  await expect(dialog).toContainText('Partwise grain 0');
  await page.getByTestId('foods-import-name').fill('Partwise');
  await page.getByTestId('foods-import-run').click();
  await expect(page.getByTestId('foods-import-result')).toContainText(/Imported 2.000 foods/);
  await expect.poll(() => fs.readdirSync(path.join(host.dataDir, 'uploads'))).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByTestId('foods-search').fill('partwise grain 1999');
  await expect(page.getByTestId('food-hit').first()).toContainText('Partwise grain 1999');
});

/** A local calendar day `days` from today, as the date fields take it (YYYY-MM-DD). */
function isoDay(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('star a food, save breakfast as a template, log it on another day, and copy that meal to today as lunch', async ({
  app: { page },
}) => {
  await createClient(page, { name: CLIENTS.tess.name });
  await page.getByTestId('client-tab-log').click();

  // Breakfast today: one medium banana (starred in the form) and one cup of whole milk.
  const addBreakfast = async (search: string, food: string, measure: RegExp, star: boolean) => {
    await page.getByTestId('log-add-food').click();
    await page.getByTestId('log-food-search').fill(search);
    await page.getByTestId('log-food-option').filter({ hasText: food }).first().click();
    if (star) {
      await page.getByTestId('favourite-star').click();
      await expect(page.getByTestId('favourite-star')).toHaveAttribute('aria-pressed', 'true');
    }
    await page.getByTestId('log-amount-measure').click();
    await page.getByRole('option', { name: measure }).first().click();
    await choose(page, 'log-meal', 'Breakfast');
    await page.getByTestId('log-save').click();
    await expect(page.getByTestId('log-diet-form')).toBeHidden();
  };
  await addBreakfast('banana', 'Bananas, raw', /^1 medium/, true);
  await addBreakfast('whole milk', 'Milk, whole, 3.25%', /^1 cup/, false);
  const breakfast = page.getByTestId('log-section-breakfast');
  await expect(breakfast.getByTestId('log-entry')).toHaveCount(2);
  const bananaRow = breakfast.getByTestId('log-entry').filter({ hasText: 'Bananas, raw' });
  await expect(bananaRow.getByTestId('favourite-star')).toHaveAttribute('aria-pressed', 'true');
  // Starred from the entry itself as well.
  const milkRow = breakfast.getByTestId('log-entry').filter({ hasText: 'Milk, whole' });
  await milkRow.getByTestId('favourite-star').click();
  await expect(milkRow.getByTestId('favourite-star')).toHaveAttribute('aria-pressed', 'true');

  // The food search lists the favourites first, before anything is typed.
  await page.getByTestId('log-add-food').click();
  await page.getByTestId('log-food-search').click();
  await expect(page.getByTestId('log-food-option')).toHaveCount(2);
  await expect(page.getByTestId('log-food-option').first()).toContainText('★ favourite');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('log-diet-form')).toBeHidden();

  // Save breakfast as a template, from the meal's menu.
  await breakfast.getByTestId('log-meal-actions').click();
  await page.getByTestId('log-meal-save-template').click();
  await page.getByTestId('log-template-name').fill('Usual weekday breakfast');
  await page.getByTestId('log-save-template-confirm').click();
  await expect(page.getByTestId('notification').filter({ hasText: 'Usual weekday breakfast' })).toBeVisible();

  // Log it two days ago: both entries at once, the measure as typed.
  const earlier = isoDay(-2);
  await page.getByTestId('log-templates').click();
  const card = page.getByTestId('log-template').filter({ hasText: 'Usual weekday breakfast' });
  await expect(card.getByTestId('log-template-entries')).toContainText('Bananas, raw — 1 medium');
  await card.getByTestId('log-template-log').click();
  await page.getByTestId('log-template-date').fill(earlier);
  await page.getByTestId('log-template-confirm').click();
  await expect(page.getByTestId('log-template-form')).toBeHidden();
  const earlierBreakfast = page.getByTestId('log-section-breakfast');
  await expect(earlierBreakfast.getByTestId('log-entry')).toHaveCount(2);
  await expect(earlierBreakfast.getByTestId('log-entry').filter({ hasText: 'Bananas, raw' })).toContainText('1 medium');

  // Copy that breakfast to today as lunch; a future day is flagged first.
  await earlierBreakfast.getByTestId('log-meal-actions').click();
  await page.getByTestId('log-meal-copy').click();
  await expect(page.getByTestId('log-copy-meal-target')).toHaveValue(isoDay(0));
  await page.getByTestId('log-copy-meal-target').fill(isoDay(3));
  await expect(page.getByTestId('log-copy-meal-future')).toBeVisible();
  await page.getByTestId('log-copy-meal-target').fill(isoDay(0));
  await expect(page.getByTestId('log-copy-meal-future')).toBeHidden();
  await choose(page, 'log-copy-meal-meal', 'Lunch');
  await page.getByTestId('log-copy-meal-confirm').click();
  await page.getByTestId('log-copy-show').click();
  await expect(page.getByTestId('log-section-lunch').getByTestId('log-entry')).toHaveCount(2);
  await expect(page.getByTestId('log-section-breakfast').getByTestId('log-entry')).toHaveCount(2);
});
