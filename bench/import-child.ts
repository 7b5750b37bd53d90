/**
 * Child process of the import benchmark: imports one CSV into a data folder through the contract.
 * MODE "prepare" sets the folder up (bundled foods loaded) and exits; the measured modes then unlock
 * it: "import" names the file by path, as the CLI does (the core reads it in chunks); "host-chunked"
 * starts the browser host here and has another process (MODE "send", the window's side) send the file
 * in parts over HTTP (foods.upload.begin/chunk, one part read at a time) and import it by upload id;
 * "baseline" imports nothing (the process with the core loaded and unlocked). Prints one JSON line:
 * the outcome, wall and CPU time, this process's peak resident memory (process.resourceUsage().maxRSS,
 * in KiB), and the largest heap, external and RSS sizes seen at the import's progress events, so the
 * parent can tell where memory went. The integrity check after unlock is off, as in CLI commands
 * (BENCH_INTEGRITY=1 turns it on: it runs in a worker beside the import and costs ~85 MB on its own).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startBrowserHost } from '../core/host/http.ts';
import { createCore } from '../core/app.ts';
import { silentLogger } from '../core/logging/log.ts';

/** The import's settings (the generated table's columns). */
const IMPORT = {
  format: 'csv',
  datasetName: 'Bench',
  citation: null,
  mapping: {
    name: 'name',
    id: 'code',
    foodGroup: 'group',
    nutrients: { energyKcal: 'kcal', proteinG: 'protein_g', fatG: 'fat_g', carbG: 'carb_g', sodiumMg: 'sodium_mg' },
    energyInKj: false,
    delimiter: ',',
    decimalComma: false,
  },
};
const [file, dataDir, mode, token] = process.argv.slice(2);
if (mode === 'send' && file && dataDir && token) {
  // The window's side of an upload through the browser host (its own process): parts over HTTP.
  await sendOverHttp(file, dataDir, token);
  process.exit(0);
}
if (!file || !dataDir)
  throw new Error('usage: import-child.ts <file.csv> <dataDir> [prepare|import|host-chunked|baseline]');
const core = createCore({
  dataDir,
  host: 'cli',
  log: silentLogger,
  scrypt: { N: 2 ** 12, r: 8, p: 1 },
  integrityCheck: process.env['BENCH_INTEGRITY'] === '1' ? {} : false,
}); // cheap: the unlock is not measured
const call = async (method: string, input: unknown): Promise<unknown> => {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.message}`);
  return r.data;
};
const passphrase = 'import benchmark passphrase';
if (mode === 'prepare') {
  // A data folder as after its first session: set up, the bundled foods loaded (that first load is
  // a cost of its own, once per folder, and not part of any import).
  await call('session.setup', { passphrase });
  await call('foods.datasets', {});
  core.close();
  process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
  process.exit(0);
}
await call('session.unlock', { passphrase });
await call('foods.datasets', {}); // the services of an unlocked session, as the import screen finds them
const seen = { heapMiB: 0, externalMiB: 0, arrayBuffersMiB: 0, rssMiB: 0 };
const sample = (): void => {
  const m = process.memoryUsage();
  const mib = (n: number): number => Math.round(n / 1024 / 1024);
  seen.heapMiB = Math.max(seen.heapMiB, mib(m.heapUsed));
  seen.externalMiB = Math.max(seen.externalMiB, mib(m.external));
  seen.arrayBuffersMiB = Math.max(seen.arrayBuffersMiB, mib(m.arrayBuffers));
  seen.rssMiB = Math.max(seen.rssMiB, mib(m.rss));
};
core.subscribe((event) => {
  if (event === 'import.progress') sample();
});
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const source = { filePath: path.resolve(file) };
if (mode === 'host-chunked') {
  // The browser host in this process; another process sends the file in parts and starts the import.
  const staticDir = path.join(dataDir, 'bench-static'); // the interface is not needed, only its page
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>bench</title>');
  const host = await startBrowserHost({ core, staticDir, log: silentLogger });
  const sender = spawn(process.execPath, [import.meta.filename, file, host.url, 'send', host.token], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  sender.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => sender.on('exit', resolve));
  await host.close();
  if (code !== 0) throw new Error(`sender failed (${code})`);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  core.close();
  const r = JSON.parse(out.trim()) as { committed: boolean; foodsImported: number };
  process.stdout.write(
    `${JSON.stringify({ committed: r.committed, foods: r.foodsImported, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS, seen })}\n`,
  );
  process.exit(0);
}
let result: unknown = { committed: null };
if (mode !== 'baseline') {
  result = await call('foods.import', {
    fileName: path.basename(file),
    ...source,
    ...IMPORT,
  });
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
core.close();
const r = result as { committed: boolean | null; foodsImported?: number };
process.stdout.write(
  `${JSON.stringify({ committed: r.committed, foods: r.foodsImported ?? 0, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS, seen })}\n`,
);

async function sendOverHttp(file: string, url: string, token: string): Promise<void> {
  const rpc = async (method: string, input: unknown): Promise<unknown> => {
    const res = await fetch(new URL(`/api/rpc/${method}`, url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const r = (await res.json()) as { ok: boolean; data?: unknown; message?: string };
    if (!r.ok) throw new Error(`${method}: ${r.message}`);
    return r.data;
  };
  const size = fs.statSync(file).size;
  const begun = (await rpc('foods.upload.begin', { fileName: path.basename(file), size })) as {
    uploadId: string;
    chunkBytes: number;
    chunks: number;
  };
  const fd = fs.openSync(file, 'r');
  for (let index = 0; index < begun.chunks; index += 1) {
    const part = Buffer.alloc(Math.min(begun.chunkBytes, size - index * begun.chunkBytes));
    fs.readSync(fd, part, 0, part.length, index * begun.chunkBytes);
    await rpc('foods.upload.chunk', { uploadId: begun.uploadId, index, dataBase64: part.toString('base64') });
  }
  fs.closeSync(fd);
  const report = await rpc('foods.import', { fileName: path.basename(file), uploadId: begun.uploadId, ...IMPORT });
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
