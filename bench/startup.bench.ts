import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, scrypt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createCore, type Core } from '../core/app.ts';
import { DEFAULT_SCRYPT } from '../core/keys/keyring.ts';
import { silentLogger } from '../core/logging/log.ts';
import { chromiumLaunchOptions } from '../core/util/chromium.ts';
import { buildCli } from '../scripts/build-cli.ts';
import { median, QUICK, report, sized } from './lib.ts';

/**
 * Start-up: from launching the browser host (`bioai serve`) on a data folder that is already set up,
 * with CLIENTS clients, to an interactive client list in Chromium: the unlock screen shown, the
 * passphrase typed, the list rendered and its first row clickable (Playwright's actionability check,
 * without clicking). Median of RUNS runs, each with a fresh host process and a fresh browser context
 * (one Chromium for all runs, as a practitioner's browser is already open).
 *
 * Baselines from the same run: a bare `node -e 0` process (start-up cost of the runtime on this
 * machine, the ratio column), and about:blank in a new page of the same Chromium.
 * The data folder uses the app's real key-derivation cost (scrypt N=2^17), so the unlock is real.
 * Both launches of `bioai serve` are measured: bin/bioai.mjs on the bundle in out/cli (built first,
 * from the same sources) and on the TypeScript sources (BIOAI_CLI_SOURCES=1).
 */
const CLIENTS = Number(process.env['BENCH_STARTUP_CLIENTS'] ?? sized(500, 40));
const RUNS = Number(process.env['BENCH_STARTUP_RUNS'] ?? sized(5, 1));
const CLI_RUNS = sized(9, 1);
const PASSPHRASE = 'startup benchmark passphrase';
const root = path.resolve(import.meta.dirname, '..');

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.message}`);
  return r.data as T;
}

async function seed(dataDir: string): Promise<void> {
  const core = createCore({ dataDir, host: 'cli', log: silentLogger });
  try {
    await call(core, 'session.setup', { passphrase: PASSPHRASE });
    const sexes = ['female', 'male'] as const;
    for (let i = 0; i < CLIENTS; i++) {
      await call(core, 'clients.create', {
        name: `Bench Client ${String(i).padStart(4, '0')}`,
        sex: sexes[i % 2],
        birthDate: `${1950 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
        heightCm: 150 + (i % 40),
        weightKg: 50 + (i % 45),
      });
    }
  } finally {
    core.close();
  }
}

/**
 * Which launch of the host a run measures: bin/bioai.mjs on the prebuilt bundle, or on the TypeScript
 * sources; with BENCH_STARTUP_BEFORE=<another checkout> (built), also that checkout's
 * `node core/cli/main.ts serve` with its own out/renderer, e.g. the main branch before a change.
 */
type HostPath = 'bundle' | 'sources' | 'before';
const BEFORE = process.env['BENCH_STARTUP_BEFORE'] ? path.resolve(process.env['BENCH_STARTUP_BEFORE']) : null;
const HOST_PATHS: HostPath[] = BEFORE ? ['bundle', 'sources', 'before'] : ['bundle', 'sources'];
const LABELS: Record<HostPath, string> = {
  bundle: '[bundle out/cli]',
  sources: '[TS sources]',
  before: '[before: BENCH_STARTUP_BEFORE]',
};

function startHost(dataDir: string, via: HostPath): { child: ChildProcess; url: Promise<string> } {
  const args =
    via === 'before' && BEFORE
      ? [path.join(BEFORE, 'core/cli/main.ts'), '--data-dir', dataDir, 'serve']
      : [path.join(root, 'bin/bioai.mjs'), '--data-dir', dataDir, 'serve'];
  const child = spawn(process.execPath, args, {
    cwd: via === 'before' && BEFORE ? BEFORE : root,
    env: { ...process.env, BIOAI_PASSPHRASE: '', BIOAI_CLI_SOURCES: via === 'sources' ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`bioai serve exited with ${code}`)));
  });
  return { child, url };
}

/**
 * Marks the page takes itself, in wall-clock milliseconds (`performance.timeOrigin + now()`, the same
 * clock as Node's `Date.now()` on this machine): when the unlock screen's passphrase field was first
 * painted, when the form was submitted, and when the first client row was painted and would receive a
 * click at its centre (the hit test Playwright's actionability check makes). Playwright's own checks poll
 * (after a few tries, every 100 to 500 ms), which adds its polling to what they measure; these marks do not.
 */
function installPageMarks(): void {
  const w = window as unknown as { __bioaiMarks: Record<string, number> };
  const marks: Record<string, number> = {};
  w.__bioaiMarks = marks;
  const now = (): number => performance.timeOrigin + performance.now();
  const painted = (key: string, ok: () => boolean): void => {
    // The frame that draws the change: a requestAnimationFrame callback runs just before it is painted.
    requestAnimationFrame(() => {
      if (marks[key] === undefined && ok()) marks[key] = now();
    });
  };
  const rowHit = (): boolean => {
    const row = document.querySelector('[data-testid="client-row"]');
    if (!row) return false;
    const box = row.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && row.contains(hit);
  };
  new MutationObserver(() => {
    if (marks['unlockScreen'] === undefined && document.querySelector('[data-testid="unlock-passphrase"]'))
      painted('unlockScreen', () => true);
    if (marks['firstRow'] === undefined && document.querySelector('[data-testid="client-row"]'))
      painted('firstRow', rowHit);
  }).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('submit', () => (marks['submitted'] ??= now()), true);
}

/** The app's passphrase key derivation alone (scrypt at its real cost, in the thread pool). */
function scryptOnce(): Promise<number> {
  const t0 = performance.now();
  const { N, r, p } = DEFAULT_SCRYPT;
  return new Promise((resolve, reject) => {
    scrypt('x', randomBytes(16), 32, { N, r, p, maxmem: 256 * N * r }, (err) =>
      err ? reject(err) : resolve(performance.now() - t0),
    );
  });
}

/** CPU time (user + system, ms) a running process has used so far, from /proc; NaN where there is none. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Wall time of a short-lived process, from spawn to exit; throws if it fails. */
function timeProcess(args: string[]): number {
  return timeProcessEnv(args, {});
}

function timeProcessEnv(args: string[], env: Record<string, string>): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return ms;
}

/**
 * The command line's own start: `bioai version` and `bioai --help` (which need none of the core) against
 * a bare `node -e 0` and a one-line TypeScript file (what Node's type stripping costs to start).
 */
function cliStart(): void {
  const runs = CLI_RUNS;
  const tiny = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-cli-')), 'tiny.ts');
  fs.writeFileSync(tiny, 'const n: number = 1;\nexport default n;\n');
  const rows: Record<string, number[]> = {
    node: [],
    tiny: [],
    version: [],
    bin: [],
    binSources: [],
    help: [],
    core: [],
  };
  for (let i = 0; i <= runs; i++) {
    // Run 0 warms the OS file cache; it is not counted.
    const t = {
      node: timeProcess(['-e', '0']),
      tiny: timeProcess([tiny]),
      version: timeProcess(['core/cli/main.ts', 'version']),
      bin: timeProcess(['bin/bioai.mjs', 'version']),
      binSources: timeProcessEnv(['bin/bioai.mjs', 'version'], { BIOAI_CLI_SOURCES: '1' }),
      help: timeProcess(['core/cli/main.ts', '--help']),
      // What every command, `version` included, loaded before the CLI imported per command.
      core: timeProcess([
        '--input-type=module',
        '-e',
        "await import('./core/app.ts'); await import('./core/host/http.ts');",
      ]),
    };
    if (i > 0) for (const [k, v] of Object.entries(t)) rows[k]?.push(v);
  }
  fs.rmSync(path.dirname(tiny), { recursive: true, force: true });
  const base = median(rows['node'] ?? []);
  report(`Start-up: the command line, process start to exit (median of ${runs}; goal for bioai version < 0.3 s)`, [
    { name: 'baseline: node -e 0', ms: base },
    { name: 'baseline: node tiny.ts (a one-line TypeScript file)', ms: median(rows['tiny'] ?? []), baseline: base },
    { name: 'node core/cli/main.ts version', ms: median(rows['version'] ?? []), baseline: base },
    { name: 'node bin/bioai.mjs version (npx bioai; bundle out/cli)', ms: median(rows['bin'] ?? []), baseline: base },
    {
      name: 'node bin/bioai.mjs version (BIOAI_CLI_SOURCES=1: TS sources)',
      ms: median(rows['binSources'] ?? []),
      baseline: base,
    },
    { name: 'node core/cli/main.ts --help', ms: median(rows['help'] ?? []), baseline: base },
    { name: 'for comparison: loading the whole core and host', ms: median(rows['core'] ?? []), baseline: base },
  ]);
}

export async function run(): Promise<void> {
  // The bundle measured is built from the sources measured beside it.
  await buildCli();
  cliStart();
  const staticIndex = path.join(root, 'out', 'renderer', 'index.html');
  if (!fs.existsSync(staticIndex)) {
    process.stdout.write(
      '\n## Start-up\n  skipped: out/renderer is missing (npx vite build --config renderer/vite.config.ts)\n',
    );
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-startup-'));
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const t0 = performance.now();
    await seed(dataDir);
    const seedMs = performance.now() - t0;

    const nodeMs: number[] = [];
    const blankMs: number[] = [];
    const scryptMs: number[] = [];
    const empty = (): Record<HostPath, number[]> => ({ bundle: [], sources: [], before: [] });
    const addressMs = empty();
    const unlockScreenMs = empty();
    const listMs = empty();
    const afterSubmitMs = empty();
    const allRowsMs = empty();
    const hostCpuMs = empty();
    const pageScreenMs = empty();
    const pageRowMs = empty();
    const pageSumMs = empty();
    // Run 0 warms the OS file cache and Chromium and is not counted (skipped in quick mode). Each run
    // measures both launches back to back (alternating which goes first), so load from other jobs
    // falls on both alike.
    for (let i = QUICK ? 1 : 0; i <= RUNS; i++) {
      const n0 = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      const nodeRun = performance.now() - n0;
      const scryptRun = await scryptOnce();

      const order = i % 2 === 0 ? HOST_PATHS : [...HOST_PATHS].reverse();
      for (const via of order) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
        const blank = await context.newPage();
        const b0 = performance.now();
        await blank.goto('about:blank');
        const blankRun = performance.now() - b0;
        await blank.close();

        const page = await context.newPage();
        await page.addInitScript(installPageMarks);
        const spawnedAt = Date.now();
        const s0 = performance.now();
        const host = startHost(dataDir, via);
        try {
          const url = await host.url;
          const address = performance.now() - s0;
          await page.goto(url);
          await page.getByTestId('unlock-passphrase').waitFor();
          const unlockScreen = performance.now() - s0;
          await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
          const submitted = performance.now();
          await page.getByTestId('unlock-submit').click();
          const first = page.getByTestId('client-row').first();
          await first.click({ trial: true, timeout: 60_000 });
          const list = performance.now() - s0;
          const afterSubmit = performance.now() - submitted;
          const hostCpu = cpuMs(host.child.pid);
          const marks = await page.evaluate(
            () => (window as unknown as { __bioaiMarks: Record<string, number> }).__bioaiMarks,
          );
          const { unlockScreen: screenAt, submitted: submittedAt, firstRow: rowAt } = marks;
          if (screenAt === undefined || submittedAt === undefined || rowAt === undefined)
            throw new Error(`the page did not record its marks: ${JSON.stringify(marks)}`);
          // The list adds its rows in steps after the first ones: until every client has its row.
          await page.waitForFunction(
            (n) => document.querySelectorAll('[data-testid="client-row"]').length >= n,
            CLIENTS,
            { timeout: 60_000 },
          );
          const allRows = performance.now() - submitted;
          if (i > 0) {
            afterSubmitMs[via].push(afterSubmit);
            allRowsMs[via].push(allRows);
            hostCpuMs[via].push(hostCpu);
            blankMs.push(blankRun);
            addressMs[via].push(address);
            unlockScreenMs[via].push(unlockScreen);
            listMs[via].push(list);
            pageScreenMs[via].push(screenAt - spawnedAt);
            pageRowMs[via].push(rowAt - submittedAt);
            pageSumMs[via].push(screenAt - spawnedAt + (rowAt - submittedAt));
          }
        } finally {
          await context.close();
          await stop(host.child);
        }
      }
      if (i > 0) {
        nodeMs.push(nodeRun);
        scryptMs.push(scryptRun);
      }
    }
    const base = median(nodeMs);
    report(
      `Start-up: browser host on a set-up data folder with ${CLIENTS} clients → interactive client list (median of ${RUNS}; goal < 1.5 s)`,
      [
        { name: 'baseline: node -e 0 (process start to exit)', ms: base },
        { name: 'baseline: about:blank in a new Chromium page', ms: median(blankMs), baseline: base },
        { name: 'scrypt N=2^17 alone (fixed cost, part of every unlock)', ms: median(scryptMs), baseline: base },
        ...HOST_PATHS.flatMap((via) => {
          const label = LABELS[via];
          return [
            { name: `${label} bioai serve → address printed`, ms: median(addressMs[via]), baseline: base },
            { name: `${label} bioai serve → unlock screen shown`, ms: median(unlockScreenMs[via]), baseline: base },
            { name: `${label} unlock submitted → list clickable`, ms: median(afterSubmitMs[via]), baseline: base },
            { name: `${label} unlock submitted → all ${CLIENTS} rows in`, ms: median(allRowsMs[via]), baseline: base },
            { name: `${label} bioai serve → unlocked, list clickable`, ms: median(listMs[via]), baseline: base },
            { name: `${label} host process CPU (user+sys) until then`, ms: median(hostCpuMs[via]), baseline: base },
            {
              name: `${label} page's marks: bioai serve → unlock screen painted`,
              ms: median(pageScreenMs[via]),
              baseline: base,
            },
            {
              name: `${label} page's marks: unlock submitted → first row painted, hit-testable`,
              ms: median(pageRowMs[via]),
              baseline: base,
            },
            {
              name: `${label} page's marks: the two waits together (the goal's measure)`,
              ms: median(pageSumMs[via]),
              baseline: base,
            },
          ];
        }),
      ],
    );
    process.stdout.write(
      `  (seeding ${CLIENTS} clients, not timed above: ${(seedMs / 1000).toFixed(1)} s; list clickable, bundle vs ` +
        `sources: ${(median(listMs.bundle) / median(listMs.sources)).toFixed(2)}×` +
        (BEFORE ? `, bundle vs before: ${(median(listMs.bundle) / median(listMs.before)).toFixed(2)}×` : '') +
        '; ' +
        `load average at the end ${os.loadavg()[0]?.toFixed(1)})\n`,
    );
  } finally {
    await browser.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
