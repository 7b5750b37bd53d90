import fs from 'node:fs';
import path from 'node:path';
import type { LabelReading } from '../core/contract/food-labels.ts';
import { readLabel } from '../core/labels/labels-service.ts';
import { createOcrReader } from '../core/labels/ocr.ts';
import { fieldAccuracy, LABEL_SET, loadTruth, type LabelTruth } from '../core/labels/testing/label-set.ts';
import { fmtMs, median, report, sized } from './lib.ts';

/**
 * Issue 20, nutrition labels, on the label set kept in the repository (core/labels/testing/label-set,
 * made by scripts/make-label-set.ts: rendered US and EU/UK labels photographed with perspective,
 * rotation, blur, noise and JPEG loss; no real label photos could be shipped, see
 * docs/decisions/nutrition-labels.md):
 * - field accuracy: the share of printed fields read within 2% (+0.01), per field and in all, for the
 *   full pipeline (two OCR passes merged) and for one pass as the baseline;
 * - time per label: bare tesseract recognize on the photo as it is (baseline) against the one-pass
 *   and the full pipeline (decode, prepare, OCR, parse, crops).
 */
export async function run(): Promise<void> {
  const truth = loadTruth().slice(0, sized(1000, 3));
  const reader = createOcrReader();
  try {
    const bytes = truth.map((t) => fs.readFileSync(path.join(LABEL_SET, t.file)));
    // Warm up: the worker's start (WebAssembly compile, model load) is not a per-label cost.
    await reader.read(bytes[0]!);
    const bare: number[] = [];
    const single: number[] = [];
    const full: number[] = [];
    const singleResults: { truth: LabelTruth; reading: LabelReading | null }[] = [];
    const fullResults: { truth: LabelTruth; reading: LabelReading | null }[] = [];
    for (const [i, t] of truth.entries()) {
      const photo = bytes[i]!;
      let t0 = performance.now();
      await reader.read(photo);
      bare.push(performance.now() - t0);
      t0 = performance.now();
      singleResults.push({ truth: t, reading: await readLabel(reader, photo, { singlePass: true }).catch(() => null) });
      single.push(performance.now() - t0);
      t0 = performance.now();
      fullResults.push({ truth: t, reading: await readLabel(reader, photo).catch(() => null) });
      full.push(performance.now() - t0);
    }
    const b = median(bare);
    report(`Nutrition label reading, median per label over ${truth.length} labels (CPU, one worker thread)`, [
      { name: 'bare tesseract recognize of the photo as it is', ms: b },
      { name: 'pipeline, one OCR pass (decode, prepare, OCR, parse, crops)', ms: median(single), baseline: b },
      { name: 'pipeline, two OCR passes merged (what the app runs)', ms: median(full), baseline: b },
    ]);
    const one = fieldAccuracy(singleResults);
    const two = fieldAccuracy(fullResults);
    const pct = (r: number, n: number): string => `${((100 * r) / Math.max(1, n)).toFixed(0)}%`;
    let out = `\n## Field accuracy on the label set (${truth.length} labels, ${two.total} printed fields; within 2% + 0.01)\n`;
    out += `  one pass (baseline): ${one.right}/${one.total} = ${pct(one.right, one.total)}\n`;
    out += `  two passes merged:   ${two.right}/${two.total} = ${pct(two.right, two.total)}\n`;
    out += `  per field (two passes):\n`;
    for (const [key, f] of Object.entries(two.byField))
      out += `    ${key.padEnd(14)} ${f.right}/${f.total} ${pct(f.right, f.total)}\n`;
    const refused = fullResults.filter((r) => r.reading === null).map((r) => r.truth.file);
    out += `  labels refused as "no panel": ${refused.length ? refused.join(', ') : 'none'}\n`;
    out += `  total time for the set, full pipeline: ${fmtMs(full.reduce((a, x) => a + x, 0))}\n`;
    process.stdout.write(out);
  } finally {
    await reader.close();
  }
}
