import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './core/util/chromium.ts';

/**
 * End-to-end tests drive the real app in Debian's Chromium through the browser host (the Electron
 * binary cannot be downloaded here; e2e-electron/ has the same journey for machines that have it).
 * Each test starts its own host on a fresh data folder (e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'e2e',
  // Generous limits: CI may run beside another job on two cores, where first-time setup (scrypt, the
  // bundled food table) and Chromium are several times slower than on an idle machine.
  timeout: 240_000,
  // An expectation may wait on the production scrypt (set-up, unlock) beside another job: a minute.
  expect: { timeout: 60_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  outputDir: 'test-results',
  // After the whole run: every log the hosts (and specs) wrote under test-results/logs/ must be free of
  // the seeded clients' names, e-mails and phone numbers.
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] },
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
