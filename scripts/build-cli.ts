import { build, type Plugin } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bundles the command line (core/cli/main.ts and the core it imports) into out/cli/ as plain ESM, so
 * that `bioai serve` does not strip the types of some 450 TypeScript files at each start. The worker
 * entries are bundled beside it. Native and Chromium packages stay in node_modules.
 *
 * Paths the core computes from `import.meta.url` (migrations, the rule pack, foods, models) keep
 * pointing at the repository: each source file's `import.meta.url` is replaced by its own location,
 * expressed relative to the bundle, so the repository can still be moved as a whole. Worker entries
 * (`new URL('./x-worker.ts', import.meta.url)`) point at their bundled `.mjs` beside the bundle.
 *
 * out/cli/manifest.json lists every source file bundled, with its size and modification time;
 * bin/bioai.mjs runs the bundle only while all of them still match (see bin/bioai.mjs).
 */
const root = path.resolve(import.meta.dirname, '..');
const OUT_DIR = path.join(root, 'out', 'cli');

export const WORKERS = {
  'rule-worker': 'core/rules/rule-worker.ts',
  'detector-worker': 'core/vision/detector-worker.ts',
  'integrity-worker': 'core/db/integrity-worker.ts',
  'plan-worker': 'core/plans/generator/plan-worker.ts',
  // The core's own process under `bioai serve` (core/host/core-relay.ts).
  'core-entry': 'core/host/core-entry.ts',
} as const;

/** Packages loaded from node_modules: native code, or Chromium's driver. */
const EXTERNAL = [
  'better-sqlite3',
  'better-sqlite3-multiple-ciphers',
  'onnxruntime-node',
  'sharp',
  'playwright-core',
  'electron',
  'electron-store',
];

function sourceLocations(outDir: string): Plugin {
  const workerRef =
    /new URL\(\s*'\.\/(rule-worker|detector-worker|integrity-worker|plan-worker|core-entry)\.ts'\s*,\s*import\.meta\.url\s*\)/g;
  return {
    name: 'bioai:source-locations',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        let text = fs.readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta')) return { contents: text, loader: 'ts' };
        // Bundled workers sit beside the bundle: keep the real import.meta.url for them.
        text = text.replace(workerRef, (_m, name: string) => `new URL('./${name}.mjs', import.meta.__bundleUrl)`);
        const fromOut = path.relative(outDir, args.path).split(path.sep).join('/');
        text = text
          .replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`)
          .replaceAll('import.meta.__bundleUrl', 'import.meta.url');
        // Only import.meta.url is relocated; anything else would silently resolve beside the bundle.
        if (/import\.meta\.(?!url\b)/.test(text))
          throw new Error(`${args.path}: only import.meta.url is supported in the CLI bundle`);
        return { contents: text, loader: 'ts' };
      });
    },
  };
}

/**
 * Builds the bundle into `outDir` (out/cli unless a test gives another folder two levels below the
 * repository root, the depth the relocated paths are computed for).
 */
export async function buildCli(outDir = OUT_DIR): Promise<void> {
  if (path.relative(root, outDir).split(path.sep).length !== 2) {
    throw new Error(`The CLI bundle must be built two folders below the repository, not in ${outDir}.`);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      main: path.join(root, 'core/cli/main.ts'),
      ...Object.fromEntries(Object.entries(WORKERS).map(([name, file]) => [name, path.join(root, file)])),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    external: EXTERNAL,
    // Packages written in CommonJS call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __bioaiRequire } from 'node:module'; const require = __bioaiRequire(import.meta.url);",
    },
    plugins: [sourceLocations(outDir)],
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.startsWith('node_modules/') && !p.includes('/node_modules/'))
    .sort();
  const files: Record<string, { size: number; mtimeMs: number }> = {};
  for (const rel of inputs) {
    const st = fs.statSync(path.join(root, rel));
    files[rel] = { size: st.size, mtimeMs: st.mtimeMs };
  }
  // Packages are bundled too: a changed lock file (an install or upgrade) makes the bundle stale.
  for (const rel of ['package-lock.json', 'package.json', 'bin/bioai.mjs', 'scripts/build-cli.ts']) {
    const st = fs.statSync(path.join(root, rel));
    files[rel] = { size: st.size, mtimeMs: st.mtimeMs };
  }
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify({ entry: 'main.mjs', files }, null, 1));
  process.stdout.write(`${path.relative(root, outDir)}: ${inputs.length} source files bundled\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildCli();
}
