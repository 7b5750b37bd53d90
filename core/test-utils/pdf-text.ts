import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp-dir.ts';

/** A PDF's text as poppler's pdftotext reads it (an independent reader, not the library that wrote it). */
export function pdfText(bytes: Uint8Array): string {
  const file = path.join(tempDir(), 'read.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
