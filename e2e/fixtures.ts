import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setPassphrase } from './pages.ts';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Every log written during an end-to-end run lands under test-results/logs/ (Playwright empties
 * test-results/ when a run starts), and e2e/global-teardown.ts scans them all for the seeded clients'
 * personal data once the run ends.
 */
export const LOGS_DIR = path.join(root, 'test-results', 'logs');

let logSeq = 0;

/**
 * The file a log named `name` should be written to (its folder is created). Unique per call within a
 * worker process, so two hosts (or a host and a sync server) never share one. Anything written there
 * is part of the end-of-run PII scan: e.g. a sync server's logger can use
 * `createLogger((line) => fs.appendFileSync(logFileFor('sync-server'), line + '\n'), 'info', 'sync-server')`.
 */
export function logFileFor(name: string): string {
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  const safe =
    name
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'log';
  logSeq += 1;
  return path.join(LOGS_DIR, `${safe}-w${process.env['TEST_WORKER_INDEX'] ?? 'x'}-p${process.pid}-${logSeq}.log`);
}

export interface HostHandle {
  dataDir: string;
  /** The address with the per-launch token, as the host printed it. */
  url: string;
  /** Everything the host wrote to stderr (its log), for the privacy checks. */
  log(): string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `bioai serve` on a data folder and waits for the address it prints. Its stdout and stderr
 * are also appended, as they come, to `logFile`.
 */
async function startHost(
  dataDir: string,
  logs: string[],
  logFile: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'core/cli/main.ts'), '--data-dir', dataDir, '--log-level', 'info', 'serve'],
    {
      cwd: root,
      env: { ...process.env, BIOAI_PASSPHRASE: '', BIOAI_CHECK_OUTPUTS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr?.on('data', (c: Buffer) => {
    logs.push(c.toString('utf8'));
    fs.appendFileSync(logFile, c);
  });
  child.stdout?.on('data', (c: Buffer) => fs.appendFileSync(logFile, c));
  // How the host ended, in its log: a host that stops answering mid-test is told apart from one stopped here.
  child.once('exit', (code, signal) =>
    fs.appendFileSync(logFile, `[e2e] host exited: code ${code}, signal ${signal}\n`),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out} ${logs.join('')}`)), 20_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}: ${logs.join('')}`));
    });
  });
  return { child, url };
}

async function stopChild(child: ChildProcess): Promise<void> {
  // A host that ended by a signal has no exit code: waiting for its 'exit' again would never end.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Copies the data folder's own log files, if it has any, next to the host's log before the folder goes. */
function keepDataDirLogs(dataDir: string, logFile: string): void {
  const files = (fs.readdirSync(dataDir, { recursive: true }) as string[]).filter(
    (f) => /\.log$/i.test(f) && fs.statSync(path.join(dataDir, f)).isFile(),
  );
  for (const f of files) {
    fs.copyFileSync(path.join(dataDir, f), `${logFile.replace(/\.log$/, '')}.datadir-${f.replace(/[\\/]/g, '-')}`);
  }
}

/**
 * Starts a host on a fresh data folder; `dispose` stops it and deletes the folder. `name` names its
 * log file under test-results/logs/ (default: "host").
 */
export async function launchHost(name = 'host'): Promise<HostHandle & { dispose(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-e2e-'));
  const logs: string[] = [];
  const logFile = logFileFor(name);
  let current = await startHost(dataDir, logs, logFile);
  return {
    dataDir,
    get url() {
      return current.url;
    },
    log: () => logs.join(''),
    async restart() {
      await stopChild(current.child);
      current = await startHost(dataDir, logs, logFile);
    },
    stop: () => stopChild(current.child),
    async dispose() {
      await stopChild(current.child);
      keepDataDirLogs(dataDir, logFile);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A page opened on a fresh host and set up with `passphrase`: the app ready, with no clients. */
export interface SetUpApp {
  page: Page;
  host: HostHandle;
  passphrase: string;
  /** The recovery code shown once at set-up. */
  recoveryCode: string;
}

export const test = base.extend<{ host: HostHandle; passphrase: string; app: SetUpApp }>({
  // Playwright requires the destructuring pattern for the fixtures argument, even when empty.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use, testInfo) => {
    const handle = await launchHost(`${path.basename(testInfo.file, '.spec.ts')}-${testInfo.title}`);
    await use(handle);
    await handle.dispose();
  },
  // The browser context is opened after the host and closed before it (fixtures are set up in the
  // order named here): a failing test's screenshot and page snapshot, taken as the context closes, show
  // what the app showed, not a page whose host was already stopped ("The BioAI Nutrition host is not
  // running").
  context: async ({ host, context }, use) => {
    void host;
    await use(context);
  },
  /** The passphrase the `app` fixture sets up with; a spec picks its own with test.use({ passphrase }). */
  passphrase: ['tomato basil 2026!', { option: true }],
  app: async ({ page, host, passphrase }, use) => {
    await page.goto(host.url);
    const recoveryCode = await setPassphrase(page, passphrase);
    await use({ page, host, passphrase, recoveryCode });
  },
});

export { expect };
