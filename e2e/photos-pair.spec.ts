import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { expect, test } from './fixtures.ts';
import { choose, createClient, PICTURES } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

/**
 * A derived "after" photo (not a real one): the real before photo (IFCT 2017 picture E009, bananas) with
 * its middle 80 % painted in the colour of its left edge, as if the bananas had been eaten off the plate.
 */
async function emptiedCopy(file: string): Promise<Buffer> {
  const meta = await sharp(file).metadata();
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  const edge = await sharp(file).extract({ left: 0, top: 0, width: 4, height: h }).raw().toBuffer();
  const background = { r: edge[0] ?? 255, g: edge[1] ?? 255, b: edge[2] ?? 255 };
  const patch = await sharp({ create: { width: Math.round(w * 0.8), height: h, channels: 3, background } })
    .png()
    .toBuffer();
  return sharp(file)
    .composite([{ input: patch, left: Math.round(w * 0.1), top: 0 }])
    .jpeg()
    .toBuffer();
}

test('pair a before and an after photo, adjust the share eaten, save, and see the eaten amounts in the log', async ({
  app: { page },
}) => {
  await createClient(page, {
    name: CLIENTS.petra.name,
    birthDate: '1985-02-02',
    sex: 'Female',
    heightCm: 168,
    weightKg: 61,
  });
  const before = path.join(PICTURES, 'E009.jpeg');
  await page.getByTestId('photo-file-input').setInputFiles([
    { name: 'before.jpeg', mimeType: 'image/jpeg', buffer: fs.readFileSync(before) },
    { name: 'after.jpeg', mimeType: 'image/jpeg', buffer: await emptiedCopy(before) },
  ]);
  await expect(page.getByTestId('photo-thumb')).toHaveCount(2);
  await page.getByTestId('photo-thumb').first().click();
  await expect(page.getByTestId('photo-review')).toBeVisible();

  // The first photo is the before photo; choose the second as its after photo.
  await page.getByTestId('photo-pair-open').click();
  const dialog = page.getByTestId('pair-dialog');
  await expect(dialog.getByTestId('photo-thumb')).toHaveCount(1);
  await dialog.getByTestId('photo-thumb').click();
  await dialog.getByTestId('pair-confirm').click();

  const review = page.getByTestId('pair-review');
  await expect(review).toBeVisible();
  await expect(review.getByTestId('pair-photo')).toHaveCount(2);
  const strip = page.getByTestId('photo-strip').getByTestId('photo-thumb');
  await expect(strip.first()).toContainText('Before ·');
  await expect(strip.nth(1)).toContainText('After ·');
  const items = review.getByTestId('pair-item');
  const count = await items.count();
  expect(count).toBeGreaterThanOrEqual(1);
  // Every banana is gone from the after photo: each is proposed as (nearly) all eaten, with its reason.
  for (let i = 0; i < count; i++) {
    await expect(items.nth(i).getByTestId('pair-item-eaten')).toContainText(/\((80|90|100) %\)/);
    await expect(items.nth(i).getByTestId('pair-item-basis')).toContainText(/after photo/);
  }

  // Adjust: the first banana was 150 g and half of it was eaten; the others were not eaten at all.
  const first = items.first();
  await first.getByTestId('pair-item-served').fill('150');
  const thumb = first.getByRole('slider');
  await thumb.focus();
  await thumb.press('Home');
  for (let i = 0; i < 5; i++) await thumb.press('ArrowRight');
  await expect(first.getByTestId('pair-item-eaten')).toHaveText('Eaten: 75 g (50 %)');
  for (let i = 1; i < count; i++) {
    const slider = items.nth(i).getByRole('slider');
    await slider.focus();
    await slider.press('Home');
    await expect(items.nth(i).getByTestId('pair-item-eaten')).toHaveText('Eaten: 0 g (0 %)');
  }
  await choose(page, 'photo-meal', 'Lunch');
  await page.getByTestId('photo-save').click();
  await expect(page.getByTestId('notification').filter({ hasText: /Saved 1 item/ })).toBeVisible();
  // Both photos are saved with the meal.
  await expect(page.getByTestId('photo-thumb').and(page.locator('[data-status="saved"]'))).toHaveCount(2);

  // The log has the eaten amount only: 75 g of banana, 75 × 89 kcal/100 g = 67 kcal.
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-row').filter({ hasText: CLIENTS.petra.name }).click();
  await page.getByTestId('client-tab-log').click();
  const entries = page.getByTestId('log-entry');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Bananas, raw');
  await expect(entries.first().getByTestId('log-entry-detail')).toContainText('75 g');
  await expect(entries.first()).toContainText('67');
});

test('the after photo can be chosen from either side; unpairing keeps both photos, discarding the pair asks first and removes both', async ({
  app: { page },
}) => {
  await createClient(page, { name: CLIENTS.petra.name });
  const before = fs.readFileSync(path.join(PICTURES, 'E009.jpeg'));
  await page.getByTestId('photo-file-input').setInputFiles([
    { name: 'first.jpeg', mimeType: 'image/jpeg', buffer: before },
    { name: 'second.jpeg', mimeType: 'image/jpeg', buffer: before },
  ]);
  const thumbs = page.getByTestId('photo-thumb');
  await expect(thumbs).toHaveCount(2);
  const [firstId, secondId] = await thumbs.evaluateAll((els) => els.map((e) => e.getAttribute('data-photo-id')));
  await thumbs.first().click();

  // The photo being reviewed was taken after the meal: the other one is its before photo.
  await page.getByTestId('photo-pair-open').click();
  const dialog = page.getByTestId('pair-dialog');
  await dialog.getByTestId('pair-role').locator('label', { hasText: 'After the meal' }).click();
  await dialog.getByTestId('photo-thumb').click();
  await dialog.getByTestId('pair-confirm').click();
  const review = page.getByTestId('pair-review');
  await expect(review).toHaveAttribute('data-before-id', secondId ?? '');
  await expect(review).toHaveAttribute('data-after-id', firstId ?? '');
  // The same photo twice: nothing has changed, so nothing is proposed as eaten.
  await expect(review.getByTestId('pair-item-eaten').first()).toContainText('(0 %)');

  await review.getByTestId('pair-unpair').click();
  await expect(page.getByTestId('photo-review')).toBeVisible();
  await expect(thumbs).toHaveCount(2);

  await page.getByTestId('photo-pair-open').click();
  await dialog.getByTestId('photo-thumb').click();
  await dialog.getByTestId('pair-confirm').click();
  await expect(review).toBeVisible();
  await review.getByTestId('photo-discard').click();
  await expect(page.getByTestId('pair-discard-dialog')).toContainText('before and the after photo');
  await page.getByTestId('pair-discard-cancel').click();
  await expect(thumbs).toHaveCount(2);
  await review.getByTestId('photo-discard').click();
  await page.getByTestId('pair-discard-confirm').click();
  await expect(page.getByTestId('notification').filter({ hasText: 'Both photos were discarded.' })).toBeVisible();
  await expect(thumbs).toHaveCount(0);
});
