/**
 * `npm run bench`: every benchmark prints its figures with ratios against a baseline measured in
 * the same run (never absolute thresholds: the machine is shared and noisy).
 * Usage: node bench/run.ts [name…]   (names: sqlcipher, foods-log, vision, rules, xgboost, report, sync, startup, unlock, import, import-fdc, plan, diary-import, labels)
 * BENCH_QUICK=1 runs every bench on a small workload (CI: `npm run bench:quick`, part of `npm test`), so a
 * broken bench fails the build; a bench that throws or sets a non-zero exit code fails the run.
 */
import { run as diaryImport } from './diary-import.bench.ts';
import { run as foodsLog } from './foods-log.bench.ts';
import { run as foodImport } from './import.bench.ts';
import { run as labels } from './labels.bench.ts';
import { run as fdcImport } from './import-fdc.bench.ts';
import { run as plan } from './plan.bench.ts';
import { run as report } from './report.bench.ts';
import { run as rules } from './rules.bench.ts';
import { run as sqlcipher } from './sqlcipher.bench.ts';
import { run as startup } from './startup.bench.ts';
import { run as sync } from './sync.bench.ts';
import { run as unlock } from './unlock.bench.ts';
import { run as vision } from './vision.bench.ts';
import { QUICK } from './lib.ts';
import { run as xgboost } from './xgboost.bench.ts';

const benches: Record<string, () => void | Promise<void>> = {
  sqlcipher,
  'foods-log': foodsLog,
  vision,
  rules,
  xgboost,
  report,
  sync,
  startup,
  unlock,
  import: foodImport,
  'import-fdc': fdcImport,
  plan,
  'diary-import': diaryImport,
  labels,
};
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in benches));
if (unknown.length) {
  process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}\n`);
  process.exit(2);
}
process.stdout.write(
  `BioAI Nutrition benchmarks — Node ${process.versions.node}, ${process.platform}/${process.arch}` +
    (QUICK ? ' (BENCH_QUICK=1: small workloads, a check that every bench runs, not figures to quote)' : '') +
    '\n',
);
for (const name of wanted.length ? wanted : Object.keys(benches)) await benches[name]?.();
