import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmtMs } from './lib.ts';

/**
 * Food table import: peak resident memory (maxRSS), wall and CPU time of importing a generated per-100 g
 * CSV of about 62 MB through the contract, each run in its own child process (bench/import-child.ts)
 * with a fresh data folder: once named by path (the CLI; the core reads it in chunks) and once sent in
 * 1 MiB parts through the browser host over HTTP by another process, as the app's window does (then
 * imported from the upload's temp file); the peak is the host process's. Baseline from the
 * same run: a child that opens the same kind of folder and imports nothing, i.e. the process with the
 * core loaded and unlocked. Each folder is set up (bundled foods loaded) by a process of its own first,
 * as the app's first session does once; that load is not part of an import. BENCH_QUICK=1 uses a file of about 2 MB (for CI).
 */
const QUICK = process.env['BENCH_QUICK'] === '1';
const TARGET_BYTES = QUICK ? 2 * 1024 * 1024 : 62 * 1024 * 1024;
const root = path.resolve(import.meta.dirname, '..');

function writeCsv(file: string): { rows: number; bytes: number } {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let rows = 0;
  try {
    const header = 'code,name,group,kcal,protein_g,fat_g,carb_g,sodium_mg\n';
    fs.writeSync(fd, header);
    bytes += header.length;
    let chunk = '';
    while (bytes < TARGET_BYTES) {
      const i = rows;
      const line = `F${i},"Bench food ${i}, cooked, with a long descriptive name as food tables have",Group ${i % 40},${(i % 900) + 0.5},${(i % 50) / 2},${(i % 70) / 3},${(i % 90) / 4},${i % 2000}\n`;
      chunk += line;
      bytes += line.length;
      rows += 1;
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  return { rows, bytes };
}

function child(
  file: string,
  mode: string,
): {
  committed: boolean | null;
  foods: number;
  ms: number;
  cpuMs: number;
  maxRssKiB: number;
  seen: { heapMiB: number; externalMiB: number; arrayBuffersMiB: number; rssMiB: number };
} {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-import-data-'));
  try {
    const prep = spawnSync(process.execPath, [path.join(root, 'bench/import-child.ts'), file, dataDir, 'prepare'], {
      encoding: 'utf8',
    });
    if (prep.status !== 0) throw new Error(`import child (prepare) failed: ${prep.stderr}`);
    const r = spawnSync(process.execPath, [path.join(root, 'bench/import-child.ts'), file, dataDir, mode], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`import child failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as ReturnType<typeof child>;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function run(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-import-'));
  try {
    const file = path.join(dir, 'table.csv');
    const { rows, bytes } = writeCsv(file);
    const base = child(file, 'baseline');
    const imp = child(file, 'import');
    if (!imp.committed || imp.foods !== rows) throw new Error(`import stored ${imp.foods} of ${rows} foods`);
    const up = child(file, 'host-chunked');
    if (!up.committed || up.foods !== rows) throw new Error(`upload import stored ${up.foods} of ${rows} foods`);
    const mb = (kib: number): string => `${(kib / 1024).toFixed(0)} MB`;
    const time = (r: ReturnType<typeof child>): string => `wall ${fmtMs(r.ms)}  CPU ${fmtMs(r.cpuMs)}`;
    const inside = (r: ReturnType<typeof child>): string =>
      `(at progress: heap ≤ ${r.seen.heapMiB} MiB, external ≤ ${r.seen.externalMiB} MiB, rss ≤ ${r.seen.rssMiB} MiB)`;
    process.stdout.write(
      `\n## Food table import (${(bytes / 1024 / 1024).toFixed(1)} MB CSV, ${rows.toLocaleString('en-US')} foods${QUICK ? ', BENCH_QUICK' : ''})\n`,
    );
    process.stdout.write(`  core set up, nothing imported (baseline)  peak RSS ${mb(base.maxRssKiB).padStart(7)}\n`);
    for (const [label, r] of [
      ['import from a path (CLI)            ', imp],
      ['upload in 1 MiB parts, then import  ', up],
    ] as const) {
      process.stdout.write(
        `  ${label}     peak RSS ${mb(r.maxRssKiB).padStart(7)}  ratio ${(r.maxRssKiB / base.maxRssKiB).toFixed(2)}× baseline  +${mb(r.maxRssKiB - base.maxRssKiB)}  ${time(r)}  ${Math.round(rows / (r.ms / 1000)).toLocaleString('en-US')} foods/s ${inside(r)}\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
