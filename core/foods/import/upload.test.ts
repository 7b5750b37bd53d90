import { zipSync } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../app.ts';
import { UPLOAD_CHUNK_BYTES } from '../../contract/foods.ts';
import { silentLogger } from '../../logging/log.ts';
import {
  FAST_SCRYPT,
  PASSPHRASE,
  fixedClock,
  ok,
  tempDir,
  track,
  unlockedCore,
} from '../../test-utils/core-harness.ts';
import { mulberry32 } from '../../util/prng.ts';
import { FIXTURES } from './fixtures/harness.ts';
import { UPLOAD_IDLE_MS } from './upload-store.ts';

/**
 * Food tables uploaded in parts through the contract (the app's window), over a real core: the parts
 * land in a private temp file in the data folder, the import streams from it, and the file is gone
 * afterwards whatever happened.
 */

const ROWS = 2_000;
/** A CSV of about 5.4 MB (six parts): each row carries a long column no mapping reads. */
function bigCsv(mutate?: (row: number, line: string) => string): Buffer {
  const lines = ['code,name,kcal,protein_g,remarks'];
  const remark = 'r'.repeat(2_700);
  for (let i = 0; i < ROWS; i += 1) {
    const line = `C${i},Upload food ${i},${(i % 500) + 1},${(i % 30) / 2},${remark}`;
    lines.push(mutate ? mutate(i, line) : line);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

const mapping = {
  name: 'name',
  id: 'code',
  foodGroup: null,
  nutrients: { energyKcal: 'kcal', proteinG: 'protein_g' },
  energyInKj: false,
  delimiter: ',' as const,
  decimalComma: false,
};

/** Sends a file as the window does: begin, then every part in order. */
async function upload(core: Core, fileName: string, bytes: Buffer): Promise<string> {
  const begun = await ok<{ uploadId: string; chunkBytes: number; chunks: number }>(core, 'foods.upload.begin', {
    fileName,
    size: bytes.length,
  });
  for (let i = 0; i < begun.chunks; i += 1) {
    const part = bytes.subarray(i * begun.chunkBytes, (i + 1) * begun.chunkBytes);
    await ok(core, 'foods.upload.chunk', { uploadId: begun.uploadId, index: i, dataBase64: part.toString('base64') });
  }
  return begun.uploadId;
}

const uploadsDir = (core: Core): string => path.join(core.session.status().dataDir, 'uploads');
const leftFiles = (core: Core): string[] => {
  try {
    return fs.readdirSync(uploadsDir(core));
  } catch {
    return [];
  }
};
/** Foods stored (after a call that loads the bundled table, so it is counted from the start). */
async function foodCount(core: Core): Promise<number> {
  await ok(core, 'foods.datasets');
  return (core.session.database().sqlite.prepare('SELECT count(*) AS n FROM foods').get() as { n: number }).n;
}

describe('food table upload in parts', () => {
  it('round trip: a CSV of several parts is previewed, imported whole, and its temp file is private and then gone', async () => {
    const core = await unlockedCore();
    const bytes = bigCsv();
    expect(bytes.length).toBeGreaterThan(UPLOAD_CHUNK_BYTES);
    const before = await foodCount(core);
    const uploadId = await upload(core, 'big.csv', bytes);

    // While it waits: one file, readable by this user only, in a folder only this user can enter.
    const files = leftFiles(core);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain('big');
    if (process.platform !== 'win32') {
      expect(fs.statSync(path.join(uploadsDir(core), files[0] ?? '')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(uploadsDir(core)).mode & 0o777).toBe(0o700);
    }
    expect(fs.readFileSync(path.join(uploadsDir(core), files[0] ?? '')).equals(bytes)).toBe(true);

    const preview = await ok<{ rowCount: number; headers: string[] }>(core, 'foods.previewCsv', {
      fileName: 'big.csv',
      uploadId,
    });
    expect(preview.rowCount).toBe(ROWS);
    expect(preview.headers).toEqual(['code', 'name', 'kcal', 'protein_g', 'remarks']);
    expect(leftFiles(core)).toHaveLength(1); // a preview keeps the upload for the import

    const report = await ok<{ committed: boolean; foodsImported: number }>(core, 'foods.import', {
      fileName: 'big.csv',
      uploadId,
      format: 'csv',
      datasetName: 'Big',
      mapping,
    });
    expect(report).toMatchObject({ committed: true, foodsImported: ROWS });
    expect(await foodCount(core)).toBe(before + ROWS);
    const last = core.session
      .database()
      .sqlite.prepare("SELECT name, nutrients FROM foods WHERE source_id = 'C1999'")
      .get() as { name: string; nutrients: string };
    expect(last.name).toBe('Upload food 1999');
    expect(JSON.parse(last.nutrients)).toEqual({ energyKcal: 500, proteinG: 9.5 });
    expect(leftFiles(core)).toEqual([]);
    // The upload is spent: the same id cannot be imported twice.
    const again = await core.dispatch('foods.import', {
      fileName: 'big.csv',
      uploadId,
      format: 'csv',
      datasetName: 'Big',
      mapping,
    });
    expect(again).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('a FoodData Central zip uploaded in parts imports as from a path', async () => {
    const core = await unlockedCore();
    const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
    const dir = path.join(FIXTURES, 'fdc-sr-legacy');
    for (const name of fs.readdirSync(dir)) files[`FDC/${name}`] = fs.readFileSync(path.join(dir, name));
    // Incompressible bytes stored beside the tables make the archive span several parts.
    const noise = new Uint8Array(UPLOAD_CHUNK_BYTES + 1000);
    const rng = mulberry32(7);
    for (let i = 0; i < noise.length; i += 1) noise[i] = Math.floor(rng() * 256);
    files['FDC/all_downloaded_table_record_counts.bin'] = [noise, { level: 0 }];
    const zip = Buffer.from(zipSync(files));
    expect(zip.length).toBeGreaterThan(UPLOAD_CHUNK_BYTES);
    const uploadId = await upload(core, 'FoodData_Central.zip', zip);
    const report = await ok<{ committed: boolean; foodsImported: number; portionsImported: number }>(
      core,
      'foods.import',
      { fileName: 'FoodData_Central.zip', uploadId, format: 'fdc', datasetName: 'SR Legacy', mapping: null },
    );
    expect(report).toMatchObject({ committed: true, foodsImported: 5, portionsImported: 12 });
    expect(leftFiles(core)).toEqual([]);
  });

  it('refuses a part out of order, a part of the wrong size and a file over the announced size, and cancels the upload', async () => {
    const core = await unlockedCore();
    const bytes = bigCsv();
    const begin = (size: number) => ok<{ uploadId: string }>(core, 'foods.upload.begin', { fileName: 'big.csv', size });

    const a = await begin(bytes.length);
    const second = bytes.subarray(UPLOAD_CHUNK_BYTES, 2 * UPLOAD_CHUNK_BYTES).toString('base64');
    const outOfOrder = await core.dispatch('foods.upload.chunk', {
      uploadId: a.uploadId,
      index: 1,
      dataBase64: second,
    });
    expect(outOfOrder).toMatchObject({
      ok: false,
      code: 'invalid-input',
      message:
        'Part 2 of big.csv arrived out of order (part 1 was expected). The upload was cancelled; choose the file again.',
    });
    expect(leftFiles(core)).toEqual([]);
    const afterCancel = await core.dispatch('foods.upload.chunk', {
      uploadId: a.uploadId,
      index: 0,
      dataBase64: bytes.subarray(0, UPLOAD_CHUNK_BYTES).toString('base64'),
    });
    expect(afterCancel).toMatchObject({ ok: false, code: 'not-found' });

    const b = await begin(bytes.length);
    const short = await core.dispatch('foods.upload.chunk', {
      uploadId: b.uploadId,
      index: 0,
      dataBase64: bytes.subarray(0, 1000).toString('base64'),
    });
    expect(short).toMatchObject({
      ok: false,
      message:
        'Part 1 of big.csv holds 1,000 bytes; 1,048,576 were expected. The upload was cancelled; choose the file again.',
    });

    const c = await begin(10);
    const over = await core.dispatch('foods.upload.chunk', {
      uploadId: c.uploadId,
      index: 0,
      dataBase64: Buffer.from('name,kcal\nx,1\n').toString('base64'),
    });
    expect(over).toMatchObject({
      ok: false,
      message: 'big.csv is larger than the 10 bytes announced for it. The upload was cancelled; choose the file again.',
    });
    expect(leftFiles(core)).toEqual([]);

    // Over 4 GB is refused before any byte is sent; a part over 1 MiB is refused by the contract.
    const huge = await core.dispatch('foods.upload.begin', { fileName: 'huge.csv', size: 4 * 1024 ** 3 + 1 });
    expect(huge).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(JSON.stringify(huge)).toContain('at most 4 GB');
    const d = await begin(bytes.length);
    const fat = await core.dispatch('foods.upload.chunk', {
      uploadId: d.uploadId,
      index: 0,
      dataBase64: Buffer.alloc(UPLOAD_CHUNK_BYTES + 3).toString('base64'),
    });
    expect(fat).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(JSON.stringify(fat)).toContain('at most 1 MiB');

    // An incomplete upload is not imported.
    const partial = await core.dispatch('foods.import', {
      fileName: 'big.csv',
      uploadId: d.uploadId,
      format: 'csv',
      datasetName: 'Big',
      mapping,
    });
    expect(partial).toMatchObject({
      ok: false,
      message: `The upload of big.csv is incomplete (0 of ${bytes.length.toLocaleString('en-US')} bytes). Choose the file again.`,
    });
    // And the inline bytes are only for small files now.
    const inline = await core.dispatch('foods.previewCsv', {
      fileName: 'big.csv',
      dataBase64: bytes.toString('base64'),
    });
    expect(JSON.stringify(inline)).toContain('upload it in parts');
  });

  it('cleans abandoned uploads: idle ones, discarded ones, on lock, and leftovers of a crash at start', async () => {
    const clock = fixedClock();
    const dataDir = tempDir();
    const core = await unlockedCore({ dataDir, clock });
    const small = Buffer.from('name,kcal\nApple,52\n');
    const idle = await upload(core, 'a.csv', small);
    expect(leftFiles(core)).toHaveLength(1);
    clock.advance(UPLOAD_IDLE_MS + 1000);
    const fresh = await upload(core, 'b.csv', small);
    expect(leftFiles(core)).toHaveLength(1);
    const gone = await core.dispatch('foods.previewCsv', { fileName: 'a.csv', uploadId: idle });
    expect(gone).toMatchObject({ ok: false, code: 'not-found' });

    await ok(core, 'foods.upload.discard', { uploadId: fresh });
    expect(leftFiles(core)).toEqual([]);

    await upload(core, 'c.csv', small);
    expect(leftFiles(core)).toHaveLength(1);
    await ok(core, 'session.lock');
    expect(leftFiles(core)).toEqual([]);

    // A crash leaves a file behind: the next core on the folder removes it.
    await ok(core, 'session.unlock', { passphrase: PASSPHRASE });
    await upload(core, 'd.csv', small);
    const left = path.join(uploadsDir(core), leftFiles(core)[0] ?? '');
    const copy = `${left}.copy.upload`;
    fs.copyFileSync(left, copy);
    core.close();
    expect(fs.existsSync(left)).toBe(false); // closed cleanly: removed
    expect(fs.existsSync(copy)).toBe(true); // the "crashed" one
    track(createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT }));
    expect(fs.existsSync(copy)).toBe(false);
  });

  it('a failure in the last part of the file stores nothing and removes the upload', async () => {
    const core = await unlockedCore();
    const before = await foodCount(core);
    // A NUL in a row of the last part: a row error, so the transaction is rolled back.
    const withNul = bigCsv((i, line) => (i === ROWS - 5 ? line.replace('Upload food', 'Upload\u0000food') : line));
    const id1 = await upload(core, 'nul.csv', withNul);
    const report = await ok<{ committed: boolean; foodsImported: number; errorCount: number }>(core, 'foods.import', {
      fileName: 'nul.csv',
      uploadId: id1,
      format: 'csv',
      datasetName: 'Nul',
      mapping,
    });
    expect(report).toMatchObject({ committed: false, foodsImported: 0, errorCount: 1 });
    expect(await foodCount(core)).toBe(before);
    expect(leftFiles(core)).toEqual([]);

    // A byte that is not UTF-8 in the last part stops the read with an error: nothing stored either.
    const latin = bigCsv((i, line) => line);
    const at = latin.lastIndexOf('Upload food 1990');
    latin[at] = 0xe9;
    const id2 = await upload(core, 'latin.csv', latin);
    const refused = await core.dispatch('foods.import', {
      fileName: 'latin.csv',
      uploadId: id2,
      format: 'csv',
      datasetName: 'Latin',
      mapping,
    });
    expect(refused).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(JSON.stringify(refused)).toContain('latin.csv is not UTF-8 text: row 1992, column 2');
    expect(await foodCount(core)).toBe(before);
    const datasets = core.session.database().sqlite.prepare('SELECT name FROM food_datasets').all() as {
      name: string;
    }[];
    expect(datasets.map((d) => d.name)).not.toContain('Latin');
    expect(datasets.map((d) => d.name)).not.toContain('Nul');
    expect(leftFiles(core)).toEqual([]);
  });
});
