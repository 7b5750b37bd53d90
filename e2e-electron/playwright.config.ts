import { defineConfig } from '@playwright/test';

/**
 * The Electron smoke test (`npm run test:electron`): drives the built app (out/) through Playwright's
 * `_electron`. It needs the Electron binary, which cannot be downloaded on the CI machine; the same
 * journey runs there in Chromium through the browser host (e2e/). One worker: each test launches a
 * whole Electron app.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  outputDir: '../test-results/electron',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
