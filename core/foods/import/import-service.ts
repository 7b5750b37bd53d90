import { AppError } from '../../api/errors.ts';
import { CsvMapping, type ImportReport } from '../../api/schemas-foods.ts';
import type { Db, Sqlite } from '../../db/open.ts';
import { foodDatasets, foodPortions, foods } from '../../db/schema.ts';
import { uuidv7 } from '../../util/uuidv7.ts';
import { deriveAllergens } from '../allergen-table.ts';
import { readCsvTable } from './csv.ts';
import { readFdcZip } from './fdc.ts';
import { looksLikeDecimalComma, parseGenericCsv, suggestMapping } from './generic-csv.ts';
import { PROGRESS_EVERY, type ParsedImport } from './types.ts';

/**
 * Imports food tables (FoodData Central zips, per-100 g CSVs) ALL OR NOTHING: the whole file is
 * parsed and validated first, and only a file without a single row error is stored, in one
 * transaction (foods, their portions, then the food_datasets row). A failure while saving rolls
 * everything back.
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

export interface FoodUploadInput {
  fileName: string;
  dataBase64: string;
}

export interface FoodImportInput extends FoodUploadInput {
  format: 'fdc' | 'csv';
  datasetName: string;
  citation: string | null;
  mapping: CsvMapping | null;
}

export interface CsvPreviewResult {
  delimiter: string;
  headers: string[];
  sampleRows: string[][];
  rowCount: number;
  suggested: Partial<CsvMapping>;
}

export interface FoodImporter {
  preview(upload: FoodUploadInput): CsvPreviewResult;
  import(input: FoodImportInput): ImportReport;
}

const SAMPLE_ROWS = 10;
/** Rows per multi-row INSERT: 14 columns × 500 stays far below SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 500;

function isZip(bytes: Uint8Array): boolean {
  // Local file header "PK\x03\x04", or the end-of-central-directory "PK\x05\x06" of an empty zip.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

function decodeUpload(upload: FoodUploadInput): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(upload.dataBase64, 'base64'));
  if (bytes.length === 0) throw new AppError('invalid-input', `${upload.fileName} is empty.`);
  return bytes;
}

export function createFoodImporter(
  opened: { sqlite: Sqlite; db: Db },
  deps: { now: () => number; onProgress: (p: ImportProgress) => void },
): FoodImporter {
  const { db } = opened;

  const parse = (
    input: FoodImportInput,
    bytes: Uint8Array,
    progress: (d: number, t: number, m: string) => void,
  ): ParsedImport => {
    if (input.format === 'fdc') {
      if (!isZip(bytes)) {
        throw new AppError(
          'invalid-input',
          `${input.fileName} is not a zip archive. FoodData Central data comes as a zip of CSV files; for a single CSV table choose the CSV format.`,
        );
      }
      return readFdcZip(bytes, progress);
    }
    if (input.format === 'csv') {
      if (isZip(bytes)) {
        throw new AppError(
          'invalid-input',
          `${input.fileName} is a zip archive: choose the FoodData Central format, or unzip it and pick the CSV.`,
        );
      }
      const checked = CsvMapping.safeParse(input.mapping);
      if (!checked.success) {
        throw new AppError(
          'invalid-input',
          'Choose which columns hold the food name and the nutrients before importing a CSV.',
        );
      }
      const table = readCsvTable(bytes, checked.data.delimiter);
      return parseGenericCsv(table, checked.data, input.fileName, progress);
    }
    throw new AppError(
      'invalid-input',
      `Unknown import format "${String(input.format)}": choose FoodData Central or CSV.`,
    );
  };

  return {
    preview(upload) {
      const bytes = decodeUpload(upload);
      if (isZip(bytes)) {
        throw new AppError(
          'invalid-input',
          `${upload.fileName} is a zip archive. Choose the FoodData Central format to import it (no column choices are needed).`,
        );
      }
      const table = readCsvTable(bytes);
      const first = table.errors[0];
      if (first) throw new AppError('invalid-input', `${upload.fileName} line ${first.line}: ${first.message}.`);
      if (table.headers.length === 0)
        throw new AppError('invalid-input', `${upload.fileName} is empty: there is no header row.`);
      const sampleRows = table.rows.slice(0, SAMPLE_ROWS).map((r) => r.cells);
      const suggested = suggestMapping(table.headers);
      const nutrientCols = Object.values(suggested.nutrients ?? {}).map((h) => table.headers.indexOf(h));
      const sampleCells = table.rows.slice(0, 50).flatMap((r) => nutrientCols.map((i) => r.cells[i] ?? ''));
      return {
        delimiter: table.delimiter,
        headers: table.headers,
        sampleRows,
        rowCount: table.rows.length,
        suggested: { ...suggested, delimiter: table.delimiter, decimalComma: looksLikeDecimalComma(sampleCells) },
      };
    },

    import(input) {
      const jobId = uuidv7(deps.now());
      const emit = (done: number, total: number, message: string): void =>
        deps.onProgress({ jobId, done, total, message });
      emit(0, 0, `Reading ${input.fileName}`);
      const bytes = decodeUpload(input);
      emit(0, 0, `Checking ${input.fileName}`);
      const parsed = parse(input, bytes, emit);
      const report = (
        committed: boolean,
        datasetId: string | null,
        foodsImported = 0,
        portionsImported = 0,
      ): ImportReport => ({
        jobId,
        committed,
        rowsRead: parsed.rowsRead,
        foodsImported,
        portionsImported,
        errors: parsed.errors,
        errorCount: parsed.errorCount,
        datasetId,
      });
      if (parsed.errorCount > 0) {
        emit(parsed.rowsRead, parsed.rowsRead, `Nothing imported: ${parsed.errorCount} row error(s)`);
        return report(false, null);
      }
      if (parsed.foods.length === 0) {
        throw new AppError('invalid-input', `${input.fileName} has no foods to import (no data rows).`);
      }

      const t = deps.now();
      const datasetId = uuidv7(t);
      const total = parsed.foods.length;
      const source = input.format === 'fdc' ? 'fdc' : 'csv';
      let portionCount = 0;
      emit(0, total, 'Saving foods');
      db.transaction((tx) => {
        for (let start = 0; start < total; start += INSERT_CHUNK) {
          const chunk = parsed.foods.slice(start, start + INSERT_CHUNK);
          const rows = chunk.map((f) => ({
            id: uuidv7(t),
            source,
            sourceId: f.sourceId,
            datasetId,
            name: f.name,
            foodGroup: f.foodGroup,
            brand: null,
            nutrients: f.nutrients as Record<string, number>,
            servings: null,
            finalWeightG: null,
            // No one labelled these foods: flagged from their name and group, like the bundled table.
            allergens: deriveAllergens({ name: f.name, foodGroup: f.foodGroup }),
            createdAt: t,
            updatedAt: t,
            deletedAt: null,
          }));
          tx.insert(foods).values(rows).run();
          const portions = chunk.flatMap((f, k) =>
            f.portions.map((p) => ({
              id: uuidv7(t),
              foodId: rows[k]?.id ?? '',
              seq: p.seq,
              amount: p.amount,
              unit: p.unit,
              grams: p.grams,
            })),
          );
          for (let p = 0; p < portions.length; p += INSERT_CHUNK)
            tx.insert(foodPortions)
              .values(portions.slice(p, p + INSERT_CHUNK))
              .run();
          portionCount += portions.length;
          const done = Math.min(start + INSERT_CHUNK, total);
          if (done % PROGRESS_EVERY === 0 || done === total) emit(done, total, 'Saving foods');
        }
        tx.insert(foodDatasets)
          .values({
            id: datasetId,
            name: input.datasetName.trim(),
            format: input.format,
            fileName: input.fileName,
            citation: input.citation,
            version: null,
            foodCount: total,
            importedAt: t,
          })
          .run();
      });
      emit(total, total, `Imported ${total} foods`);
      return report(true, datasetId, total, portionCount);
    },
  };
}
