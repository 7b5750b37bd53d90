import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ENERGY_FIGURE } from '../core/rules/guardrails.ts';
import { expect, test } from './fixtures.ts';
import { createClient, dropPhoto, PICTURES } from './pages.ts';

/**
 * What the app shows a practitioner must be current and safe: recommendations carry the numbers the
 * dashboard shows for the same days, and an eating-disorder-sensitive client's screens and reports
 * hold no energy figure at all.
 */

/** The practitioner's local calendar day `back` days ago, as the host sees it (YYYY-MM-DD). */
function dayBack(back: number): string {
  const d = new Date();
  d.setDate(d.getDate() - back);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * A day of logs as the practitioner's CSV: white bread and table salt (high in sodium, low in fibre)
 * and whole milk, so sodium, fibre and the logging rules have something to say.
 */
function csvDays(days: number[]): string {
  const rows = ['date,time,kind,meal,food_id,grams'];
  for (const back of days) {
    rows.push(`${dayBack(back)},08:00,diet,breakfast,usda:18069,120`);
    rows.push(`${dayBack(back)},08:05,diet,breakfast,usda:01077,250`);
    rows.push(`${dayBack(back)},13:00,diet,lunch,usda:18069,150`);
    rows.push(`${dayBack(back)},13:05,diet,lunch,usda:02047,5`);
  }
  return `${rows.join('\n')}\n`;
}

async function importLog(page: Page, csv: string, name: string): Promise<void> {
  await page.getByTestId('client-tab-log').click();
  await page.getByTestId('log-import').click();
  await page.getByTestId('log-import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('log-import-run').click();
  await expect(page.getByTestId('log-import-dialog')).toContainText(/imported/i);
  await page.getByTestId('log-import-close').click();
}

/** The first number in a text ("2,912" → 2912). */
function numberIn(text: string, after: RegExp): number {
  const m = new RegExp(`${after.source}\\s*([\\d,]+(?:\\.\\d+)?)`, after.flags).exec(text);
  if (!m?.[1]) throw new Error(`no number after ${after} in: ${text}`);
  return Number(m[1].replace(/,/g, ''));
}

async function openDashboardWeek(page: Page): Promise<void> {
  await page.getByTestId('client-tab-dashboard').click();
  await page.getByTestId('dashboard-range').getByText('7 days', { exact: true }).click();
}

async function trendCaption(page: Page, label: string, key: string): Promise<string> {
  await page.getByTestId('dashboard-trend-select').getByText(label, { exact: true }).click();
  const caption = page.getByTestId(`trend-chart-${key}-summary`);
  await expect(caption).toContainText('over the');
  return (await caption.textContent()) ?? '';
}

test('a week of logs, then "Check now": every recommendation carries the numbers the dashboard shows', async ({
  app: { page },
}) => {
  test.setTimeout(300_000);
  await createClient(page, {
    name: 'Tess Current',
    birthDate: '1990-03-03',
    sex: 'Female',
    heightCm: 165,
    weightKg: 60,
  });

  // Three days logged: the logging rule says so.
  await importLog(page, csvDays([6, 4, 2]), 'first-days.csv');
  await page.getByTestId('client-tab-recommendations').click();
  const logging = page.locator('[data-testid="recommendation"][data-rule-id="logging-inconsistent"]');
  await expect(logging.getByTestId('recommendation-message')).toContainText('3 of the last 7 days');

  // The rest of the week arrives: 7 of 7 days. The stale card must not survive.
  await importLog(page, csvDays([5, 3, 1, 0]), 'rest-of-week.csv');
  await page.getByTestId('client-tab-recommendations').click();
  await expect(page.locator('[data-testid="recommendation"]').first()).toBeVisible();
  await expect(logging).toHaveCount(0);
  await page.getByTestId('recommendations-evaluate').click();
  await expect(
    page.getByText(/Nothing changed: the recommendations shown already match the current data/),
  ).toBeVisible();
  await page.getByTestId('recommendations-show-closed').click();
  const resolved = page.locator(
    '[data-testid="recommendations-closed"] [data-testid="recommendation"][data-rule-id="logging-inconsistent"]',
  );
  await expect(resolved.getByTestId('recommendation-status')).toHaveText('Resolved by new data');

  // The cards' figures, as shown.
  const sodiumCard = page.locator('[data-testid="recommendation"][data-rule-id="sodium-high"]').first();
  const fibreCard = page.locator('[data-testid="recommendation"][data-rule-id="fibre-low"]').first();
  const sodiumText = (await sodiumCard.getByTestId('recommendation-message').textContent()) ?? '';
  const fibreText = (await fibreCard.getByTestId('recommendation-message').textContent()) ?? '';
  await fibreCard.getByTestId('recommendation-why').click();
  await expect(fibreCard.getByTestId('recommendation-values')).toContainText('features.fibre_g_7d_ratio');

  // The dashboard's 7-day figures for the same days.
  await openDashboardWeek(page);
  const sodiumCaption = await trendCaption(page, 'Sodium', 'sodiumMg');
  const fibreCaption = await trendCaption(page, 'Fibre', 'fibreG');
  expect(sodiumCaption).toContain('over the 7 logged days');
  expect(numberIn(sodiumText, /Sodium averaged/)).toBe(numberIn(sodiumCaption, /logged days from .*?:/));
  expect(numberIn(sodiumText, /limit of/)).toBe(numberIn(sodiumCaption, /target/));
  expect(numberIn(fibreText, /Fibre averaged/)).toBe(numberIn(fibreCaption, /logged days from .*?:/));
  expect(numberIn(fibreText, /% of the/)).toBe(numberIn(fibreCaption, /target/));
});

/** Everything a person can read on the page now, iframes included. */
async function visibleText(page: Page): Promise<string> {
  const parts = [await page.locator('body').innerText()];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    parts.push(
      await frame
        .locator('body')
        .innerText()
        .catch(() => ''),
    );
  }
  return parts.join('\n');
}

async function expectNoEnergyFigure(page: Page, where: string): Promise<void> {
  const text = await visibleText(page);
  const hit = ENERGY_FIGURE.exec(text);
  expect(hit?.[0] ?? null, `${where} shows an energy figure`).toBeNull();
}

test('an eating-disorder-sensitive client: no energy figure on any view, in any recommendation or in the PDFs', async ({
  app: { page },
}, testInfo) => {
  // Many views, two PDFs and a photo analysis: allow for a busy machine.
  test.setTimeout(300_000);
  await createClient(page, {
    name: 'Eden Careful',
    birthDate: '1994-09-09',
    sex: 'Female',
    heightCm: 168,
    weightKg: 52,
  });
  await importLog(page, csvDays([6, 5, 4, 3, 2, 1, 0]), 'week.csv');
  // Before the setting, the screens do show energy: the scan below would see it.
  await openDashboardWeek(page);
  await expect(page.getByTestId('dashboard-day')).toContainText('kcal');
  await page.getByTestId('client-tab-recommendations').click();
  await expect(page.locator('[data-testid="recommendation"]').first()).toBeVisible();
  const before = await visibleText(page);
  expect(before).toMatch(/Energy intake averaged [\d,]+ kcal/);
  // Accept one recommendation, so the client's own report has one to print.
  await page
    .locator('[data-testid="recommendation"][data-rule-id="sodium-high"]')
    .getByTestId('recommendation-accept')
    .click();

  // Eating-disorder-sensitive care on: no re-evaluation is asked for.
  await page.getByTestId('client-edit').click();
  await page.getByTestId('field-edSensitive').click();
  await page.getByTestId('client-save').click();
  await expect(page.getByTestId('client-form')).toHaveCount(0);

  await page.getByTestId('client-tab-recommendations').click();
  await expect(page.getByTestId('recommendations-ed-note')).toBeVisible();
  await expect(page.locator('[data-testid="recommendation"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="recommendation"][data-rule-id="energy-below-target"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="recommendation"][data-rule-id="energy-above-target"]')).toHaveCount(0);
  for (const why of await page.getByTestId('recommendation-why').all()) await why.click();
  await page.getByTestId('recommendations-show-closed').click();
  await expectNoEnergyFigure(page, 'the recommendations, with every "Why?" open and the history shown');

  await page.getByTestId('client-tab-profile').click();
  await expect(page.getByTestId('targets-table')).toBeVisible();
  await expectNoEnergyFigure(page, 'the profile and targets');

  await page.getByTestId('client-tab-log').click();
  await expect(page.getByTestId('log-entry').first()).toBeVisible();
  await expectNoEnergyFigure(page, 'the log');
  await page.getByTestId('log-add-food').click();
  await page.getByTestId('log-food-search').fill('banana');
  await expect(page.getByTestId('log-food-option').first()).toBeVisible();
  await expectNoEnergyFigure(page, 'the food search while logging');
  await page.getByTestId('log-food-option').filter({ hasText: 'Bananas, raw' }).first().click();
  await page.getByTestId('log-amount-measure').click();
  await page.getByRole('option', { name: /^1 medium/ }).click();
  await expect(page.getByTestId('log-preview')).toContainText('protein');
  await expectNoEnergyFigure(page, 'the entry form preview');
  await page.getByTestId('log-cancel').click();

  await openDashboardWeek(page);
  await expect(page.getByTestId('dashboard-energy-hidden')).toBeVisible();
  await expectNoEnergyFigure(page, 'the dashboard');

  // Both reports: preview and PDF.
  await page.getByTestId('client-report').click();
  await expect(page.getByTestId('page-reports')).toBeVisible();
  for (const variant of ['For the client', 'Case report (yours)']) {
    await page.getByTestId('report-variant').getByText(variant, { exact: true }).click();
    await page.getByTestId('report-preview-button').click();
    const preview = page.frameLocator('[data-testid="report-preview"]');
    await expect(preview.locator('body')).toContainText('Eden Careful');
    await expect(preview.locator('body')).toContainText('Recommendations');
    await expectNoEnergyFigure(page, `the ${variant} preview`);
    const download = page.waitForEvent('download');
    await page.getByTestId('report-export').click();
    const file = path.join(testInfo.outputDir, `${variant.replace(/\W+/g, '-')}.pdf`);
    await (await download).saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Eden Careful');
    expect(ENERGY_FIGURE.exec(text)?.[0] ?? null, `the ${variant} PDF prints an energy figure`).toBeNull();
    if (variant === 'For the client') {
      // The accepted recommendation is there, in the client's words; practitioner terms are not.
      expect(text).toContain('Your sodium averaged');
      expect(text).not.toMatch(/Goldberg|BMR|the client's|features\./);
    }
  }

  // A meal photo in review, dropped on the client page.
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-row').filter({ hasText: 'Eden Careful' }).click();
  await dropPhoto(page, path.join(PICTURES, 'E009.jpeg'), 'lunch.jpeg');
  await expect(page.getByTestId('photo-item').first()).toBeVisible();
  await expect(page.getByTestId('photo-item-kcal').first()).toContainText('protein');
  await expectNoEnergyFigure(page, 'the photo review');
});
