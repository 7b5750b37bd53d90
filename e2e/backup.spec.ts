import { expect, test } from './fixtures.ts';
import { createClient, unlock } from './pages.ts';

const PASSPHRASE = 'pumpkin soup 2026!';
const CLIENT = 'Rosalind Backup-Example';
test.use({ passphrase: PASSPHRASE });
// Eight derivations of a key at the production scrypt cost (set-up 2, a wrong and a right restore,
// recovery 3, unlock 1) and two host restarts, each reloading the app: beside another job on two
// cores this journey took four minutes to reach its first restart.
test.describe.configure({ timeout: 600_000 });

test('setup shows the recovery code once → client → back up → delete → restore → client is back; recovery code unlocks', async ({
  app: { page, host, recoveryCode: code },
}) => {
  expect(code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
  // Shown once: the code is gone from the screen and never reached the host's log.
  await expect(page.getByTestId('recovery-code')).toHaveCount(0);
  expect(host.log()).not.toContain(code);

  await createClient(page, { name: CLIENT, sex: 'Female', heightCm: 170, weightKg: 65 });

  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('settings-backups');
  // Automatic backups are on by default (daily, keep 14): the first was made at setup.
  await expect(section.getByTestId('backup-row')).toHaveCount(1);
  await expect(section.getByTestId('backup-list')).toContainText('Scheduled');
  await section.getByTestId('backup-now').click();
  await expect(section.getByTestId('backup-row')).toHaveCount(2);

  // Delete the client.
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-row').filter({ hasText: CLIENT }).click();
  await page.getByTestId('client-delete').click();
  await page.getByTestId('client-delete-confirm').click();
  await expect(page.getByTestId('client-row').filter({ hasText: CLIENT })).toHaveCount(0);

  // Restore: a wrong passphrase is refused; the right one brings the client back.
  await page.getByTestId('nav-settings').click();
  await section.getByTestId('backup-restore').first().click();
  await expect(page.getByTestId('restore-warning')).toContainText('The current data is kept as a backup first.');
  await page.getByTestId('restore-passphrase').fill('not the passphrase');
  await page.getByTestId('restore-confirm').click();
  await expect(page.getByTestId('restore-error')).toContainText('does not open the backup');
  await page.getByTestId('restore-passphrase').fill(PASSPHRASE);
  await page.getByTestId('restore-confirm').click();
  await expect(page.getByTestId('restore-warning')).toHaveCount(0);
  // The replaced data was kept as a backup.
  await expect(section.getByTestId('backup-row')).toHaveCount(3);
  await expect(section.getByTestId('backup-list')).toContainText('Before a restore');

  await page.getByTestId('nav-clients').click();
  await expect(page.getByTestId('client-row').filter({ hasText: CLIENT })).toBeVisible();

  // Forgotten passphrase: the recovery code opens the data and sets a new passphrase.
  await host.restart();
  await page.goto(host.url);
  await page.getByTestId('unlock-use-recovery').click();
  await page.getByTestId('recover-code').fill(code);
  await page.getByTestId('recover-next').fill('a new passphrase 2026');
  await page.getByTestId('recover-confirm').fill('a new passphrase 2026');
  await page.getByTestId('recover-submit').click();
  const newCode = (await page.getByTestId('recovery-code').textContent()) ?? '';
  expect(newCode).not.toBe(code);
  await page.getByTestId('recovery-written').check();
  await page.getByTestId('recovery-continue').click();
  await page.getByTestId('nav-clients').click();
  await expect(page.getByTestId('client-row').filter({ hasText: CLIENT })).toBeVisible();

  await host.restart();
  await page.goto(host.url);
  await unlock(page, 'a new passphrase 2026');
  await expect(page.getByTestId('nav-clients')).toBeVisible();
  expect(host.log()).not.toContain(newCode);
});

test('the recovery code can be copied, and printing shows the code sheet alone', async ({ page, host, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  await page.goto(host.url);
  await page.getByTestId('setup-passphrase').fill(PASSPHRASE);
  await page.getByTestId('setup-confirm').fill(PASSPHRASE);
  await page.getByTestId('setup-submit').click();
  const code = (await page.getByTestId('recovery-code').textContent()) ?? '';
  expect(code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);

  await page.getByTestId('recovery-copy').click();
  await expect(page.getByTestId('recovery-copy-status')).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // The system print dialog is outside the app: count the calls instead of opening it.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await page.getByTestId('recovery-print').click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  const sheet = page.getByTestId('recovery-print-sheet');
  await expect(sheet).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText(code);
  await expect(page.getByTestId('recovery-card')).toBeHidden();
  // Nothing else of the page is laid out: the sheet is the body's only visible child.
  const shown = await page.evaluate(
    () =>
      [...document.body.children].filter(
        (el) => (el as HTMLElement).offsetParent !== null || el.getClientRects().length > 0,
      ).length,
  );
  expect(shown).toBe(1);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('recovery-card')).toBeVisible();
});
