import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface HostHandle {
  dataDir: string;
  /** The address with the per-launch token, as the host printed it. */
  url: string;
  /** Everything the host wrote to stderr (its log), for the privacy checks. */
  log(): string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `bioai serve` on a data folder and waits for the address it prints. */
async function startHost(dataDir: string, logs: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'core/cli/main.ts'), '--data-dir', dataDir, '--log-level', 'info', 'serve'],
    {
      cwd: root,
      env: { ...process.env, BIOAI_PASSPHRASE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr?.on('data', (c: Buffer) => logs.push(c.toString('utf8')));
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
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Starts a host on a fresh data folder; `dispose` stops it and deletes the folder. */
export async function launchHost(): Promise<HostHandle & { dispose(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-e2e-'));
  const logs: string[] = [];
  let current = await startHost(dataDir, logs);
  return {
    dataDir,
    get url() {
      return current.url;
    },
    log: () => logs.join(''),
    async restart() {
      await stopChild(current.child);
      current = await startHost(dataDir, logs);
    },
    stop: () => stopChild(current.child),
    async dispose() {
      await stopChild(current.child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ host: HostHandle }>({
  // Playwright requires the destructuring pattern for the fixtures argument, even when empty.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const handle = await launchHost();
    await use(handle);
    await handle.dispose();
  },
});

export { expect };
