import type { Page } from '@playwright/test';
import fs from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { createLogger } from '../core/logging/log.ts';
import { startTestServer } from '../server/test-utils/server.ts';
import { expect, launchHost, logFileFor, test } from './fixtures.ts';
import { createClient, fillFields, setPassphrase } from './pages.ts';

/**
 * Settings → Sync against a real sync server (Hono over an embedded PostgreSQL), one per file:
 * the tests of this file run in order in one worker and share it.
 */
test.describe.configure({ mode: 'default' });

let server: Awaited<ReturnType<typeof startTestServer>>;

test.beforeAll(async () => {
  test.setTimeout(240_000); // the first embedded PostgreSQL initialises its cluster
  // The server's log goes with the app's logs into the end-of-run scan for client names and contacts.
  const logFile = logFileFor('sync-server');
  server = await startTestServer({
    log: createLogger((line) => fs.appendFileSync(logFile, `${line}\n`), 'info', 'sync-server'),
  });
});

test.afterAll(async () => {
  await server?.close();
});

async function openSync(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('sync-section')).toBeVisible();
}

interface Practice {
  practiceName: string;
  displayName: string;
  email: string;
  password: string;
  passphrase: string;
}

async function createPractice(page: Page, p: Practice, deviceName: string): Promise<void> {
  await page.getByTestId('sync-tab-create').click();
  await fillAccount(page, { serverUrl: server.url, ...p, deviceName });
  await fillFields(page, {
    'sync-practice-name': p.practiceName,
    'sync-display-name': p.displayName,
    'sync-practice-passphrase-confirm': p.passphrase,
  });
  await page.getByTestId('sync-create-practice').click();
  await expect(page.getByTestId('sync-status')).toContainText(p.practiceName);
}

interface Account {
  serverUrl: string;
  email: string;
  password: string;
  passphrase: string;
  deviceName: string;
}

/** The fields creating a practice and signing in share. */
async function fillAccount(page: Page, a: Account): Promise<void> {
  await fillFields(page, {
    'sync-server-url': a.serverUrl,
    'sync-email': a.email,
    'sync-password': a.password,
    'sync-practice-passphrase': a.passphrase,
    'sync-device-name': a.deviceName,
  });
}

async function signIn(page: Page, input: Account): Promise<void> {
  await page.getByTestId('sync-tab-sign-in').click();
  await fillAccount(page, input);
  await page.getByTestId('sync-sign-in').click();
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

test('a client added on one computer reaches a colleague’s computer through the practice server', async ({
  app: { page },
  browser,
}) => {
  const practice: Practice = {
    practiceName: 'Harbour Nutrition',
    displayName: 'Dana Dietitian',
    email: 'dana@harbour.example',
    password: 'correct horse battery',
    passphrase: 'shared practice secret 42',
  };

  // Computer A: create the practice, add a client, sync.
  await openSync(page);
  await expect(page.getByTestId('sync-section')).toContainText('never leaves this computer');
  await createPractice(page, practice, 'Front desk');
  await expect(page.getByTestId('sync-last-sync')).toHaveText('Last sync: Never');
  await createClient(page, { name: 'Ada Example' });
  await openSync(page);
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-last-result')).toContainText(/Sent \d+ change/);
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
  await expect(page.getByTestId('sync-pending')).toHaveText('Everything is sent');
  await expect(page.getByTestId('sync-last-sync')).toHaveText('Last sync: just now');

  // Computer B: its own data folder and host, signed in to the same practice.
  const hostB = await launchHost();
  const context = await browser.newContext();
  try {
    const pageB = await context.newPage();
    await pageB.goto(hostB.url);
    await setPassphrase(pageB, 'another local passphrase');
    await openSync(pageB);
    await signIn(pageB, {
      serverUrl: server.url,
      email: practice.email,
      password: practice.password,
      passphrase: practice.passphrase,
      deviceName: 'Consulting room',
    });
    await expect(pageB.getByTestId('sync-status')).toContainText(practice.practiceName);
    await expect(pageB.getByTestId('sync-status')).toContainText('Consulting room');
    await pageB.getByTestId('sync-now').click();
    await expect(pageB.getByTestId('sync-last-result')).toContainText(/Received \d+ row/);
    await expect(pageB.getByTestId('sync-result-changed')).toContainText('1 client');
    await pageB.getByTestId('nav-clients').click();
    await expect(pageB.getByTestId('client-row').filter({ hasText: 'Ada Example' })).toBeVisible();
    // The name crossed the server encrypted: computer B's host never logged it either.
    expect(hostB.log()).not.toContain('Ada Example');
  } finally {
    await context.close();
    await hostB.dispose();
  }
});

test('a wrong practice passphrase and an unreachable server are named; sign out asks first', async ({
  app: { page },
}) => {
  const practice: Practice = {
    practiceName: 'Lighthouse Clinic',
    displayName: 'Lee Practitioner',
    email: 'lee@lighthouse.example',
    password: 'a long account password',
    passphrase: 'lighthouse practice key',
  };
  await openSync(page);

  // The confirmation must match; the form says so on the field without calling the server.
  await page.getByTestId('sync-tab-create').click();
  await page.getByTestId('sync-practice-passphrase').fill('one passphrase here');
  await page.getByTestId('sync-practice-passphrase-confirm').fill('another passphrase');
  await page.getByTestId('sync-create-practice').click();
  await expect(page.getByText('The practice passphrase and its confirmation differ.')).toBeVisible();
  await page.reload();
  await openSync(page);

  await createPractice(page, practice, 'Laptop');
  await createClient(page, { name: 'Unsent Client' });
  await openSync(page);
  await expect(page.getByTestId('sync-pending')).toContainText('waiting to be sent');

  // Signing out with unsent changes asks again before leaving them behind.
  await page.getByTestId('sync-sign-out').click();
  await page.getByTestId('sync-sign-out-confirm').click();
  await expect(page.getByTestId('sync-sign-out-error')).toContainText('have not reached the server');
  await page.getByTestId('sync-sign-out-anyway').click();
  await expect(page.getByTestId('sync-sign-in')).toBeVisible();

  const attempt = { email: practice.email, password: practice.password, deviceName: 'Laptop' };
  await signIn(page, { ...attempt, serverUrl: server.url, passphrase: 'not the practice passphrase' });
  await expect(page.getByTestId('sync-error')).toContainText('Wrong practice passphrase');
  await expect(page.getByTestId('sync-error')).toContainText('does not open this practice');

  const port = await closedPort();
  await signIn(page, { ...attempt, serverUrl: `http://127.0.0.1:${port}`, passphrase: practice.passphrase });
  await expect(page.getByTestId('sync-error')).toContainText('cannot be reached', { timeout: 30_000 });
  await expect(page.getByTestId('sync-status')).toHaveCount(0);
});
