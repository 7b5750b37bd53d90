import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { createClient, unlock } from './pages.ts';

const PASSPHRASE = 'cracked teapot 2026!';
test.use({ passphrase: PASSPHRASE });
const CLIENTS = ['Octavia Salvage-Example', 'Bartholomew Salvage-Example'];

/** Overwrites 64 bytes inside page 1 of the encrypted database (past its salt): its HMAC no longer verifies. */
function damagePageOne(dataDir: string): void {
  const fd = fs.openSync(path.join(dataDir, 'bioai.db'), 'r+');
  fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, 2000);
  fs.closeSync(fd);
}

test('a damaged database gets its own screen: the passphrase is not blamed, salvage shows its report, and the data comes back', async ({
  app: { page, host },
}) => {
  for (const name of CLIENTS) await createClient(page, { name, sex: 'Female', heightCm: 168, weightKg: 62 });
  await page.getByTestId('header-lock').click();
  await expect(page.getByTestId('unlock-passphrase')).toBeVisible();

  damagePageOne(host.dataDir);
  await host.restart();
  await page.goto(host.url);

  // A wrong passphrase is still called wrong; the right one leads to the damaged-database screen.
  await unlock(page, 'not the passphrase');
  await expect(page.getByTestId('unlock-error')).toContainText('Wrong passphrase');
  await unlock(page, PASSPHRASE);
  const screen = page.getByTestId('damaged-screen');
  await expect(screen).toContainText('The database file is damaged');
  await expect(screen).toContainText('not a wrong passphrase');
  await expect(screen).toContainText('Salvage');
  await expect(screen).toContainText('Restore the latest backup');

  // The damaged state survives a restart of the host.
  await host.restart();
  await page.goto(host.url);
  await expect(page.getByTestId('damaged-screen')).toBeVisible();
  await expect(page.getByTestId('damaged-empty')).toBeDisabled();

  await page.getByTestId('damaged-passphrase').fill(PASSPHRASE);
  await page.getByTestId('damaged-salvage').click();
  const report = page.getByTestId('damaged-report');
  await expect(report).toContainText('What the salvage recovered');
  await expect(report.getByRole('row', { name: /^Clients 2 0$/ })).toBeVisible();
  await page.getByTestId('damaged-use-salvage').click();

  await page.getByTestId('nav-clients').click();
  for (const name of CLIENTS) await expect(page.getByTestId('client-row').filter({ hasText: name })).toBeVisible();
  // The damaged original is kept beside the new database.
  expect(fs.readdirSync(host.dataDir).some((f) => f.startsWith('bioai.db.damaged-'))).toBe(true);
});
