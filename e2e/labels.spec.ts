import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { PICTURES } from './pages.ts';

/** A label photo from the repository's test set (scripts/make-label-set.ts): 230 kcal per 55 g serving. */
const LABEL = path.resolve(import.meta.dirname, '..', 'core', 'labels', 'testing', 'label-set', 'us-granola.jpg');

/** Drags a file onto the label dialog's drop zone, as from a file manager. */
async function dropOnLabelZone(page: Page, file: string, name: string): Promise<void> {
  const bytes = fs.readFileSync(file).toString('base64');
  const transfer = await page.evaluateHandle(
    ({ b64, fileName }) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([raw], fileName, { type: 'image/jpeg' }));
      return dt;
    },
    { b64: bytes, fileName: name },
  );
  const zone = page.getByTestId('label-dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

test('drop a nutrition label photo, review the values beside their crops, save it as a custom food', async ({
  app: { page },
}) => {
  await page.getByTestId('nav-foods').click();
  await page.getByTestId('label-photo-new').click();

  // A meal photo is no label: a clear sentence, and the dialog stays open for another photo.
  await dropOnLabelZone(page, path.join(PICTURES, 'E009.jpeg'), 'banana.jpeg');
  await expect(page.getByTestId('label-error')).toContainText('No nutrition panel found in this photo');

  // A read can be stopped while it runs: the drop zone comes back, with no error.
  await dropOnLabelZone(page, LABEL, 'granola-label.jpg');
  await page.getByTestId('label-cancel').click();
  await expect(page.getByTestId('label-dropzone')).toBeVisible();
  await expect(page.getByTestId('label-error')).toHaveCount(0);
  await expect(page.getByTestId('label-review')).toHaveCount(0);

  await dropOnLabelZone(page, LABEL, 'granola-label.jpg');
  const review = page.getByTestId('label-review');
  await expect(review).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('label-basis')).toContainText('per serving');
  await expect(page.getByTestId('label-serving')).toHaveValue('55');

  // Each field: its name, the crop of the photo it was read from, the value as printed.
  const energy = page.getByTestId('label-field-energyKcal');
  await expect(energy).toContainText('Energy');
  await expect(energy.getByTestId('label-crop')).toBeVisible();
  await expect(energy.getByTestId('label-value')).toHaveValue('230');
  // 230 kcal per 55 g serving = 418.2 kcal per 100 g.
  await expect(energy.getByTestId('label-per100')).toContainText('418 kcal');

  // A misread value is corrected by typing; the per-100 g value follows: 4 g / 55 g × 100 = 7.3 g.
  const protein = page.getByTestId('label-field-proteinG');
  await protein.getByTestId('label-value').fill('4');
  await expect(protein.getByTestId('label-per100')).toContainText('7.3 g');

  await page.getByTestId('label-save').click();
  await expect(page.getByTestId('label-name')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('label-name').fill('Maple granola');
  await page.getByTestId('label-brand').fill('Hillside Mill');
  await page.getByTestId('label-save').click();

  // Saved through foods.createCustom, and shown.
  await expect(page.getByTestId('notification').filter({ hasText: 'Maple granola was added.' })).toBeVisible();
  await expect(page.getByTestId('food-detail-name')).toContainText('Maple granola');
  await expect(page.getByTestId('food-nutrient-energyKcal')).toContainText('418');
  await expect(page.getByTestId('food-nutrient-proteinG')).toContainText('7.3');
  await expect(page.getByTestId('food-measure').filter({ hasText: 'serving' })).toContainText('55');

  // And it is found by search like any custom food.
  await page.keyboard.press('Escape');
  await page.getByTestId('foods-search').fill('maple granola');
  await expect(page.getByTestId('food-hit').filter({ hasText: 'Maple granola' })).toHaveCount(1);
});
