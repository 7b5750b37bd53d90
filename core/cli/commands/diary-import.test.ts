import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test-utils/temp-dir.ts';
import { runCli } from '../run-for-test.ts';

/** `bioai log import` through the real CLI, on a real encrypted data folder. */

const env = { BIOAI_PASSPHRASE: 'cli passphrase 123' };
const fixtures = path.resolve(import.meta.dirname, '../../log/diary-import/fixtures');

afterEach(() => vi.restoreAllMocks());

/** A data folder with one client, and a runner for commands on it. */
async function folderWithClient() {
  const dir = tempDir();
  const at = (...args: string[]) => runCli(['--data-dir', dir, ...args], env);
  expect((await at('init')).code).toBe(0);
  const add = await at(
    'clients',
    'add',
    '--name',
    'Lena Import',
    '--sex',
    'female',
    '--birth-date',
    '1992-05-05',
    '--height-cm',
    '170',
    '--weight-kg',
    '64',
    '--activity',
    'active',
  );
  expect(add.code).toBe(0);
  return { dir, at };
}

const servings = path.join(fixtures, 'cronometer-servings.csv');

describe('bioai log import', () => {
  it('previews a Cronometer export, imports it once, and skips it the second time', async () => {
    const { dir, at } = await folderWithClient();
    const preview = path.join(dir, 'preview.csv');
    const dry = await at(
      'log',
      'import',
      servings,
      '--client',
      'Lena Import',
      '--format',
      'cronometer',
      '--dry-run',
      '--preview-out',
      preview,
    );
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(
      'cronometer-servings.csv: 5 rows read; 3 rows matched to a database food, 2 rows to keep as reported, 0 already imported.',
    );
    expect(dry.out).toContain('row 2  2026-03-01 08:05  Bananas, raw, 1 medium  → Bananas, raw');
    expect(fs.statSync(preview).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(preview, 'utf8')).toContain('Fictional Lentil Wrap (homemade)');

    const first = await at('log', 'import', servings, '--client', 'Lena Import', '--format', 'cronometer');
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      'Imported 5 entries for Lena Import (3 matched, 2 as reported); 0 already imported were skipped.',
    );
    const again = await at('log', 'import', servings, '--client', 'Lena Import', '--format', 'cronometer', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ committed: true, imported: 0, alreadyImported: 5 });
  }, 180_000); // five CLI runs, each unlocking with the real key derivation: longer on a busy 2-core machine

  it('refuses a file with a bad row whole, a file of another format, and an unknown format', async () => {
    const { dir, at } = await folderWithClient();
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      'Day,Time,Group,Food Name,Amount,Energy (kcal)\n2026-04-01,8:00 AM,Breakfast,Toast,1.00 slice,80\n2026-04-01,9:00 AM,Breakfast,Jam,1.00 tbsp,lots\n',
    );
    const refused = await at('log', 'import', bad, '--client', 'Lena Import', '--format', 'cronometer');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('bad.csv row 3: Energy (kcal): "lots" is not a number');
    expect(refused.err).toContain('1 row cannot be read: nothing was imported.');

    const wrong = await at('log', 'import', servings, '--client', 'Lena Import', '--format', 'mfp');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('cronometer-servings.csv is not a MyFitnessPal nutrition export');
    const unknown = await at('log', 'import', servings, '--client', 'Lena Import', '--format', 'loseit');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--format must be one of cronometer, mfp, ont');
  }, 180_000);
});
