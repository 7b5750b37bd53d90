import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { choose, unlock } from './pages.ts';

const PASSPHRASE = 'long list passphrase 7';
test.use({ passphrase: PASSPHRASE });
const COUNT = 130;
const name = (i: number): string => `Listed Person ${String(i).padStart(3, '0')}`;

/** Adds clients through the host's API, as the interface does, with this launch's access token. */
async function addClients(page: Page, url: string, count: number): Promise<void> {
  const token = new URL(url).hash.replace(/^#token=/, '');
  const made = await page.evaluate(
    async ({ count, prefix, token }) => {
      let ok = 0;
      for (let i = 0; i < count; i++) {
        const res = await fetch('/api/rpc/clients.create', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `${prefix}${String(i).padStart(3, '0')}`,
            sex: i % 2 ? 'male' : 'female',
            birthDate: `${1950 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
            heightCm: 150 + (i % 40),
            weightKg: 50 + (i % 45),
          }),
        });
        const answer = (await res.json()) as { ok: boolean; message?: string };
        if (!answer.ok) return answer.message ?? 'failed';
        ok++;
      }
      return ok;
    },
    { count, prefix: 'Listed Person ', token },
  );
  expect(made).toBe(count);
}

test('a long client list: every row arrives, in order; search, sort and the keyboard still work', async ({
  app: { page, host },
}) => {
  await addClients(page, host.url, COUNT);

  await host.restart();
  await page.goto(host.url);
  await unlock(page, PASSPHRASE);
  const rows = page.getByTestId('client-row');
  await expect(rows.first()).toContainText(name(0));
  // The first rows come at once and the rest follow: all of them, in the list's order.
  await expect(rows).toHaveCount(COUNT);
  await expect(page.getByTestId('clients-table')).toHaveAttribute('data-complete', 'true');
  await expect(page.getByTestId('clients-table')).toHaveAttribute('aria-busy', 'false');
  await expect(rows.nth(COUNT - 1)).toContainText(name(COUNT - 1));
  const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('aria-label')));
  expect(names).toEqual(Array.from({ length: COUNT }, (_, i) => `Open ${name(i)}`));

  // Search narrows the list (a new, short list); clearing it brings every row back.
  await page.getByTestId('clients-search').fill('Person 129');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(name(129));
  await page.getByTestId('clients-search').fill('');
  await expect(rows).toHaveCount(COUNT);

  // Another sort is a new list too: still every row.
  await choose(page, 'clients-sort', 'Newest');
  await expect(rows.first()).toContainText(name(COUNT - 1));
  await expect(rows).toHaveCount(COUNT);

  // A row far down the list opens with the keyboard.
  const far = rows.filter({ hasText: name(5) });
  await far.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('client-name')).toHaveText(name(5));
});

test('the app is drawn ahead, hidden, behind the unlock screen, and a lock leaves no client data in the page', async ({
  app: { page, host },
}) => {
  await addClients(page, host.url, 3);
  await host.restart();
  await page.goto(host.url);

  // Locked: the shell is already in the page for a fast unlock, but hidden and without any client.
  await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
  await expect(page.getByTestId('nav-clients')).toBeAttached();
  await expect(page.getByTestId('nav-clients')).toBeHidden();
  expect(await page.content()).not.toContain('Listed Person');

  await unlock(page, PASSPHRASE);
  const rows = page.getByTestId('client-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(name(0));

  // Opening a client, then locking: nothing of the session stays in the page, hidden or not.
  await rows.first().click();
  await expect(page.getByTestId('client-name')).toHaveText(name(0));
  await page.getByTestId('header-lock').click();
  await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
  await expect(page.getByTestId('client-name')).toHaveCount(0);
  expect(await page.content()).not.toContain('Listed Person');

  // And the next unlock shows the page the practitioner was on, with current data.
  await unlock(page, PASSPHRASE);
  await expect(page.getByTestId('client-name')).toHaveText(name(0));
});
