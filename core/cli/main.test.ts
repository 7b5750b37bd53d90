import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test-utils/temp-dir.ts';
import { main } from './main.ts';

const PASS = 'cli passphrase 123';

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(args, (s) => out.push(s));
    return { code, out: out.join('\n'), err: err.join('') };
  } finally {
    spy.mockRestore();
    process.env = saved;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('bioai CLI', () => {
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
