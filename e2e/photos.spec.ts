import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { createClient, dropPhoto, PICTURES, saveFirstProposalAsLunch } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

test('drop a real meal photo, correct one item, save, and see the meal in the log and on the dashboard', async ({
  app: { page },
}) => {
  await createClient(page, {
    name: CLIENTS.fatima.name,
    birthDate: '1992-08-08',
    sex: 'Female',
    heightCm: 162,
    weightKg: 57,
  });

  // Drag a file onto the drop zone, as a person dragging it from their file manager would.
  await dropPhoto(page, path.join(PICTURES, 'E009.jpeg'), 'lunch-banana.jpeg');

  await expect(page.getByTestId('photos-view')).toBeVisible();
  const review = page.getByTestId('photo-review');
  await expect(review).toBeVisible();
  await expect(page.getByTestId('photo-box').first()).toBeVisible();
  const items = page.getByTestId('photo-item');
  await expect(items.first().getByTestId('photo-item-food')).toHaveValue(/Bananas, raw/);
  await expect(items.first().getByTestId('photo-item-origin')).toContainText(/Detected/);
  // The bunch's overlapping detections are counted as its separate bananas, proposed as 3 medium (USDA SR
  // 118 g), with their basis and range; the amount starts as that household measure.
  const first = items.first();
  await expect(first.getByTestId('photo-item-name')).toHaveText('Banana');
  await expect(first.getByTestId('photo-item-proposal')).toHaveText(
    'Proposed: 3 × medium (118 g) = 354 g · plausible 303–408 g',
  );
  await expect(first.getByTestId('photo-item-basis')).toContainText('counted in the photo');
  await expect(first.getByTestId('photo-item-count')).toHaveValue('3');
  await expect(first.getByTestId('photo-item-measure')).toHaveValue(/medium/);
  await expect(first.getByTestId('photo-item-kcal')).toContainText('354 g');
  await expect(page.getByTestId('photo-flag')).toHaveCount(0);
  const detected = await items.count();

  // Keep one banana, set it to 150 g; remove the other proposals.
  await saveFirstProposalAsLunch(page, 150);
  expect(detected).toBeGreaterThanOrEqual(1);

  // The meal is in the log (from a photo) and in the day's totals: 150 g × 89 kcal/100 g = 134 kcal.
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-row').filter({ hasText: CLIENTS.fatima.name }).click();
  await page.getByTestId('client-tab-log').click();
  const entry = page.getByTestId('log-entry').filter({ hasText: 'Bananas, raw' });
  await expect(entry).toContainText('134');
  await expect(entry.getByTestId('log-entry-photo')).toBeVisible();
  await page.getByTestId('client-tab-dashboard').click();
  await expect(page.getByTestId('status-value-energyKcal')).toContainText('134');
});

test('a bad file among good ones gets a clear error and the batch goes on', async ({ app: { page } }) => {
  await createClient(page, { name: CLIENTS.batch.name });
  const good = fs.readFileSync(path.join(PICTURES, 'E001.jpeg'));
  await page.getByTestId('photo-file-input').setInputFiles([
    { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: good.subarray(0, 1500) },
    { name: 'apples.jpeg', mimeType: 'image/jpeg', buffer: good },
  ]);
  await expect(page.getByTestId('photo-error').filter({ hasText: 'broken.jpg' })).toContainText(/damaged/);
  await expect(page.getByTestId('photo-thumb')).toHaveCount(1);
  await expect(page.getByTestId('photo-item').first().getByTestId('photo-item-food')).toHaveValue(/Apples/);
});

test('a heap taken for two dozen doughnuts is flagged: no amount is proposed and one must be entered', async ({
  app: { page },
}) => {
  await createClient(page, { name: CLIENTS.batch.name });
  await dropPhoto(page, path.join(PICTURES, 'E005.jpeg'), 'heap.jpeg');
  await expect(page.getByTestId('photo-review')).toBeVisible();
  await expect(page.getByTestId('photo-flag').first()).toContainText('Some items have no amount proposed');
  const heap = page.getByTestId('photo-item').filter({ hasText: 'Donut' });
  await expect(heap.getByTestId('photo-item-proposal')).toHaveText('Proposed: no amount proposed');
  await expect(heap.getByTestId('photo-item-flag')).toContainText(/\d+ doughnuts is more than a meal usually holds/);
  await expect(heap.getByTestId('photo-item-grams')).toHaveValue('');
  await page.getByTestId('photo-save').click();
  await expect(heap).toContainText('Enter the amount in grams.');
});
