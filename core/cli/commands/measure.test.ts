import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-utils/temp-dir.ts';
import { localIsoDate } from '../../util/clock.ts';
import { runCli as run } from '../run-for-test.ts';

/** `bioai measure add` and `bioai measure list` through main(), over a real data folder. */

const PASS = 'cli passphrase 123';

describe('bioai measure', () => {
  it('records weights (kg, lb, dated or today), blood pressure and lists them; refuses bad input with the reason', async () => {
    const dir = tempDir();
    const env = { BIOAI_PASSPHRASE: PASS };
    const base = ['--data-dir', dir];
    await run([...base, 'init'], env);
    await run([...base, 'clients', 'add', '--name', 'Mia Measured', '--sex', 'female'], env);
    const add = (...args: string[]) => run([...base, 'measure', 'add', '--client', 'Mia Measured', ...args], env);

    const first = await add('--kind', 'weight', '--value', '72.4', '--date', '2026-01-05');
    expect(first).toMatchObject({ code: 0, out: 'Recorded Weight 72.4 kg for Mia Measured on 2026-01-05.' });
    const lb = await add('--kind', 'weight', '--value', '158', '--unit', 'lb');
    const today = localIsoDate(Date.now());
    expect(lb).toMatchObject({ code: 0, out: `Recorded Weight 158 lb for Mia Measured on ${today}.` });
    const bp = await add('--kind', 'blood-pressure', '--value', '128', '--value2', '82', '--date', '2026-01-05');
    expect(bp.out).toBe('Recorded Blood pressure 128/82 mmHg for Mia Measured on 2026-01-05.');

    const list = await run([...base, 'measure', 'list', '--client', 'Mia Measured'], env);
    expect(list.code).toBe(0);
    expect(list.out.split('\n')).toEqual([
      `${today}  ·  Weight  ·  158 lb`,
      '2026-01-05  ·  Blood pressure  ·  128/82 mmHg',
      '2026-01-05  ·  Weight  ·  72.4 kg',
    ]);
    const json = await run([...base, 'measure', 'list', '--client', 'Mia Measured', '--kind', 'weight', '--json'], env);
    const weights = JSON.parse(json.out) as { value: number }[];
    expect(weights.map((w) => Math.round(w.value * 1000) / 1000)).toEqual([71.668, 72.4]);

    const badUnit = await add('--kind', 'weight', '--value', '72', '--unit', 'stone');
    expect(badUnit.code).not.toBe(0);
    expect(badUnit.err).toContain('Weight is entered in kg or lb, not "stone".');
    const badKind = await add('--kind', 'mood', '--value', '3');
    expect(badKind.code).toBe(2);
    expect(badKind.err).toContain('Unknown measurement kind "mood".');
    const badDate = await add('--kind', 'weight', '--value', '72', '--date', '2026-02-30');
    expect(badDate.code).not.toBe(0);
    const after = await run([...base, 'measure', 'list', '--client', 'Mia Measured', '--json'], env);
    expect(JSON.parse(after.out)).toHaveLength(3);
  });
});
