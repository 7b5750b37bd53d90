import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCentralDirectory, fileSource } from '../core/foods/import/zip.ts';
import { writeBrandedZip } from '../core/foods/import/testing/branded.ts';
import { fmtMs, QUICK } from './lib.ts';

/**
 * FoodData Central Branded Foods import in bounded memory: a synthetic Branded archive (the real
 * files and columns, generated on the fly to a temp file) of more than 1 GB of CSV is imported by path
 * (the core reads it from the file by offset and stages rows in the database), and so is one an eighth
 * of its size. Each import runs in its own child process (bench/import-fdc-child.ts) with a fresh data
 * folder; reported: rows/s and peak resident memory (maxRSS). Baseline from the same run: a child that
 * unlocks the same kind of folder and imports nothing. Bounded memory shows as the large import's peak
 * staying at the small one's, not growing with the archive. BENCH_QUICK=1: about 16 MB of CSV.
 */
const PAD = 1300;
/** Products for about 1.1 GB of CSV (about 2 KB each with the padding), or a small run for CI. */
const LARGE = QUICK ? 8_000 : 560_000;
const root = path.resolve(import.meta.dirname, '..');

interface ChildResult {
  committed: boolean | null;
  foods: number;
  rows: number;
  ms: number;
  cpuMs: number;
  maxRssKiB: number;
  progressEvents: number;
  seen: { heapMiB: number; externalMiB: number; rssMiB: number };
}

function child(file: string, mode: 'import' | 'baseline'): ChildResult {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-fdc-data-'));
  try {
    const script = path.join(root, 'bench/import-fdc-child.ts');
    const prep = spawnSync(process.execPath, [script, file, dataDir, 'prepare'], { encoding: 'utf8' });
    if (prep.status !== 0) throw new Error(`import child (prepare) failed: ${prep.stderr}`);
    const r = spawnSync(process.execPath, [script, file, dataDir, mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`import child failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function unzippedBytes(file: string): number {
  const fd = fs.openSync(file, 'r');
  try {
    return readCentralDirectory(fileSource(fd, fs.fstatSync(fd).size)).reduce((sum, e) => sum + e.size, 0);
  } finally {
    fs.closeSync(fd);
  }
}

export function run(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-fdc-'));
  try {
    const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;
    const sizes = [
      { label: 'small', products: Math.round(LARGE / 8) },
      { label: 'large', products: LARGE },
    ];
    const archives = sizes.map((s) => {
      const file = path.join(dir, `${s.label}.zip`);
      const t0 = Date.now();
      const zipped = writeBrandedZip(file, s.products, PAD);
      return { ...s, file, zipped, unzipped: unzippedBytes(file), genMs: Date.now() - t0 };
    });
    const base = child(archives[0]?.file ?? '', 'baseline');
    process.stdout.write(
      `\n## FoodData Central Branded import from a file (bounded memory${QUICK ? ', BENCH_QUICK' : ''})\n`,
    );
    process.stdout.write(
      `  core unlocked, nothing imported (baseline)  peak RSS ${mb(base.maxRssKiB * 1024).padStart(7)}\n`,
    );
    for (const a of archives) {
      const r = child(a.file, 'import');
      if (!r.committed || r.foods !== a.products) throw new Error(`import stored ${r.foods} of ${a.products} foods`);
      process.stdout.write(
        `  ${a.label.padEnd(5)}: ${a.products.toLocaleString('en-US')} products, ${mb(a.unzipped)} of CSV (${mb(a.zipped)} zipped, made in ${fmtMs(a.genMs)})\n` +
          `         ${r.rows.toLocaleString('en-US')} rows in ${fmtMs(r.ms)} (CPU ${fmtMs(r.cpuMs)}): ${Math.round(r.rows / (r.ms / 1000)).toLocaleString('en-US')} rows/s, ` +
          `${Math.round(r.foods / (r.ms / 1000)).toLocaleString('en-US')} foods/s; peak RSS ${mb(r.maxRssKiB * 1024)} ` +
          `(${(r.maxRssKiB / base.maxRssKiB).toFixed(2)}× baseline, +${mb((r.maxRssKiB - base.maxRssKiB) * 1024)}); ${r.progressEvents} progress events ` +
          `(at them: heap ≤ ${r.seen.heapMiB} MiB, external ≤ ${r.seen.externalMiB} MiB, rss ≤ ${r.seen.rssMiB} MiB)\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
