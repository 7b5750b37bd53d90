import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test-utils/temp-dir.ts';
import { localIsoDate } from '../util/clock.ts';
import { runCli } from './run-for-test.ts';

const PASS = 'cli passphrase 123';

const run = runCli;

/** `bioai log add` of `grams` of a food for a client, with the test passphrase. */
const logFor = (dir: string, client: string, food: string, grams: number, date: string) =>
  run(['--data-dir', dir, 'log', 'add', '--client', client, '--food', food, '--grams', String(grams), '--date', date], {
    BIOAI_PASSPHRASE: PASS,
  });

afterEach(() => vi.restoreAllMocks());

/** The modules a `node core/cli/main.ts …` process loads, listed by a resolve hook (relative to the repository). */
function modulesLoaded(args: string[]): string[] {
  const root = path.resolve(import.meta.dirname, '../..');
  const hook =
    "import { registerHooks } from 'node:module'; const seen = new Set();" +
    'registerHooks({ resolve(s, c, next) { const r = next(s, c); seen.add(r.url); return r; } });' +
    "process.on('exit', () => process.stderr.write('MODULES ' + JSON.stringify([...seen]) + '\\n'));";
  const r = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, 'core/cli/main.ts', ...args],
    { cwd: root, encoding: 'utf8' },
  );
  expect(r.status).toBe(0);
  const line = r.stderr.split('\n').find((l) => l.startsWith('MODULES ')) ?? 'MODULES []';
  return (JSON.parse(line.slice('MODULES '.length)) as string[]).map((u) => u.replace(`file://${root}/`, ''));
}

describe('bioai CLI', () => {
  it('answers version and --help without loading the core or any package', () => {
    for (const args of [['version'], ['--help']]) {
      const loaded = modulesLoaded(args);
      expect(loaded).toContain('core/cli/main.ts');
      expect(loaded).not.toContain('core/app.ts');
      expect(loaded.filter((u) => u.includes('node_modules'))).toEqual([]);
      expect(loaded.length).toBeLessThan(20);
    }
  });

  it('sets up a data folder, adds clients and lists them as a table and as JSON', async () => {
    const dir = tempDir();
    const env = { BIOAI_PASSPHRASE: PASS };
    expect((await run(['--data-dir', dir, 'init'], env)).code).toBe(0);
    const add = await run(
      [
        '--data-dir',
        dir,
        'clients',
        'add',
        '--name',
        'Maria Silva',
        '--sex',
        'female',
        '--birth-date',
        '1980-05-01',
        '--height-cm',
        '160',
        '--weight-kg',
        '70',
        '--activity',
        'active',
        '--diet',
        'vegan',
      ],
      env,
    );
    expect(add).toMatchObject({ code: 0 });
    expect(add.out).toMatch(/^Created client Maria Silva \([0-9a-f-]{36}\)$/);
    const table = await run([`--data-dir=${dir}`, 'clients', 'list'], env);
    expect(table.out).toMatch(/NAME\s+AGE\s+SEX\s+DIET/);
    expect(table.out).toMatch(/Maria Silva\s+\d+\s+female\s+vegan/);
    const json = JSON.parse((await run(['--data-dir', dir, 'clients', 'list', '--json'], env)).out) as {
      name: string;
      dietPattern: string;
    }[];
    expect(json).toEqual([expect.objectContaining({ name: 'Maria Silva', dietPattern: 'vegan' })]);
  });

  it('writes errors to stderr with a non-zero exit code', async () => {
    const dir = tempDir();
    const none = await run(['--data-dir', dir, 'clients', 'list'], { BIOAI_PASSPHRASE: PASS });
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/No BioAI Nutrition data in .*Run "bioai init"/);
    await run(['--data-dir', dir, 'init'], { BIOAI_PASSPHRASE: PASS });
    const wrong = await run(['--data-dir', dir, 'clients', 'list'], { BIOAI_PASSPHRASE: 'not it at all' });
    expect(wrong).toMatchObject({ code: 1, out: '' });
    expect(wrong.err).toContain('Wrong passphrase, or not a BioAI Nutrition database.');
    const invalid = await run(['--data-dir', dir, 'clients', 'add', '--name', 'X', '--height-cm', '900'], {
      BIOAI_PASSPHRASE: PASS,
    });
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('Height must be at most 250 cm.');
    expect(
      (
        await run(['--data-dir', dir, 'clients', 'add', '--name', 'X', '--height-cm', 'tall'], {
          BIOAI_PASSPHRASE: PASS,
        })
      ).code,
    ).toBe(2);
    expect((await run(['--data-dir', dir, 'clients', 'add', '--bogus'], { BIOAI_PASSPHRASE: PASS })).code).toBe(2);
    expect((await run(['--data-dir', dir, 'frobnicate'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
  });
});

describe('bioai clients edit and targets (routing, exit codes)', () => {
  it('edits a profile, lists targets and overrides one through main()', async () => {
    const dir = tempDir();
    const env = { BIOAI_PASSPHRASE: PASS };
    await run(['--data-dir', dir, 'init'], env);
    const base = ['--data-dir', dir];
    await run(
      [...base, 'clients', 'add', '--name', 'Rita Runner', '--sex', 'female', '--birth-date', '2006-05-01'],
      env,
    );
    const edit = await run(
      [...base, 'clients', 'edit', 'Rita Runner', '--height-cm', '166', '--weight-kg', '57.5', '--goal', 'sport'],
      env,
    );
    expect(edit).toMatchObject({ code: 0, out: 'Updated Rita Runner: height, weight, goal.' });
    const list = await run([...base, 'targets', '--client', 'Rita Runner', '--json'], env);
    expect(list.code).toBe(0);
    const protein = (JSON.parse(list.out) as { targets: { key: string; value: number }[] }).targets.find(
      (t) => t.key === 'proteinG',
    );
    expect(protein?.value).toBeCloseTo(1.6 * 57.5, 9);
    const set = await run(
      [...base, 'targets', 'override', '--client', 'Rita Runner', '--nutrient', 'iron_mg', '--value', '20'],
      env,
    );
    expect(set.code).toBe(0);
    expect(set.out).toMatch(/^Set iron_mg for Rita Runner to 20 mg from \d{4}-\d{2}-\d{2}\.$/m);
    const wrong = await run([...base, 'clients', 'edit', 'Rita Runner', '--goal', 'fast'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--goal must be one of maintenance, loss, gain, sport (not "fast").');
  });
});

describe('bioai rules', () => {
  it('checks rule files and prints errors as file:line:column with exit code 1', async () => {
    const ok = await run(['rules', 'check']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^\d+ rules OK/m);
    const dir = tempDir();
    const fs = await import('node:fs');
    fs.writeFileSync(
      `${dir}/typo.yaml`,
      [
        'id: typo-rule',
        'title: Typo',
        'version: 1',
        'description: A rule with a typo.',
        'when: features.fibre_g_7d_mean < tragets.fibre_g',
        'then:',
        '  message: Low fibre.',
        '  rationale: Because.',
        '  severity: low',
        '  category: fibre',
        'cooldown_days: 7',
        'expires_in_days: 7',
        'references: [IOM 2005]',
        '',
      ].join('\n'),
    );
    const bad = await run(['rules', 'check', dir]);
    expect(bad.code).toBe(1);
    expect(`${bad.out}\n${bad.err}`).toMatch(/typo\.yaml:5:\d+: .*tragets/);
  });

  it('runs the rules for a client and shows why each fired', async () => {
    const dir = tempDir();
    const env = { BIOAI_PASSPHRASE: PASS };
    await run(['--data-dir', dir, 'init'], env);
    await run(
      [
        '--data-dir',
        dir,
        'clients',
        'add',
        '--name',
        'Vera Vegan',
        '--sex',
        'female',
        '--birth-date',
        '1990-01-01',
        '--height-cm',
        '165',
        '--weight-kg',
        '60',
        '--diet',
        'vegan',
      ],
      env,
    );
    const today = Date.now();
    for (let d = 0; d < 5; d++) {
      const r = await logFor(dir, 'Vera Vegan', 'usda:20045', 600, localIsoDate(today - d * 86_400_000));
      expect(r.code).toBe(0);
    }
    const out = await run(['--data-dir', dir, 'rules', 'run', '--client', 'Vera Vegan', '--json'], env);
    expect(out.code).toBe(0);
    const recs = (
      JSON.parse(out.out) as {
        recommendations: { ruleId: string; suggestions: { tags: string[] }[]; values: Record<string, unknown> }[];
      }
    ).recommendations;
    const fibre = recs.find((r) => r.ruleId === 'fibre-low');
    expect(fibre?.values['features.fibre_g_7d_ratio']).toBeLessThan(0.7);
    expect(fibre?.suggestions.flatMap((s) => s.tags)).not.toContain('animal-product');
  });
});

describe('bioai log add and allergies', () => {
  it('log add refuses a food the client is allergic to, naming the allergen, unless --confirm --reason', async () => {
    const dir = tempDir();
    const env = { BIOAI_PASSPHRASE: PASS };
    await run(['--data-dir', dir, 'init'], env);
    const add = await run(
      ['--data-dir', dir, 'clients', 'add', '--name', 'Petra Peanut', '--allergies', 'Peanut, shellfish'],
      env,
    );
    expect(add.code).toBe(0);
    const log = (...extra: string[]) =>
      run(
        ['--data-dir', dir, 'log', 'add', '--client', 'Petra Peanut', '--food', 'usda:16098', '--grams', '32']
          .concat('--date', '2026-03-10')
          .concat(extra),
        env,
      );
    const refused = await log();
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err).toContain(
      'Peanut butter, smooth style, with salt contains peanut (recorded allergy: "Peanut")',
    );
    expect(refused.err).toContain('--confirm --reason');
    // --confirm alone (the implausible-amount confirmation) is not a reason.
    expect((await log('--confirm')).code).toBe(1);
    expect((await log('--reason', 'cleared')).code).toBe(2);
    const saved = await log('--confirm', '--reason', 'Cleared by allergist in March');
    expect(saved.code).toBe(0);
    expect(saved.out).toMatch(/^Logged 32 g of Peanut butter, smooth style, with salt for Petra Peanut on 2026-03-10/);
    expect(saved.out).toContain('Saved despite the allergy warning');
    const banana = await run(
      ['--data-dir', dir, 'log', 'add', '--client', 'Petra Peanut', '--food', 'usda:09040', '--grams', '100'],
      env,
    );
    expect(banana.code).toBe(0);
  });
});

describe('bioai log add --food by words', () => {
  it('refuses weak or ambiguous words with the candidates, and takes an exact or clearly best match', async () => {
    const dir = tempDir();
    const env = { BIOAI_PASSPHRASE: PASS };
    await run(['--data-dir', dir, 'init'], env);
    await run(['--data-dir', dir, 'clients', 'add', '--name', 'Vera Vegan', '--diet', 'vegan'], env);
    const log = (food: string) => logFor(dir, 'Vera Vegan', food, 200, '2026-03-10');
    // Only baby-food oatmeal made with whole milk contains both words: never logged for "oat milk".
    const oat = await log('oat milk');
    expect(oat).toMatchObject({ code: 1, out: '' });
    expect(oat.err).toContain('No food is clearly named "oat milk"; the closest are:');
    expect(oat.err).toMatch(/usda:\d+ {2}Babyfood, cereal, oatmeal, prepared with whole milk/);
    expect(oat.err).toContain('Nothing was logged.');
    // Two equally good apples: listed, not chosen.
    const apple = await log('apple');
    expect(apple.code).toBe(1);
    expect(apple.err).toContain('"apple" matches several foods equally well:');
    expect(apple.err).toContain('Apples, raw, with skin');
    expect(apple.err).toContain('Apples, raw, without skin');
    // Clearly best, and exact.
    const banana = await log('banana');
    expect(banana).toMatchObject({ code: 0 });
    expect(banana.out).toMatch(/^Logged 200 g of Bananas, raw for Vera Vegan/);
    const exact = await log('Apples, raw, without skin');
    expect(exact.out).toMatch(/^Logged 200 g of Apples, raw, without skin/);
  });
});
