import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseXgbModel, predict, predictBatch } from '../core/scoring/xgboost.ts';
import { median, report, sized, timeIt } from './lib.ts';

/**
 * Issue 6 figures: the TypeScript XGBoost scorer on the intake-forecast model, single-threaded:
 * batch rows/s over 100k rows (sampled with replacement from the parity fixture, so NaN and
 * threshold-edge rows are included) against native XGBoost's predict on the same rows and model with
 * nthread=1, measured in the same run when python3 has xgboost (Debian python3-xgboost); and the
 * latency of one TS prediction (the app scores one client-day at a time).
 */
const N = Number(process.env.BENCH_XGB_ROWS ?? sized(100_000, 5_000));
const RUNS = sized(7, 2);
const MODEL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'models', 'intake-forecast');

const NATIVE = `
import json, sys, time
import numpy as np, xgboost as xgb
model, data, n, nf, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
X = np.fromfile(data, dtype=np.float32).reshape(n, nf)
b = xgb.Booster(model_file=model)
b.set_param({'nthread': 1})
# A fresh DMatrix per run: Booster caches the predictions of a DMatrix it has seen, which would time a copy.
dms = [xgb.DMatrix(X, missing=np.nan, nthread=1, feature_names=b.feature_names) for _ in range(${RUNS} + 1)]
def best(f):
    ts = []
    for i in range(${RUNS}):
        t0 = time.perf_counter(); f(i); ts.append((time.perf_counter() - t0) * 1000)
    return sorted(ts)[len(ts) // 2]
b.predict(dms[-1]).astype(np.float32).tofile(out)
res = {'dmatrix_ms': best(lambda i: b.predict(dms[i])), 'inplace_ms': best(lambda i: b.inplace_predict(X, missing=np.nan)),
       'single_us': best(lambda i: [b.inplace_predict(X[i:i + 1], missing=np.nan) for i in range(200)]) * 1000 / 200,
       'version': xgb.__version__}
print(json.dumps(res))
`;

interface NativeResult {
  dmatrix_ms: number;
  inplace_ms: number;
  single_us: number;
  version: string;
}

/** A python3 that can import xgboost (PATH first, then Debian's, which a pyenv shim on PATH may hide). */
function findPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import xgboost'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

export async function run(): Promise<void> {
  const model = parseXgbModel(JSON.parse(fs.readFileSync(path.join(MODEL_DIR, 'model.json'), 'utf8')) as unknown);
  const fixture = JSON.parse(fs.readFileSync(path.join(MODEL_DIR, 'parity-fixture.json'), 'utf8')) as {
    rows: (number | null)[][];
  };
  const nf = model.numFeature;
  const rows = new Float32Array(N * nf);
  let seed = 6;
  for (let r = 0; r < N; r++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; // fixed LCG: the same sample every run
    const src = fixture.rows[seed % fixture.rows.length] ?? [];
    for (let f = 0; f < nf; f++) rows[r * nf + f] = src[f] ?? NaN;
  }

  predictBatch(model, rows, N); // warm-up (JIT)
  let preds: Float32Array = new Float32Array(0);
  const batchMs = median(Array.from({ length: RUNS }, () => timeIt(() => (preds = predictBatch(model, rows, N)))));
  const single = Array.from({ length: 2000 }, (_, i) => Array.from(rows.subarray(i * nf, (i + 1) * nf)));
  let sink = 0;
  const singleUs =
    (median(Array.from({ length: RUNS }, () => timeIt(() => single.forEach((r) => (sink += predict(model, r)))))) *
      1000) /
    single.length;

  const py = findPython();
  let native: NativeResult | null = null;
  let mismatches = -1;
  if (py) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-xgb-bench-'));
    try {
      const data = path.join(dir, 'rows.f32');
      const out = path.join(dir, 'pred.f32');
      fs.writeFileSync(data, rows);
      const r = spawnSync(py, ['-c', NATIVE, path.join(MODEL_DIR, 'model.json'), data, String(N), String(nf), out], {
        encoding: 'utf8',
        env: { ...process.env, OMP_NUM_THREADS: '1' },
      });
      if (r.status === 0) {
        native = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as NativeResult;
        const np = new Float32Array(fs.readFileSync(out).buffer.slice(0));
        mismatches = np.reduce((bad, v, i) => (Object.is(v, preds[i]) ? bad : bad + 1), 0);
      } else process.stdout.write(`  native xgboost failed: ${r.stderr.trim().split('\n').pop() ?? ''}\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const title = `XGBoost scorer: intake-forecast (${model.numTrees} trees, ${nf} features), ${N.toLocaleString('en-US')} rows, 1 thread`;
  const base = native?.dmatrix_ms;
  report(title, [
    ...(native
      ? [
          { name: `native xgboost ${native.version} predict(DMatrix)`, ms: native.dmatrix_ms },
          { name: 'native xgboost inplace_predict', ms: native.inplace_ms, baseline: base },
        ]
      : []),
    { name: 'TS predictBatch', ms: batchMs, ...(base ? { baseline: base } : {}) },
  ]);
  const rps = (ms: number): string =>
    `${((N / ms) * 1000).toLocaleString('en-US', { maximumFractionDigits: 0 })} rows/s`;
  process.stdout.write(
    `  TS batch: ${rps(batchMs)}; one TS prediction: ${singleUs.toFixed(2)} µs (checksum ${sink.toFixed(0)})\n`,
  );
  if (native) {
    process.stdout.write(
      `  native: ${rps(native.dmatrix_ms)} (DMatrix), ${rps(native.inplace_ms)} (inplace); one native inplace_predict: ${native.single_us.toFixed(1)} µs\n`,
    );
    process.stdout.write(`  TS vs native predictions: ${mismatches} of ${N} not bit-identical\n`);
  } else
    process.stdout.write(
      py
        ? '  native xgboost not measured: the python run failed (above)\n'
        : '  native xgboost not measured: python3 cannot import xgboost (apt-get install python3-xgboost)\n',
    );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
