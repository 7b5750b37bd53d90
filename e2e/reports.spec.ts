import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { createClient, logFood } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

test('preview and export a client report as PDF: the figures are the logged ones and nobody else is in it', async ({
  app: { page },
}, testInfo) => {
  await createClient(page, {
    name: CLIENTS.other.name,
    birthDate: '1970-01-01',
    sex: 'Male',
    heightCm: 180,
    weightKg: 80,
  });
  await createClient(page, {
    name: CLIENTS.rita.name,
    birthDate: '1985-05-05',
    sex: 'Female',
    heightCm: 170,
    weightKg: 65,
  });

  // One medium banana (105 kcal) today for Rita, through the Log tab.
  await logFood(page, { search: 'banana', food: 'Bananas, raw', measure: /^1 medium/ });
  await expect(page.getByTestId('log-entry').filter({ hasText: 'Bananas, raw' })).toBeVisible();

  // From the client page to the report builder, with Rita chosen.
  await page.getByTestId('client-report').click();
  await expect(page.getByTestId('page-reports')).toBeVisible();
  await page.getByTestId('report-preview-button').click();
  const preview = page.frameLocator('[data-testid="report-preview"]');
  await expect(preview.locator('body')).toContainText('Rita Report');
  await expect(preview.locator('body')).toContainText('105 kcal');
  await expect(preview.locator('body')).not.toContainText('Other Person');

  const download = page.waitForEvent('download');
  await page.getByTestId('report-export').click();
  const file = path.join(testInfo.outputDir, 'report.pdf');
  await (await download).saveAs(file);
  await expect(page.getByTestId('report-exported')).toBeVisible();
  expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Rita Report');
  expect(text).toMatch(/Energy\s+105 kcal/);
  expect(text).not.toContain('Other Person');
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(/Title:\s+Nutrition report — Rita Report/);
});
