/**
 * Child process of the import benchmark: sets up a fresh data folder and imports one CSV through the
 * contract. MODE "import" names the file by path, as the CLI does (the core reads it in chunks);
 * "import-base64" sends its bytes as base64, as the app's upload does; "read-only" reads the file into
 * base64 and imports nothing. Prints one JSON line: the outcome, the wall time and this process's peak
 * resident memory (process.resourceUsage().maxRSS, in KiB), so the parent can compare runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../core/app.ts';
import { silentLogger } from '../core/logging/log.ts';

const [file, dataDir, mode] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: import-child.ts <file.csv> <dataDir> [import|read-only]');
const core = createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: { N: 2 ** 12, r: 8, p: 1 } }); // cheap: the unlock is not measured
const call = async (method: string, input: unknown): Promise<unknown> => {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.message}`);
  return r.data;
};
await call('session.setup', { passphrase: 'import benchmark passphrase' });
const t0 = process.hrtime.bigint();
const dataBase64 = mode === 'import' ? undefined : fs.readFileSync(file).toString('base64');
let result: unknown = { committed: null };
if (mode !== 'read-only') {
  result = await call('foods.import', {
    fileName: path.basename(file),
    ...(dataBase64 === undefined ? { filePath: path.resolve(file) } : { dataBase64 }),
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
  });
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
core.close();
const r = result as { committed: boolean | null; foodsImported?: number };
process.stdout.write(
  `${JSON.stringify({ committed: r.committed, foods: r.foodsImported ?? 0, ms, maxRssKiB: process.resourceUsage().maxRSS })}\n`,
);
