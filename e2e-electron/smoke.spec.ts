import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * First run of the real desktop app on a fresh data folder: choose a passphrase, create a client,
 * find it in the list. Also checks from inside the page that the renderer has no Node and that the
 * bridge exposes only the contract's named functions.
 */
const root = path.resolve(import.meta.dirname, '..');

let dataRoot: string;
let app: ElectronApplication | undefined;

test.beforeEach(() => {
  if (!fs.existsSync(path.join(root, 'out', 'main', 'index.js'))) {
    throw new Error('out/main/index.js is missing: run `npx electron-vite build` first (npm run test:electron does).');
  }
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-electron-'));
});

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  fs.rmSync(dataRoot, { recursive: true, force: true });
});

test('first run: set a passphrase, create a client, see it in the list', async () => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  // The built renderer, not a dev server; and a data folder and Chromium profile of this test's own,
  // so neither the practitioner's data nor their keychain copy of the key is touched.
  delete env['ELECTRON_RENDERER_URL'];
  env['BIOAI_DATA_DIR'] = path.join(dataRoot, 'data');
  env['BIOAI_PROFILE_DIR'] = path.join(dataRoot, 'profile');

  // The repo root is the app: package.json "main" is out/main/index.js, and its name and version
  // are what app.getVersion() and userData use. Chromium refuses its sandbox when run as root.
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  app = await electron.launch({ args: [...(isRoot ? ['--no-sandbox'] : []), root], cwd: root, env });
  const page = await app.firstWindow();

  // The page is isolated: no Node, and only named contract functions on the bridge.
  const surface = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    namespaces: Object.keys(window.bioai ?? {}).sort(),
    create: typeof window.bioai?.clients.create,
  }));
  expect(surface.require).toBe('undefined');
  expect(surface.process).toBe('undefined');
  expect(surface.namespaces).toEqual(['app', 'audit', 'clients', 'on', 'session', 'settings', 'targets']);
  expect(surface.create).toBe('function');

  await page.getByTestId('setup-passphrase').fill('correct horse battery staple');
  await page.getByTestId('setup-confirm').fill('correct horse battery staple');
  await page.getByTestId('setup-submit').click();
  // The recovery code is shown once, and must be confirmed before going on.
  await page.getByTestId('recovery-written').check();
  await page.getByTestId('recovery-continue').click();

  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-new').click();
  await page.getByTestId('field-name').fill('Ada Lovelace');
  await page.getByTestId('client-save').click();

  await page.getByTestId('nav-clients').click();
  await expect(page.getByTestId('client-row').filter({ hasText: 'Ada Lovelace' })).toHaveCount(1);

  // The data landed in the test's folder, encrypted (no SQLite header).
  const db = path.join(dataRoot, 'data', 'bioai.db');
  expect(fs.existsSync(db)).toBe(true);
  expect(fs.readFileSync(db).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
});
