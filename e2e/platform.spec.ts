import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { createClient, unlock } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

const PASSPHRASE = 'tomato basil 2026!';
const CLIENT = CLIENTS.beatriz.name;

/** Mifflin-St Jeor × 1.375 (low-active, the form's default) for a woman of 168 cm born 1991-06-15. */
function expectedKcal(weightKg: number): string {
  const today = new Date();
  const birthday = new Date(today.getFullYear(), 5, 15);
  const age = today.getFullYear() - 1991 - (today < birthday ? 1 : 0);
  const bmr = 10 * weightKg + 6.25 * 168 - 5 * age - 161;
  return Math.round(bmr * 1.375).toLocaleString('en-US');
}

test('first launch → passphrase → client → targets → edit → restart → unlock → still there; file is encrypted', async ({
  app: { page, host },
}) => {
  await createClient(page, { name: CLIENT, birthDate: '1991-06-15', sex: 'Female', heightCm: 168, weightKg: 64 });
  await expect(page.getByTestId('targets-table')).toBeVisible();
  await expect(page.getByTestId('target-value-energyKcal')).toContainText(expectedKcal(64));
  await expect(page.getByTestId('target-value-ironMg')).toContainText('18');

  // Edit the profile: the targets follow the new weight.
  await page.getByTestId('client-edit').click();
  await page.getByTestId('field-weightKg').fill('70');
  await page.getByTestId('client-save').click();
  await expect(page.getByTestId('target-value-energyKcal')).toContainText(expectedKcal(70));

  // Override one target; it is marked and kept in the history.
  await page.getByTestId('targets-edit').click();
  await page.getByTestId('override-fibreG').fill('32');
  await page.getByTestId('targets-save').click();
  await expect(page.getByTestId('target-value-fibreG')).toContainText('32');
  await expect(page.getByTestId('target-row-fibreG')).toContainText('Your value');

  // Restart the host: a new launch is locked and needs the passphrase again.
  await host.restart();
  await page.goto(host.url);
  await unlock(page, PASSPHRASE);
  await page.getByTestId('nav-clients').click();
  const row = page.getByTestId('client-row').filter({ hasText: CLIENT });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('client-name')).toHaveText(CLIENT);
  await expect(page.getByTestId('target-value-energyKcal')).toContainText(expectedKcal(70));
  await expect(page.getByTestId('target-value-fibreG')).toContainText('32');

  // What is on disk: no SQLite header and no plaintext of the client's name, in any file.
  await host.stop();
  // Every file in the data folder, sub-folders included (user rules, custom models).
  const files = (fs.readdirSync(host.dataDir, { recursive: true }) as string[])
    .map((f) => path.join(host.dataDir, f))
    .filter((f) => fs.statSync(f).isFile());
  const db = fs.readFileSync(path.join(host.dataDir, 'bioai.db'));
  expect(db.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(CLIENT), `${path.basename(file)} holds the name in plaintext`).toBe(false);
    expect(bytes.includes('Quintanilha'), `${path.basename(file)} holds the name in plaintext`).toBe(false);
  }
  expect(host.log()).not.toContain('Quintanilha');
});

test('a wrong passphrase says so and keeps the data locked', async ({ app: { page, host } }) => {
  await createClient(page, { name: CLIENT });
  await host.restart();
  await page.goto(host.url);
  await unlock(page, 'not my passphrase');
  await expect(page.getByTestId('unlock-error')).toContainText('Wrong passphrase, or not a BioAI Nutrition database.');
  await expect(page.getByTestId('nav-clients')).toBeHidden();
  // The right one still works afterwards.
  await unlock(page, PASSPHRASE);
  await expect(page.getByTestId('client-row').filter({ hasText: CLIENT })).toBeVisible();
});

test('validation messages appear beside the field, and delete asks first', async ({ app: { page } }) => {
  await page.getByTestId('client-new').click();
  await page.getByTestId('field-name').fill(CLIENTS.carlos.name);
  await page.getByTestId('field-email').fill(CLIENTS.carlos.invalidEmail);
  await page.getByTestId('client-save').click();
  // The message is attached to the field itself (its accessible description), not only in a banner.
  await expect(page.getByTestId('field-email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('field-email')).toHaveAccessibleDescription(/Not a valid e-mail address\./);
  await page.getByTestId('field-email').fill(CLIENTS.carlos.email);
  await page.getByTestId('client-save').click();
  await expect(page.getByTestId('client-name')).toHaveText(CLIENTS.carlos.name);

  await page.getByTestId('client-delete').click();
  await page.getByRole('button', { name: /cancel/i }).click();
  await expect(page.getByTestId('client-name')).toHaveText(CLIENTS.carlos.name);
  await page.getByTestId('client-delete').click();
  await page.getByTestId('client-delete-confirm').click();
  await expect(page.getByTestId('client-row')).toHaveCount(0);
});

test('an unattended app locks by itself after the idle time chosen in Settings', async ({ app: { page, host } }) => {
  // The page's clock is the one thing faked: 16 minutes pass without waiting for them.
  await page.clock.install();
  await page.goto(host.url);
  await expect(page.getByTestId('nav-clients')).toBeVisible();
  await page.clock.fastForward('14:00');
  await expect(page.getByTestId('nav-clients')).toBeVisible();
  await page.clock.fastForward('02:00');
  await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
  await unlock(page, PASSPHRASE);
  await expect(page.getByTestId('nav-clients')).toBeVisible();

  // "Never" keeps it open.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-auto-lock').click();
  await page.getByRole('option', { name: 'Never' }).click();
  await expect(page.getByTestId('settings-auto-lock')).toHaveValue('Never');
  await page.clock.fastForward('02:00:00');
  await expect(page.getByTestId('nav-clients')).toBeVisible();
});
