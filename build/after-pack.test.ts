import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Arch } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { ARCH_NAMES, forbiddenPackagesIn, pruneNativeBinaries } from './after-pack.ts';

function tree(files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-afterpack-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), 'x'.repeat(10));
  }
  return dir;
}

const ORT = 'app.asar.unpacked/node_modules/onnxruntime-node/bin/napi-v6';
const SQL = 'app.asar.unpacked/node_modules/better-sqlite3-multiple-ciphers/prebuilds';
const ALL = [
  `${ORT}/darwin/arm64/onnxruntime_binding.node`,
  `${ORT}/linux/x64/onnxruntime_binding.node`,
  `${ORT}/linux/arm64/onnxruntime_binding.node`,
  `${ORT}/win32/x64/onnxruntime_binding.node`,
  `${ORT}/win32/arm64/onnxruntime_binding.node`,
  ...['darwin-arm64', 'darwin-x64', 'linux-x64', 'linux-arm64', 'linuxmusl-x64', 'win32-x64', 'win32-arm64'].map(
    (t) => `${SQL}/${t}.node`,
  ),
];

function remaining(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.node'))
    .map((f) => f.replaceAll('\\', '/'))
    .sort();
}

describe('afterPack', () => {
  it('uses the same architecture names as electron-builder', () => {
    for (const [i, name] of ARCH_NAMES.entries()) expect(Arch[name]).toBe(i);
  });

  it('keeps only the target platform and architecture of the native binaries', () => {
    const dir = tree(ALL);
    const { bytes } = pruneNativeBinaries(dir, 'linux', 'x64');
    expect(remaining(dir)).toEqual(
      [`${ORT}/linux/x64/onnxruntime_binding.node`, `${SQL}/linux-x64.node`, `${SQL}/linuxmusl-x64.node`].sort(),
    );
    expect(bytes).toBe(9 * 10);
    fs.rmSync(dir, { recursive: true });
  });

  it('keeps both macOS architectures for a universal build, and Windows arm64 alone for it', () => {
    const mac = tree(ALL);
    pruneNativeBinaries(mac, 'darwin', 'universal');
    expect(remaining(mac)).toEqual(
      [`${ORT}/darwin/arm64/onnxruntime_binding.node`, `${SQL}/darwin-arm64.node`, `${SQL}/darwin-x64.node`].sort(),
    );
    const win = tree(ALL);
    pruneNativeBinaries(win, 'win32', 'arm64');
    expect(remaining(win)).toEqual([`${ORT}/win32/arm64/onnxruntime_binding.node`, `${SQL}/win32-arm64.node`].sort());
    fs.rmSync(mac, { recursive: true });
    fs.rmSync(win, { recursive: true });
  });

  it('finds a server-only package left in the app', () => {
    const dir = tree([
      'app.asar.unpacked/node_modules/pg/package.json',
      'app.asar.unpacked/node_modules/zod/package.json',
    ]);
    expect(forbiddenPackagesIn(dir)).toEqual(['pg']);
    fs.rmSync(dir, { recursive: true });
  });
});
