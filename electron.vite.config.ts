import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { contractAlias } from './build/aliases.ts';

/**
 * electron-vite build of the desktop app into out/:
 *   out/main/index.js      main process, ESM (package.json "type": "module"); dependencies stay in
 *                          node_modules (native better-sqlite3-multiple-ciphers, ESM-only electron-store)
 *   out/main/migrations/   copy of core/db/migrations; main passes it to the core as migrationsDir
 *   out/preload/index.cjs  sandboxed preload: one CommonJS file whose only require is 'electron'
 *   out/renderer/          the same renderer renderer/vite.config.ts builds for the browser host
 * The folders are top-level (electron/, renderer/), so entries are given explicitly; electron-vite
 * only finds src/<scope>/index.* by itself. electron-vite 6 reads `rolldownOptions` (Vite 8), and
 * overwrites `rollupOptions` with it, so the renderer input is given there.
 */
const root = path.dirname(fileURLToPath(import.meta.url));
const at = (...parts: string[]): string => path.join(root, ...parts);

/** Copies the drizzle migrations next to the bundled main, where a bundled core cannot find its own. */
function copyMigrations(): Plugin {
  return {
    name: 'bioai:copy-migrations',
    apply: 'build',
    closeBundle() {
      const target = at('out', 'main', 'migrations');
      fs.rmSync(target, { recursive: true, force: true });
      fs.cpSync(at('core', 'db', 'migrations'), target, { recursive: true });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      outDir: at('out', 'main'),
      externalizeDeps: true,
      lib: {
        // Worker-thread entries are bundled beside main.
        entry: {
          index: at('electron', 'main', 'index.ts'),
          'detector-worker': at('core', 'vision', 'detector-worker.ts'),
          // Rules are evaluated in their own worker with a watchdog (core/rules/evaluator.ts).
          'rule-worker': at('core', 'rules', 'rule-worker.ts'),
          // Meal plans are solved (HiGHS, WebAssembly) in their own long-lived worker.
          'plan-worker': at('core', 'plans', 'generator', 'plan-worker.ts'),
          // The integrity check after unlock runs off the main thread (core/db/integrity.ts).
          'integrity-worker': at('core', 'db', 'integrity-worker.ts'),
          // The core's own utility process (electron/main/core-process.ts starts it).
          'core-process': at('core', 'host', 'core-entry.ts'),
        },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
    },
  },
  preload: {
    build: {
      outDir: at('out', 'preload'),
      // A sandboxed preload can require only 'electron' (and a few polyfills): bundle everything
      // else into the one file. It imports only core/contract/names.ts, so nothing large comes in.
      externalizeDeps: false,
      lib: {
        entry: at('electron', 'preload', 'index.ts'),
        formats: ['cjs'],
        fileName: () => 'index.cjs',
      },
    },
  },
  renderer: {
    root: at('renderer'),
    base: './',
    plugins: [react()],
    resolve: { alias: contractAlias },
    build: {
      outDir: at('out', 'renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: at('renderer', 'index.html'),
      },
    },
  },
});
