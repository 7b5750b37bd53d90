import fs from 'node:fs';
import path from 'node:path';
import { photographBarcode } from '../core/barcodes/testing/encode.ts';
import { brandedZipBytes, syntheticGtin } from '../core/foods/import/testing/branded.ts';
import { expect, test } from './fixtures.ts';
import { createClient, PICTURES } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

test('a photo of a package on the Foods page: the barcode is read, its branded food shown, opened and logged for a client', async ({
  app: { page },
}, testInfo) => {
  // A Branded Foods archive (generated products with valid barcodes) and a photo of product 7's code
  // on a real food photo, tilted, blurred, noisy and JPEG-compressed.
  const zip = testInfo.outputPath('FoodData_Central_branded_food_csv.zip');
  fs.mkdirSync(path.dirname(zip), { recursive: true });
  fs.writeFileSync(zip, brandedZipBytes(12));
  const code = syntheticGtin(7);
  const photo = testInfo.outputPath('package.jpg');
  fs.writeFileSync(
    photo,
    await photographBarcode(code, {
      background: path.join(PICTURES, 'A006.jpeg'),
      corners: [
        [420, 470],
        [1120, 380],
        [1160, 800],
        [440, 840],
      ],
      blur: 0.8,
      noise: 6,
      seed: 11,
    }),
  );

  await createClient(page, {
    name: CLIENTS.dora.name,
    birthDate: '1980-02-01',
    sex: 'Female',
    heightCm: 160,
    weightKg: 58,
  });

  // Import the Branded Foods table (FoodData Central format).
  await page.getByTestId('nav-foods').click();
  await page.getByTestId('foods-import').click();
  await page.getByTestId('foods-import-dialog').getByText('FoodData Central CSV (zip)').click();
  await page.getByTestId('foods-import-file').setInputFiles(zip);
  await page.getByTestId('foods-import-name').fill('USDA Branded Foods');
  await page.getByTestId('foods-import-run').click();
  await expect(page.getByTestId('foods-import-result')).toContainText('12');
  await page.keyboard.press('Escape');

  // Scan: the code is read on the device and its food is shown with its source.
  await page.getByTestId('foods-scan-barcode').click();
  await page.getByTestId('barcode-file').setInputFiles(photo);
  await expect(page.getByTestId('barcode-code')).toHaveText(code);
  const match = page.getByTestId('barcode-match');
  await expect(match).toContainText('TEST PRODUCT 7 CRUNCHY OAT BARS');
  await expect(match).toContainText('Source: USDA Branded Foods');

  // Log 40 g for the client through the log's own form.
  await match.getByTestId('barcode-log').click();
  await page.getByTestId('barcode-log-client').selectOption({ label: CLIENTS.dora.name });
  await page.getByTestId('log-grams').fill('40');
  await page.getByTestId('log-save').click();
  await expect(page.getByTestId('notification').filter({ hasText: 'was logged for' })).toContainText(CLIENTS.dora.name);

  // Open it: the food's details, with its label serving as a measure.
  await match.getByTestId('barcode-open').click();
  await expect(page.getByTestId('food-detail')).toContainText('TEST PRODUCT 7 CRUNCHY OAT BARS');
  await expect(page.getByTestId('food-detail')).toContainText('serving (2 bars)');
  await expect(page.getByTestId('food-detail-barcode')).toContainText(code);
  await expect(page.getByTestId('food-detail-ingredients')).toContainText('WHOLE GRAIN OATS');
  await page.keyboard.press('Escape');

  // The client's log has the entry.
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-row').filter({ hasText: CLIENTS.dora.name }).click();
  await page.getByTestId('client-tab-log').click();
  await expect(page.getByTestId('log-entry').filter({ hasText: 'TEST PRODUCT 7' })).toContainText('40');
});

test('the Open Food Facts lookup is off by default and Settings says exactly what it would send', async ({
  app: { page },
}) => {
  await page.getByTestId('nav-settings').click();
  const toggle = page.getByTestId('settings-off-lookup');
  await expect(toggle).not.toBeChecked();
  await expect(page.getByTestId('settings-off')).toContainText('sends only the barcode number');
  await expect(page.getByTestId('settings-off')).toContainText('world.openfoodfacts.org');
});
