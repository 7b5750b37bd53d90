/**
 * Takes the README screenshot: a browser host on a throw-away data folder with fictional clients,
 * the client page opened in Debian's Chromium. Usage: node scripts/screenshot.ts [out.png]
 * (build the renderer first: npx vite build --config renderer/vite.config.ts).
 */
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../core/app.ts';
import { startBrowserHost } from '../core/host/http.ts';
import { silentLogger } from '../core/logging/log.ts';
import { chromiumLaunchOptions } from '../core/util/chromium.ts';

const out = path.resolve(process.argv[2] ?? 'docs/screenshot.png');
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-shot-'));
const core = createCore({ dataDir, host: 'browser', log: silentLogger });
const host = await startBrowserHost({ core, staticDir: path.join(root, 'out', 'renderer'), log: silentLogger });
const call = async (method: string, input: unknown): Promise<{ id?: string }> => {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.message}`);
  return r.data as { id?: string };
};
try {
  await call('session.setup', { passphrase: 'screenshot passphrase' });
  await call('settings.update', { practitionerName: 'Dr. Example' });
  const people = [
    {
      name: 'Ana Example',
      sex: 'female',
      birthDate: '1988-04-12',
      heightCm: 164,
      weightKg: 61,
      activityLevel: 'active',
      dietPattern: 'vegan',
      allergies: ['peanut'],
      tags: ['sports'],
    },
    {
      name: 'Bruno Sample',
      sex: 'male',
      birthDate: '1975-09-30',
      heightCm: 181,
      weightKg: 92,
      activityLevel: 'sedentary',
      tags: ['weight management'],
    },
    {
      name: 'Carla Placeholder',
      sex: 'female',
      birthDate: '1996-01-20',
      heightCm: 170,
      weightKg: 66,
      lifeStage: 'pregnant',
      lifeStageDetail: 2,
      dietPattern: 'vegetarian',
    },
  ];
  const ids: string[] = [];
  for (const p of people) ids.push((await call('clients.create', p)).id ?? '');
  await call('targets.set', { clientId: ids[0], overrides: { proteinG: 90 }, note: 'Endurance training block' });

  const browser = await chromium.launch(chromiumLaunchOptions());
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(host.openUrl);
  await page.getByTestId('client-row').first().waitFor();
  await page.getByTestId('client-row').filter({ hasText: 'Ana Example' }).click();
  await page.getByTestId('targets-table').waitFor();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: false });
  await browser.close();
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await host.close();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
