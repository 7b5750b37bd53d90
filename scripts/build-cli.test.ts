import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentBundle } from '../bin/current-bundle.mjs';
import { tempDir } from '../core/test-utils/temp-dir.ts';
import { buildCli } from './build-cli.ts';

const root = path.resolve(import.meta.dirname, '..');
const PASS = 'bundle test passphrase';

/** Runs `main(args)` from a built bundle in a fresh Node process, listing the modules it loaded. */
function runBundle(entry: string, args: string[], env: Record<string, string> = {}) {
  const script =
    "import { registerHooks } from 'node:module'; const seen = new Set();" +
    'registerHooks({ resolve(s, c, next) { const r = next(s, c); seen.add(r.url); return r; } });' +
    `const { main } = await import(${JSON.stringify(pathToFileURL(entry).href)});` +
    `process.exitCode = await main(${JSON.stringify(args)});` +
    "process.stderr.write('MODULES ' + JSON.stringify([...seen]) + '\\n');";
  // A file, not --eval: worker threads inherit the process's flags, and --input-type would stop them.
  const file = path.join(tempDir(), 'run.mjs');
  fs.writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('MODULES ')) ?? 'MODULES []';
  const modules = (JSON.parse(line.slice('MODULES '.length)) as string[]).map((u) => u.replace(`file://${root}/`, ''));
  return { code: r.status, out: r.stdout, err: r.stderr, modules };
}

describe('the CLI bundle (out/cli)', () => {
  // A folder of its own, at out/cli's depth, so a test never replaces the bundle `bioai` runs.
  const outDir = path.join(root, 'out', `cli-test-${randomBytes(4).toString('hex')}`);
  beforeAll(async () => {
    await buildCli(outDir);
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('runs commands without loading a TypeScript file, and finds migrations, foods, rules and the rule worker', () => {
    const dataDir = tempDir();
    const env = { BIOAI_PASSPHRASE: PASS };
    const entry = path.join(outDir, 'main.mjs');
    const init = runBundle(entry, ['--data-dir', dataDir, 'init'], env);
    expect(init.err).not.toContain('bioai:');
    expect(init.code).toBe(0);
    expect(init.out).toContain('Recovery code');
    // The database was created by the migrations in core/db/migrations.
    expect(
      fs.existsSync(path.join(dataDir, 'bioai.db')) || fs.readdirSync(dataDir).some((f) => f.endsWith('.db')),
    ).toBe(true);
    const add = runBundle(
      entry,
      [
        '--data-dir',
        dataDir,
        'clients',
        'add',
        '--name',
        'Bea Bundle',
        '--sex',
        'female',
        '--birth-date',
        '1985-04-03',
      ],
      env,
    );
    expect(add.code).toBe(0);
    // The bundled food table, read from resources/ in the repository.
    const foods = runBundle(entry, ['--data-dir', dataDir, 'foods', 'search', 'apple', '--limit', '1'], env);
    expect(foods.code).toBe(0);
    expect(foods.out.toLowerCase()).toContain('apple');
    // The rule pack from rules/, evaluated in the bundled worker.
    const rules = runBundle(entry, ['--data-dir', dataDir, 'rules', 'run', '--client', 'Bea', '--json'], env);
    expect(rules.code).toBe(0);
    expect(JSON.parse(rules.out)).toMatchObject({ client: { name: 'Bea Bundle' }, evaluation: { errors: [] } });
    for (const r of [init, add, foods, rules]) {
      expect(r.modules.filter((u) => u.endsWith('.ts'))).toEqual([]);
      expect(r.modules.some((u) => u.startsWith(path.relative(root, outDir)))).toBe(true);
    }
    const built = fs.readdirSync(outDir).filter((f) => f.endsWith('.mjs'));
    for (const worker of ['rule-worker.mjs', 'detector-worker.mjs', 'integrity-worker.mjs', 'plan-worker.mjs'])
      expect(built).toContain(worker);
    const text = built.map((f) => fs.readFileSync(path.join(outDir, f), 'utf8')).join('\n');
    expect(text).toContain('new URL("./rule-worker.mjs", import.meta.url)');
    expect(text).not.toMatch(/worker\.ts"/);
  });

  it('lists every bundled source file in its manifest', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
      entry: string;
      files: Record<string, { size: number; mtimeMs: number }>;
    };
    expect(manifest.entry).toBe('main.mjs');
    for (const f of ['core/cli/main.ts', 'core/app.ts', 'core/host/http.ts', 'core/rules/rule-worker.ts']) {
      expect(manifest.files[f]?.size).toBe(fs.statSync(path.join(root, f)).size);
    }
  });
});

describe('bin/bioai.mjs: which code it runs', () => {
  function fakeRepo(): { dir: string; url: URL; source: string } {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'out', 'cli'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'core'));
    const source = path.join(dir, 'core', 'a.ts');
    fs.writeFileSync(source, 'export const a = 1;\n');
    fs.writeFileSync(path.join(dir, 'out', 'cli', 'main.mjs'), 'export {};\n');
    const st = fs.statSync(source);
    const manifest = { entry: 'main.mjs', files: { 'core/a.ts': { size: st.size, mtimeMs: st.mtimeMs } } };
    fs.writeFileSync(path.join(dir, 'out', 'cli', 'manifest.json'), JSON.stringify(manifest));
    return { dir, url: pathToFileURL(`${dir}/`), source };
  }

  it('runs the bundle while every source file matches its manifest', () => {
    const { dir, url } = fakeRepo();
    expect(currentBundle(url)?.href).toBe(pathToFileURL(path.join(dir, 'out', 'cli', 'main.mjs')).href);
    expect(currentBundle(url, true)).toBeNull();
  });

  it('falls back to the sources when a source changed, even to the same size', () => {
    const { url, source } = fakeRepo();
    const later = new Date(Date.now() + 5_000);
    fs.writeFileSync(source, 'export const a = 2;\n');
    fs.utimesSync(source, later, later);
    expect(currentBundle(url)).toBeNull();
  });

  it('falls back to the sources when a source was edited and its time put back', () => {
    const { url, source } = fakeRepo();
    const st = fs.statSync(source);
    fs.writeFileSync(source, 'export const a = 10;\n');
    fs.utimesSync(source, st.atime, st.mtime);
    expect(currentBundle(url)).toBeNull();
  });

  it('falls back to the sources when a source is gone, the manifest is missing or unreadable', () => {
    const gone = fakeRepo();
    fs.rmSync(gone.source);
    expect(currentBundle(gone.url)).toBeNull();
    const none = fakeRepo();
    fs.rmSync(path.join(none.dir, 'out', 'cli', 'manifest.json'));
    expect(currentBundle(none.url)).toBeNull();
    const broken = fakeRepo();
    fs.writeFileSync(path.join(broken.dir, 'out', 'cli', 'manifest.json'), '{"entry":');
    expect(currentBundle(broken.url)).toBeNull();
    const noEntry = fakeRepo();
    fs.rmSync(path.join(noEntry.dir, 'out', 'cli', 'main.mjs'));
    expect(currentBundle(noEntry.url)).toBeNull();
  });
});
