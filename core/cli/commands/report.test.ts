import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENERGY_FIGURE } from '../../rules/guardrails.ts';
import { tempDir } from '../../test-utils/temp-dir.ts';
import { localIsoDate } from '../../util/clock.ts';
import { runCli } from '../run-for-test.ts';

/** `bioai report` through the real CLI: variants, notes, and eating-disorder-sensitive care in the PDF. */

const env = { BIOAI_PASSPHRASE: 'cli passphrase 123' };

const run = (args: string[]): ReturnType<typeof runCli> => runCli(args, env);

afterEach(() => vi.restoreAllMocks());

const pdfText = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('bioai report', () => {
  it("prints the client's copy without notes by default, the case report with them, and no energy figure for ED-sensitive care", async () => {
    const dir = tempDir();
    const at = (...args: string[]): Promise<{ code: number; out: string; err: string }> =>
      run(['--data-dir', dir, ...args]);
    expect((await at('init')).code).toBe(0);
    expect(
      (
        await at(
          'clients',
          'add',
          '--name',
          'Cora Print',
          '--sex',
          'female',
          '--birth-date',
          '1991-02-02',
          '--height-cm',
          '166',
          '--weight-kg',
          '59',
        )
      ).code,
    ).toBe(0);
    expect((await at('clients', 'edit', 'Cora Print', '--notes', 'Takes ramipril; BP 150/95 at intake.')).code).toBe(0);
    const today = Date.now();
    for (let back = 0; back < 5; back++) {
      const date = localIsoDate(today - back * 86_400_000);
      expect(
        (await at('log', 'add', '--client', 'Cora Print', '--food', 'usda:18069', '--amount', '150g', '--date', date))
          .code,
      ).toBe(0);
    }
    const report = (out: string, ...more: string[]): ReturnType<typeof at> =>
      at('report', '--client', 'Cora Print', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out, ...more);

    const mine = path.join(dir, 'client.pdf');
    const a = await report(mine);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^Wrote Cora Print's report/);
    const clientText = pdfText(mine);
    expect(clientText).toContain('Nutrition report');
    expect(clientText).not.toContain('ramipril'); // practitioner notes are opt-in in the client's copy
    expect(clientText).toContain('No recommendations have been agreed yet.');

    const theirs = path.join(dir, 'case.pdf');
    const b = await report(theirs, '--variant', 'practitioner');
    expect(b.out).toMatch(/^Wrote Cora Print's case report/);
    const caseText = pdfText(theirs);
    expect(caseText).toContain('Case report');
    expect(caseText).toContain('ramipril');
    expect(caseText).toMatch(/Energy intake averaged [\d,]+ kcal/);

    // Eating-disorder-sensitive care: neither variant prints an energy figure, notes included.
    expect(
      (await at('clients', 'edit', 'Cora Print', '--ed-sensitive', 'true', '--notes', 'Aim was 1,800 kcal before.'))
        .code,
    ).toBe(0);
    // (The end-to-end test prints both variants for such a client; one PDF keeps this test quick.)
    for (const variant of ['practitioner']) {
      const file = path.join(dir, `${variant}-ed.pdf`);
      const r = await report(file, '--variant', variant, '--include-notes');
      expect(r.code).toBe(0);
      const text = pdfText(file);
      expect(text).toContain('Aim was'); // the note is printed, without its energy figure
      expect(ENERGY_FIGURE.exec(text)?.[0] ?? null, `${variant} PDF`).toBeNull();
    }

    const bad = await report(mine, '--variant', 'clinic');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--variant must be client or practitioner, not "clinic"');
    expect(fs.statSync(mine).mode & 0o777).toBe(0o600);
  }, 120_000);
});
