import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../test-utils/pdf-text.ts';
import { tempDir } from '../../test-utils/temp-dir.ts';
import { localIsoDate } from '../../util/clock.ts';
import { runCli as run } from '../run-for-test.ts';

/** `bioai visit add|list|overdue|pdf` through main(), over a real data folder (the PDF printed by Chromium). */

const PASS = 'cli passphrase 123';

describe('bioai visit', () => {
  it('records visits, lists them, lists overdue follow-ups, prints one; refuses bad input with the reason', async () => {
    const dir = tempDir();
    const env = { BIOAI_PASSPHRASE: PASS };
    const base = ['--data-dir', dir];
    await run([...base, 'init'], env);
    await run([...base, 'clients', 'add', '--name', 'Vic Visited', '--sex', 'male'], env);
    const add = (...args: string[]) => run([...base, 'visit', 'add', '--client', 'Vic Visited', ...args], env);

    const first = await add(
      '--type',
      'first',
      '--date',
      '2026-01-05',
      '--duration',
      '60',
      '--next',
      '2026-02-02',
      '--assessment',
      'Skips breakfast.',
      '--intervention',
      'Breakfast daily.',
    );
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^Recorded a first visit for Vic Visited on 2026-01-05, next follow-up 2026-02-02 \(.+\)\.$/,
    );
    const today = localIsoDate(Date.now());
    const phone = await add('--type', 'phone', '--format', 'soap', '--subjective', 'Going well.', '--json');
    expect(phone.code).toBe(0);
    const phoneVisit = JSON.parse(phone.out) as {
      id: string;
      date: string;
      note: { format: string; subjective: string };
    };
    expect(phoneVisit).toMatchObject({ date: today, note: { format: 'soap', subjective: 'Going well.' } });

    const list = await run([...base, 'visit', 'list', '--client', 'Vic Visited', '--json'], env);
    const visits = JSON.parse(list.out) as { id: string; date: string }[];
    expect(visits.map((v) => v.date)).toEqual([today, '2026-01-05']);
    const text = await run([...base, 'visit', 'list', '--client', 'Vic Visited'], env);
    expect(text.out.split('\n')[1]).toBe(
      `2026-01-05  ·  First visit  ·  60 min  ·  next 2026-02-02  ·  ${visits[1]?.id}`,
    );

    // The latest visit (today's call) has no follow-up date: nothing is overdue, and a visit recorded now
    // but dated earlier does not become the latest.
    expect((await run([...base, 'visit', 'overdue'], env)).out).toBe('No follow-ups are overdue.');
    await run([...base, 'visit', 'add', '--client', 'Vic Visited', '--type', 'first', '--date', '2026-01-01'], env);
    expect((await run([...base, 'visit', 'overdue'], env)).out).toBe('No follow-ups are overdue.');

    const refusedType = await add('--type', 'walk-in');
    expect(refusedType.code).toBe(2);
    expect(refusedType.err).toContain('Unknown visit type "walk-in"');
    const refusedSection = await add('--type', 'first', '--format', 'adime', '--plan', 'x');
    expect(refusedSection.code).toBe(2);
    expect(refusedSection.err).toContain('The ADIME note has no plan section');
    const refusedNext = await add('--type', 'first', '--date', '2026-01-05', '--next', '2026-01-01');
    expect(refusedNext.code).not.toBe(0);
    expect(refusedNext.err).toContain('The next follow-up (2026-01-01) is before the visit (2026-01-05).');
    const after = await run([...base, 'visit', 'list', '--client', 'Vic Visited', '--json'], env);
    expect(JSON.parse(after.out)).toHaveLength(3);

    const file = path.join(tempDir(), 'visit.pdf');
    const pdf = await run(
      [...base, 'visit', 'pdf', visits[1]!.id, '--out', file, '--audience', 'doctor', '--to', 'Dr Lee'],
      env,
    );
    expect(pdf.code).toBe(0);
    expect(pdf.out).toMatch(/^Wrote the visit letter to .*visit\.pdf \(1 page, [\d,]+ bytes\)\.$/);
    const printed = pdfText(fs.readFileSync(file)).replace(/\s+/g, ' ');
    expect(printed).toContain('Visit summary for Dr Lee');
    expect(printed).toContain('Skips breakfast.');
    const noOut = await run([...base, 'visit', 'pdf', visits[1]!.id], env);
    expect(noOut.code).toBe(2);
  });

  it('lists the clients whose follow-up date has passed', async () => {
    const dir = tempDir();
    const env = { BIOAI_PASSPHRASE: PASS };
    const base = ['--data-dir', dir];
    await run([...base, 'init'], env);
    await run([...base, 'clients', 'add', '--name', 'Ola Overdue'], env);
    await run(
      [
        ...base,
        'visit',
        'add',
        '--client',
        'Ola Overdue',
        '--type',
        'first',
        '--date',
        '2026-01-05',
        '--next',
        '2026-02-02',
      ],
      env,
    );
    const days = Math.round(
      (Date.parse(`${localIsoDate(Date.now())}T00:00:00Z`) - Date.parse('2026-02-02T00:00:00Z')) / 86_400_000,
    );
    const overdue = await run([...base, 'visit', 'overdue'], env);
    expect(overdue.out).toBe(`Ola Overdue  ·  due 2026-02-02 (${days} days overdue)  ·  last visit 2026-01-05`);
  });
});
