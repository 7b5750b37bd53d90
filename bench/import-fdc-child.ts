/**
 * Child process of the FoodData Central import bench: MODE "prepare" sets a data folder up (bundled
 * foods loaded); "import" unlocks it and imports the archive named by path, as the CLI does (the core
 * reads it from the file by offset); "baseline" unlocks and imports nothing. Prints one JSON line: the
 * outcome, rows read, wall and CPU time, this process's peak resident memory (maxRSS, KiB) and the
 * largest heap, external and RSS sizes seen at progress events (where the memory went).
 */
import path from 'node:path';
import { createCore } from '../core/app.ts';
import { silentLogger } from '../core/logging/log.ts';

const [file, dataDir, mode] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: import-fdc-child.ts <archive.zip> <dataDir> [prepare|import|baseline]');
const core = createCore({
  dataDir,
  host: 'cli',
  log: silentLogger,
  scrypt: { N: 2 ** 12, r: 8, p: 1 },
  integrityCheck: false,
});
const call = async (method: string, input: unknown): Promise<unknown> => {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.message}`);
  return r.data;
};
const passphrase = 'import benchmark passphrase';
if (mode === 'prepare') {
  await call('session.setup', { passphrase });
  await call('foods.datasets', {});
  core.close();
  process.exit(0);
}
await call('session.unlock', { passphrase });
await call('foods.datasets', {});
let progressEvents = 0;
/** The largest V8 heap, external (native buffers) and RSS seen at progress events, in MiB. */
const seen = { heapMiB: 0, externalMiB: 0, rssMiB: 0 };
core.subscribe((event) => {
  if (event !== 'import.progress') return;
  progressEvents += 1;
  const m = process.memoryUsage();
  const mib = (n: number): number => Math.round(n / 1024 / 1024);
  seen.heapMiB = Math.max(seen.heapMiB, mib(m.heapUsed));
  seen.externalMiB = Math.max(seen.externalMiB, mib(m.external));
  seen.rssMiB = Math.max(seen.rssMiB, mib(m.rss));
});
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
let result: { committed: boolean | null; foodsImported?: number; rowsRead?: number } = { committed: null };
if (mode === 'import') {
  result = (await call('foods.import', {
    fileName: path.basename(file),
    filePath: path.resolve(file),
    format: 'fdc',
    datasetName: 'Bench branded',
    citation: null,
  })) as typeof result;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
core.close();
process.stdout.write(
  `${JSON.stringify({ committed: result.committed, foods: result.foodsImported ?? 0, rows: result.rowsRead ?? 0, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS, progressEvents, seen })}\n`,
);
process.exit(0);
