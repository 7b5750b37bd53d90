import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createCore } from '../core/app.ts';
import { startBrowserHost } from '../core/host/http.ts';
import { silentLogger } from '../core/logging/log.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The browser host the renderer's component tests call: its address and per-launch token. */
    bioaiHost: { url: string; token: string };
  }
}

/**
 * Vitest global set-up for the renderer's component tests: a real core on a fresh, set-up and
 * unlocked data folder, served by the real browser host on 127.0.0.1. The tests' `call()` reaches
 * it over HTTP exactly as the app does in a browser. Removed with its folder after the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-renderer-tests-'));
  const staticDir = path.join(root, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>renderer tests</title>');
  const core = createCore({
    dataDir: path.join(root, 'data'),
    host: 'browser',
    log: silentLogger,
    // Every answer is checked against the contract, as in the other tests.
    checkOutputs: true,
    // A cheap key derivation: these tests are about the interface, not the key (tested in core/keys).
    scrypt: { N: 2 ** 12, r: 8, p: 1 },
    integrityCheck: false,
  });
  const setUp = await core.dispatch('session.setup', { passphrase: 'renderer component tests' });
  if (!setUp.ok) throw new Error(`session.setup: ${setUp.message}`);
  const host = await startBrowserHost({ core, staticDir, log: silentLogger });
  project.provide('bioaiHost', { url: host.url, token: host.token });
  return async () => {
    await host.close();
    core.close();
    fs.rmSync(root, { recursive: true, force: true });
  };
}
