import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../test-utils/temp-dir.ts';

const FILLER = fileURLToPath(new URL('./fill-with-pypdf.py', import.meta.url));
/** Debian's python3, for which python3-pypdf is installed (see .ci/run); PYPDF_PYTHON overrides. */
const PYTHON = process.env.PYPDF_PYTHON ?? '/usr/bin/python3';

/**
 * Fills a PDF form with pypdf, a PDF library other than the one the app writes with, as a client's
 * PDF reader would. Fails (never skips) when pypdf is missing: the tests depend on it.
 */
export function fillWithPypdf(pdf: Uint8Array, values: Record<string, string>): Uint8Array {
  const dir = tempDir();
  const [src, dst, json] = ['form.pdf', 'filled.pdf', 'values.json'].map((f) => path.join(dir, f)) as [
    string,
    string,
    string,
  ];
  fs.writeFileSync(src, pdf);
  fs.writeFileSync(json, JSON.stringify(values));
  try {
    execFileSync(PYTHON, [FILLER, src, dst, json], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? '');
    throw new Error(`pypdf could not fill the form (${PYTHON}; apt-get install python3-pypdf): ${stderr}`, {
      cause: err,
    });
  }
  return new Uint8Array(fs.readFileSync(dst));
}
