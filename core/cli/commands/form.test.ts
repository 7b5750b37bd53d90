import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fillWithPypdf } from '../../forms/testdata/pypdf-fill.ts';
import { tempDir } from '../../test-utils/temp-dir.ts';
import { runCli } from '../run-for-test.ts';

/** `bioai form intake` and `bioai form import` through the real CLI, the form filled by pypdf. */

const env = { BIOAI_PASSPHRASE: 'cli passphrase 123' };

afterEach(() => vi.restoreAllMocks());

describe('bioai form', () => {
  it('writes the form, shows the review of a filled one, changes nothing unconfirmed, and applies with --yes', async () => {
    const dir = tempDir();
    const at = (...args: string[]): ReturnType<typeof runCli> => runCli(['--data-dir', dir, ...args], env);
    expect((await at('init')).code).toBe(0);
    expect((await at('clients', 'add', '--name', 'Fay Grant', '--phone', '111')).code).toBe(0);

    const form = path.join(dir, 'form.pdf');
    const made = await at('form', 'intake', '--client', 'Fay Grant', '--out', form);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^Wrote an intake form for Fay Grant to .*form\.pdf \(\d[\d,]* bytes\)\.$/);
    expect(fs.statSync(form).mode & 0o777).toBe(0o600);

    const filled = path.join(dir, 'filled.pdf');
    fs.writeFileSync(
      filled,
      fillWithPypdf(new Uint8Array(fs.readFileSync(form)), {
        contact_phone: '222',
        birth_date: 'March 1990',
        allergy_egg: '/Yes',
        consent_data_processing: '/Yes',
      }),
    );
    // No terminal to confirm in and no --yes: the review is shown and nothing changes.
    const asked = await at('form', 'import', filled, '--client', 'Fay Grant');
    expect(asked.code).toBe(2);
    expect(asked.out).toContain('Consent to data processing: given.');
    expect(asked.out).toMatch(/phone\s+changed\s+111\s+222/);
    expect(asked.out).toMatch(/allergies\s+new\s+egg/);
    expect(asked.out).toContain('"March 1990" is not a date as YYYY-MM-DD.');
    expect(asked.err).toContain('Nothing was changed: add --yes');
    // Still unchanged: the same review again.
    expect((await at('form', 'import', filled, '--client', 'Fay Grant')).out).toMatch(/phone\s+changed\s+111\s+222/);

    const yes = await at('form', 'import', filled, '--client', 'Fay Grant', '--yes');
    expect(yes.code).toBe(0);
    expect(yes.out).toContain("Applied to Fay Grant's profile: phone, allergies.");

    // Not a PDF: a clear error, exit 1.
    const csv = path.join(dir, 'x.csv');
    fs.writeFileSync(csv, 'a,b\n');
    const bad = await at('form', 'import', csv, '--client', 'Fay Grant', '--yes');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('The file is not a PDF');
  });
});
