/** Tiny benchmark helpers: medians of repeated runs, and ratio lines against a baseline measured in the same run. */

/**
 * BENCH_QUICK=1 (CI, `npm run bench:quick`): every bench runs its real code paths end to end on a
 * smaller workload, so a broken bench fails the build without costing minutes. Its figures are not
 * the ones to quote.
 */
export const QUICK = process.env['BENCH_QUICK'] === '1';

/** The full size, or the quick one under BENCH_QUICK=1. */
export function sized(full: number, quick: number): number {
  return QUICK ? quick : full;
}
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function timeIt(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export function report(title: string, rows: { name: string; ms: number; baseline?: number }[]): void {
  process.stdout.write(`\n## ${title}\n`);
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const ratio = r.baseline ? `  ratio ${(r.ms / r.baseline).toFixed(2)}×` : '';
    process.stdout.write(`  ${r.name.padEnd(width)}  ${fmtMs(r.ms).padStart(10)}${ratio}\n`);
  }
}
