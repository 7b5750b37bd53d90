import { execFileSync } from 'node:child_process';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { createClient } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

/** The serious and critical WCAG 2 A/AA violations axe finds on the page, as "rule: targets". */
async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.map(String).join(' ')).join(', ')}`);
}

test('a meal plan: made on the client page, foods added in measures and grams, edited, totals follow, sent, then a new draft version', async ({
  app: { page },
}) => {
  // A complete profile, so the plan's days are judged against targets.
  await createClient(page, {
    name: CLIENTS.beatriz.name,
    sex: 'Male',
    birthDate: '1975-09-30',
    heightCm: 178,
    weightKg: 81,
  });

  await page.getByTestId('client-tab-plans').click();
  await expect(page.getByTestId('plans-empty')).toBeVisible();
  await page.getByTestId('plan-new').click();
  await page.getByTestId('plan-name').fill('Spring week');
  await page.getByTestId('plan-start').fill('2026-03-02');
  await page.getByTestId('plan-days').fill('7');
  await page.getByTestId('plan-form-save').click();

  // The editor opens on day 1 with the four default meals.
  await expect(page.getByTestId('plan-title')).toHaveText('Spring week');
  await expect(page.getByTestId('plan-status')).toHaveText('Draft, version 1');
  await expect(page.getByTestId('plan-slot')).toHaveCount(4);
  await expect(page.getByTestId('plan-totals-empty')).toBeVisible();

  // One medium banana at breakfast, as a household measure.
  const breakfast = page.locator('[data-testid="plan-slot"][data-slot="breakfast"]');
  await breakfast.getByTestId('plan-slot-add-food').click();
  await page.getByTestId('plan-food-search').fill('banana');
  await page.getByTestId('plan-food-option').filter({ hasText: 'Bananas, raw' }).first().click();
  await page.getByTestId('plan-amount-measure').click();
  await page.getByRole('option', { name: /^1 medium/ }).click();
  await page.getByTestId('plan-entry-save').click();
  const banana = breakfast.getByTestId('plan-entry').filter({ hasText: 'Bananas, raw' });
  await expect(banana).toContainText('105 kcal');
  // 118 g × 89 kcal/100 g = 105 kcal (USDA SR28, NDB 09040).
  await expect(page.getByTestId('status-value-energyKcal')).toHaveText('105 kcal');

  expect(await axeProblems(page)).toEqual([]);

  // Changed to 236 g in grams: the day's energy doubles.
  await banana.getByTestId('plan-entry-menu').click();
  await page.getByTestId('plan-entry-edit').click();
  await page.getByTestId('plan-grams').fill('236');
  await page.getByTestId('plan-entry-save').click();
  await expect(banana).toContainText('210 kcal');
  await expect(page.getByTestId('status-value-energyKcal')).toHaveText('210 kcal');

  // Copy day 1 to day 2; day 2 then shows the same foods and totals.
  await page.getByTestId('plan-copy-day').click();
  await page.getByTestId('plan-copy-day-2').click();
  await page.getByTestId('plan-day-2').click();
  await expect(page.getByTestId('plan-day-title')).toContainText('Day 2');
  await expect(page.getByTestId('plan-entry').filter({ hasText: 'Bananas, raw' })).toBeVisible();
  await expect(page.getByTestId('status-value-energyKcal')).toHaveText('210 kcal');

  // Sent: frozen. A change afterwards makes version 2, a draft, and says so.
  await page.getByTestId('plan-send').click();
  await expect(page.getByTestId('plan-status')).toHaveText('Sent, version 1');
  await page.getByTestId('plan-entry').first().getByTestId('plan-entry-menu').click();
  await page.getByTestId('plan-entry-pin').click();
  await expect(page.getByText(/change was made in a new draft: version 2/)).toBeVisible();
  await expect(page.getByTestId('plan-status')).toHaveText('Draft, version 2');
  await page.getByTestId('plan-versions').click();
  await expect(page.getByTestId('plan-version')).toHaveCount(2);
  await expect(page.getByTestId('plan-version').nth(1)).toContainText('Sent, version 1');
  await page.keyboard.press('Escape');

  // Back in the list: one plan, its latest version; deleted after confirmation.
  await page.getByTestId('plan-back').click();
  await expect(page.getByTestId('plans-row')).toHaveCount(1);
  await expect(page.getByTestId('plans-status')).toHaveText('Draft, version 2');
  expect(await axeProblems(page)).toEqual([]);
  await page.getByTestId('plans-delete').click();
  await page.getByTestId('plan-delete-confirm').click();
  await expect(page.getByTestId('plans-empty')).toBeVisible();
});

test('a generated plan: every meal filled from the pool, the day judged as the editor shows it, and the handout says the same', async ({
  app: { page },
}, testInfo) => {
  await createClient(page, {
    name: CLIENTS.vera.name,
    sex: 'Female',
    birthDate: '1988-04-12',
    heightCm: 165,
    weightKg: 60,
  });
  await page.getByTestId('client-tab-plans').click();
  await page.getByTestId('plan-new').click();
  await page.getByTestId('plan-name').fill('Generated week');
  await page.getByTestId('plan-start').fill('2026-03-02');
  await page.getByTestId('plan-days').fill('2');
  await page.getByTestId('plan-form-save').click();
  await expect(page.getByTestId('plan-title')).toHaveText('Generated week');

  await page.getByTestId('plan-generate').click();
  await expect(page.getByTestId('plan-generate-result')).toBeVisible();
  await expect(page.getByTestId('plan-generate-result')).toContainText('% of the day targets are in range');
  // Every meal of day 1 has food, each in a household serving with its weight.
  for (const slot of ['breakfast', 'lunch', 'snack', 'dinner']) {
    const entries = page.locator(`[data-testid="plan-slot"][data-slot="${slot}"]`).getByTestId('plan-entry');
    await expect(entries.first()).toBeVisible();
    await expect(entries.first()).toContainText(/\(\d+ g\)/);
  }
  const energy = (await page.getByTestId('status-value-energyKcal').innerText()).trim();
  expect(energy).toMatch(/^[\d,]+ kcal$/);

  // The handout prints day 1 with the energy the editor shows for it.
  const download = page.waitForEvent('download');
  await page.getByTestId('plan-export').click();
  const file = path.join(testInfo.outputDir, 'plan.pdf');
  await (await download).saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Meal plan: Generated week');
  expect(text).toContain(`Energy ${energy}`);
  expect(text).toContain('Shopping list for the 2 days');
});
