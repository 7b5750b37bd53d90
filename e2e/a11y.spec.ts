import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { addVisit, choose, overdueRow, unlock } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

/**
 * Accessibility: axe (WCAG 2 A and AA rules) on each main view, in the order a practitioner meets
 * them. Every view is checked before the test fails, and the failure lists each serious or critical
 * violation as `view: rule (impact) — help — target selectors`.
 */
const PASSPHRASE = 'tomato basil 2026!';
const BLOCKING = new Set(['serious', 'critical']);

interface Finding {
  view: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

async function check(page: Page, view: string, findings: Finding[]): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  for (const v of result.violations) {
    if (!BLOCKING.has(v.impact ?? '')) continue;
    findings.push({
      view,
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => {
        // For contrast, the colours and the ratio axe measured say what to fix.
        const data = n.any[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
        const colours = data?.fgColor ? `  [${data.fgColor} on ${data.bgColor}, ${data.contrastRatio}:1]` : '';
        return n.target.map(String).join(' ') + colours;
      }),
    });
  }
}

function describe(findings: Finding[]): string {
  return findings
    .map((f) => `${f.view}: ${f.rule} (${f.impact}) — ${f.help}\n${f.targets.map((t) => `    ${t}`).join('\n')}`)
    .join('\n');
}

test('the main views have no serious or critical WCAG 2 A/AA violations', async ({ page, host }) => {
  // Axe over a dozen views, a restart and an unlock: allow for a busy two-core machine (it took 2.2 min
  // with a second job running beside CI).
  test.setTimeout(300_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const findings: Finding[] = [];

  await page.goto(host.url);
  await expect(page.getByTestId('setup-passphrase')).toBeVisible();
  await check(page, 'setup', findings);
  await page.getByTestId('setup-passphrase').fill(PASSPHRASE);
  await page.getByTestId('setup-confirm').fill(PASSPHRASE);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('recovery-code')).toBeVisible();
  await check(page, 'setup: recovery code', findings);
  await page.getByTestId('recovery-written').check();
  await page.getByTestId('recovery-continue').click();

  await expect(page.getByTestId('client-new')).toBeVisible();
  await check(page, 'client list (empty)', findings);

  // A client with every contact field, so the profile shows them all.
  const c = CLIENTS.amelia;
  await page.getByTestId('client-new').click();
  await page.getByTestId('field-name').fill(c.name);
  await page.getByTestId('field-birthDate').fill('1987-03-09');
  await choose(page, 'field-sex', 'Female');
  await page.getByTestId('field-heightCm').fill('166');
  await page.getByTestId('field-weightKg').fill('59');
  await page.getByTestId('field-email').fill(c.email);
  await page.getByTestId('field-phone').fill(c.phone);
  await check(page, 'client form', findings);
  await page.getByTestId('client-save').click();
  await expect(page.getByTestId('client-name')).toHaveText(c.name);
  await expect(page.getByTestId('targets-table')).toBeVisible();
  await check(page, 'client profile', findings);

  // One logged food so the log and the dashboard have content.
  await page.getByTestId('client-tab-log').click();
  await page.getByTestId('log-add-food').click();
  await page.getByTestId('log-food-search').fill('banana');
  await page.getByTestId('log-food-option').filter({ hasText: 'Bananas, raw' }).first().click();
  await check(page, 'log: add food dialog', findings);
  await page.getByTestId('log-save').click();
  await expect(page.getByTestId('log-entry').first()).toBeVisible();
  await check(page, 'client log', findings);

  await page.getByTestId('client-tab-dashboard').click();
  await expect(page.getByTestId('status-value-energyKcal')).toBeVisible();
  await check(page, 'client dashboard', findings);

  await page.getByTestId('client-tab-recommendations').click();
  await page.getByTestId('recommendations-evaluate').click();
  await expect(page.getByTestId('recommendations-panel')).toBeVisible();
  await check(page, 'client recommendations', findings);

  // A visit long past whose follow-up was missed: the visit editor, and the overdue list on the clients page.
  await addVisit(page, {
    date: '2025-01-06',
    type: 'First consultation',
    durationMin: 45,
    sections: { assessment: 'Tired in the afternoons.' },
    snapshot: true,
    goals: [{ text: 'Waist down to 88 cm', measure: 'Waist circumference', target: 88, reviewOn: '2025-03-01' }],
    nextFollowUp: '2025-02-03',
  });
  await check(page, 'client visits', findings);
  await page.getByTestId('visits-open').first().click();
  await expect(page.getByTestId('visit-form')).toBeVisible();
  await check(page, 'client visit', findings);
  await page.getByTestId('visit-back').click();

  await page.getByTestId('nav-clients').click();
  await expect(page.getByTestId('client-row').first()).toBeVisible();
  await expect(overdueRow(page, c.name)).toBeVisible();
  await check(page, 'client list', findings);

  await page.getByTestId('nav-foods').click();
  await page.getByTestId('foods-search').fill('banana');
  await expect(page.getByTestId('food-hit').first()).toBeVisible();
  await check(page, 'foods', findings);

  await page.getByTestId('nav-rules').click();
  await expect(page.getByTestId('page-rules')).toBeVisible();
  await check(page, 'rules', findings);

  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('page-reports')).toBeVisible();
  await check(page, 'reports', findings);

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-version')).toBeVisible();
  await check(page, 'settings', findings);

  // A new launch is locked: the unlock screen.
  await host.restart();
  await page.goto(host.url);
  await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
  await check(page, 'unlock', findings);
  await unlock(page, PASSPHRASE);
  await expect(page.getByTestId('nav-clients')).toBeVisible();

  expect(findings.length, `serious or critical accessibility violations:\n${describe(findings)}\n`).toBe(0);
});
