import { AppError } from '../../contract/errors.ts';
import { CsvMapping, type ImportReport } from '../../contract/foods.ts';
import { PAGE_CACHE_KIB, type Db, type Sqlite } from '../../db/open.ts';
import { foodDatasets } from '../../db/schema.ts';
import { prepared } from '../../db/statements.ts';
import { uuidv7 } from '../../util/uuidv7.ts';
import { deriveAllergens } from '../allergen-table.ts';
import { CsvReader, type CsvRow } from './csv.ts';
import { readFdcArchive, type FdcReadResult } from './fdc.ts';
import { createGenericRowReader } from './generic-csv.ts';
import { createErrorSink, PROGRESS_EVERY, type ParsedFood } from './types.ts';
import { previewCsv, type CsvPreviewResult } from './csv-preview.ts';
import { isZip, withUpload, type FoodUploadInput, type UploadSource } from './upload-source.ts';

export type { CsvPreviewResult } from './csv-preview.ts';
export { tooLarge, type FoodUploadInput } from './upload-source.ts';

/**
 * Imports food tables (FoodData Central zips, per-100 g CSVs) ALL OR NOTHING, in bounded memory: a
 * CSV is read row by row and stored in batches inside one transaction that is rolled back when any row
 * has an error; an FDC archive is inflated file by file and row by row from its file, its rows staged
 * in the database, then its foods assembled and stored in batches, in one transaction (foods, their
 * portions, then the food_datasets row). A failure anywhere rolls everything back.
 *
 * Re-importing a dataset under a name already used adds a new dataset (new datasetId) and leaves the
 * earlier one as it is: past log entries and recipes may refer to its foods, and replacing foods in
 * place would change what those entries mean. Removing an old dataset is a separate, deliberate act.
 */

export interface ImportProgress {
  jobId: string;
  done: number;
  total: number;
  message: string;
}
type Emit = (done: number, total: number, message: string) => void;

export interface FoodImportInput extends FoodUploadInput {
  format: 'fdc' | 'csv';
  datasetName: string;
  citation: string | null;
  mapping: CsvMapping | null;
}
export interface FoodImporter {
  preview(upload: FoodUploadInput): CsvPreviewResult;
  import(input: FoodImportInput): ImportReport;
}
/** Rows per multi-row INSERT: 14 columns × 500 stays far below SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 500;
/** The page cache, in KiB, while a CSV import's transaction runs (see importCsv). */
const IMPORT_PAGE_CACHE_KIB = 8_192;
/**
 * Uncompressed bytes read from one FDC archive read from its file: memory does not grow with them, so
 * the limit is only against a crafted archive that would keep the import busy for hours (the Branded
 * Foods download unpacks to about 3 GB).
 */
const MAX_STREAMED_UNZIPPED_BYTES = 32 * 1024 ** 3;
/** Thrown inside the import transaction to roll it back when a row error was found. */
class RowErrors extends Error {}

export function createFoodImporter(
  opened: { sqlite: Sqlite; db: Db },
  deps: { now: () => number; onProgress: (p: ImportProgress) => void },
): FoodImporter {
  const { db } = opened;
  type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

  /**
   * Inserts foods (and their portions) one row at a time through two statements prepared once for
   * this database; returns the number of portions stored. A multi-row INSERT built per chunk would
   * prepare a new statement each time, and each holds native memory that V8 does not see, so it is
   * only freed when a garbage collection happens to run: a big import grew by about 16 MB per MB of CSV.
   */
  const insertFoods = (_tx: Tx, list: ParsedFood[], datasetId: string, source: string, t: number): number => {
    const food = prepared(
      opened.sqlite,
      `INSERT INTO foods (id, source, source_id, dataset_id, name, food_group, brand, nutrients, servings,
         final_weight_g, allergens, gtin, ingredients, created_at, updated_at, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, NULL)`,
    );
    const portion = prepared(
      opened.sqlite,
      'INSERT INTO food_portions (id, food_id, seq, amount, unit, grams) VALUES (?, ?, ?, ?, ?, ?)',
    );
    let portionCount = 0;
    for (const f of list) {
      const id = uuidv7(t);
      // No one labelled these foods: flagged from their name and group (and a branded food's printed
      // ingredient list), like the bundled table.
      const allergens = deriveAllergens({ name: f.name, foodGroup: f.foodGroup, ingredients: f.ingredients ?? null });
      food.run(
        id,
        source,
        f.sourceId,
        datasetId,
        f.name,
        f.foodGroup,
        f.brand ?? null,
        JSON.stringify(f.nutrients),
        JSON.stringify(allergens),
        f.gtin ?? null,
        f.ingredients ?? null,
        t,
        t,
      );
      for (const p of f.portions) portion.run(uuidv7(t), id, p.seq, p.amount, p.unit, p.grams);
      portionCount += f.portions.length;
    }
    return portionCount;
  };

  const insertDataset = (tx: Tx, input: FoodImportInput, datasetId: string, count: number, t: number): void => {
    tx.insert(foodDatasets)
      .values({
        id: datasetId,
        name: input.datasetName.trim(),
        format: input.format,
        fileName: input.fileName,
        citation: input.citation,
        version: null,
        foodCount: count,
        importedAt: t,
      })
      .run();
  };

  const csvMapping = (input: FoodImportInput): CsvMapping => {
    const checked = CsvMapping.safeParse(input.mapping);
    if (!checked.success) {
      throw new AppError(
        'invalid-input',
        'Choose which columns hold the food name and the nutrients before importing a CSV.',
      );
    }
    return checked.data;
  };

  /**
   * A per-100 g CSV, streamed: rows are read, checked and inserted in batches inside one transaction,
   * which is rolled back when any row has an error (the rest of the file is still read, to list them).
   */
  const importCsv = (input: FoodImportInput, source: UploadSource, jobId: string, emit: Emit): ImportReport => {
    const mapping = csvMapping(input);
    const errors = createErrorSink();
    const t = deps.now();
    const datasetId = uuidv7(t);
    let rowsRead = 0;
    let stored = 0;
    const report = (committed: boolean): ImportReport => ({
      jobId,
      committed,
      rowsRead,
      foodsImported: committed ? stored : 0,
      portionsImported: 0,
      errors: errors.list,
      errorCount: errors.count,
      datasetId: committed ? datasetId : null,
    });
    // A smaller page cache while this one transaction runs: its dirty pages spill to the WAL sooner,
    // instead of filling the 64 MiB kept for everyday reads (restored afterwards).
    opened.sqlite.pragma(`cache_size = -${IMPORT_PAGE_CACHE_KIB}`);
    try {
      db.transaction((tx) => {
        let readRow: ((row: CsvRow) => ParsedFood | null) | null = null;
        let batch: ParsedFood[] = [];
        const flush = (): void => {
          if (errors.count === 0 && batch.length > 0) {
            insertFoods(tx, batch, datasetId, 'csv', t);
            stored += batch.length;
          }
          batch = [];
        };
        const reader = new CsvReader({
          fileName: input.fileName,
          delimiter: mapping.delimiter,
          encoding: input.encoding ?? null,
          onError: (e) => errors.add(input.fileName, e.line, e.message),
          onRow: (row) => {
            if (readRow === null) {
              const headers = row.cells.map((h) => h.trim());
              readRow = createGenericRowReader(headers, reader.delimiter ?? ',', mapping, input.fileName, errors);
              return;
            }
            rowsRead += 1;
            const food = readRow(row);
            if (food && errors.count === 0) batch.push(food);
            if (batch.length >= INSERT_CHUNK) flush();
            if (rowsRead % PROGRESS_EVERY === 0) emit(rowsRead, 0, `Importing ${input.fileName}`);
          },
        });
        source.feed(reader);
        if (readRow === null)
          throw new AppError('invalid-input', `${input.fileName} is empty: there is no header row.`);
        flush();
        if (errors.count > 0) throw new RowErrors();
        if (stored === 0)
          throw new AppError('invalid-input', `${input.fileName} has no foods to import (no data rows).`);
        insertDataset(tx, input, datasetId, stored, t);
      });
    } catch (err) {
      if (!(err instanceof RowErrors)) throw err;
      emit(rowsRead, rowsRead, `Nothing imported: ${errors.count} row error(s)`);
      return report(false);
    } finally {
      opened.sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    }
    emit(stored, stored, `Imported ${stored} foods`);
    return report(true);
  };

  /**
   * A FoodData Central zip, read from its file by offset and row by row: its files refer to each
   * other, so rows are checked and staged in the database, then assembled and stored in batches, all
   * in one transaction that a row error or a damaged archive rolls back. Memory stays bounded whatever
   * the archive's size (the bench `import-fdc` measures it).
   */
  const importFdc = (input: FoodImportInput, source: UploadSource, jobId: string, emit: Emit): ImportReport => {
    if (!isZip(source.head)) {
      throw new AppError(
        'invalid-input',
        `${input.fileName} is not a zip archive. FoodData Central data comes as a zip of CSV files; for a single CSV table choose the CSV format.`,
      );
    }
    const zip = source.zip();
    const t = deps.now();
    const datasetId = uuidv7(t);
    let portionCount = 0;
    let parsed: FdcReadResult = { errors: [], errorCount: 0, rowsRead: 0, foods: 0 };
    const report = (committed: boolean): ImportReport => ({
      jobId,
      committed,
      rowsRead: parsed.rowsRead,
      foodsImported: committed ? parsed.foods : 0,
      portionsImported: committed ? portionCount : 0,
      errors: parsed.errors,
      errorCount: parsed.errorCount,
      datasetId: committed ? datasetId : null,
    });
    opened.sqlite.pragma(`cache_size = -${IMPORT_PAGE_CACHE_KIB}`);
    try {
      db.transaction((tx) => {
        parsed = readFdcArchive(
          zip,
          opened.sqlite,
          (batch) => {
            portionCount += insertFoods(tx, batch, datasetId, 'fdc', t);
          },
          // An archive read from its file may unpack to more than one held in memory could.
          { onProgress: emit, maxUnzippedBytes: zip.fromFile ? MAX_STREAMED_UNZIPPED_BYTES : undefined },
        );
        if (parsed.errorCount > 0) throw new RowErrors();
        if (parsed.foods === 0)
          throw new AppError('invalid-input', `${input.fileName} has no foods to import (no data rows).`);
        insertDataset(tx, input, datasetId, parsed.foods, t);
      });
    } catch (err) {
      if (!(err instanceof RowErrors)) throw err;
      emit(parsed.rowsRead, parsed.rowsRead, `Nothing imported: ${parsed.errorCount} row error(s)`);
      return report(false);
    } finally {
      opened.sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    }
    emit(parsed.foods, parsed.foods, `Imported ${parsed.foods} foods`);
    return report(true);
  };

  return {
    preview(upload) {
      return withUpload(upload, (source) => previewCsv(upload, source));
    },

    import(input) {
      const jobId = uuidv7(deps.now());
      const emit: Emit = (done, total, message) => deps.onProgress({ jobId, done, total, message });
      emit(0, 0, `Reading ${input.fileName}`);
      return withUpload(input, (source) => {
        emit(0, 0, `Checking ${input.fileName}`);
        if (input.format === 'fdc') return importFdc(input, source, jobId, emit);
        if (input.format === 'csv') {
          if (isZip(source.head)) {
            throw new AppError(
              'invalid-input',
              `${input.fileName} is a zip archive: choose the FoodData Central format, or unzip it and pick the CSV.`,
            );
          }
          return importCsv(input, source, jobId, emit);
        }
        throw new AppError(
          'invalid-input',
          `Unknown import format "${String(input.format)}": choose FoodData Central or CSV.`,
        );
      });
    },
  };
}
