import { AppError } from '../../contract/errors.ts';
import type { CsvMapping } from '../../contract/foods.ts';
import { CsvReader, type CsvSyntaxError } from './csv.ts';
import { countDecimalMarks, suggestMapping } from './generic-csv.ts';
import { isZip, type FoodUploadInput, type UploadSource } from './upload-source.ts';

export interface CsvPreviewResult {
  delimiter: string;
  headers: string[];
  sampleRows: string[][];
  rowCount: number;
  suggested: Partial<CsvMapping>;
}
/** Sample rows a preview shows. */
const SAMPLE_ROWS = 10;

/** The headers, sample rows and suggested column choices of a CSV, read row by row. */
export function previewCsv(upload: FoodUploadInput, source: UploadSource): CsvPreviewResult {
  if (isZip(source.head)) {
    throw new AppError(
      'invalid-input',
      `${upload.fileName} is a zip archive. Choose the FoodData Central format to import it (no column choices are needed).`,
    );
  }
  // Every row is read (one at a time): the row count and the number format come from the whole file.
  let headers: string[] | null = null;
  let firstError: CsvSyntaxError | null = null;
  const sampleRows: string[][] = [];
  let rowCount = 0;
  let nutrientCols: number[] = [];
  let suggested: Partial<CsvMapping> = {};
  const marks = { comma: 0, dot: 0 };
  const reader = new CsvReader({
    fileName: upload.fileName,
    encoding: upload.encoding ?? null,
    onError: (e) => {
      firstError ??= e;
    },
    onRow: (row) => {
      if (headers === null) {
        headers = row.cells.map((h) => h.trim());
        suggested = suggestMapping(headers);
        const hs = headers;
        nutrientCols = Object.values(suggested.nutrients ?? {}).map((h) => hs.indexOf(h));
        return;
      }
      rowCount += 1;
      if (sampleRows.length < SAMPLE_ROWS) sampleRows.push(row.cells);
      countDecimalMarks(
        nutrientCols.map((i) => row.cells[i] ?? ''),
        marks,
      );
    },
  });
  source.feed(reader);
  const first = firstError as CsvSyntaxError | null;
  if (first) throw new AppError('invalid-input', `${upload.fileName} line ${first.line}: ${first.message}.`);
  if (headers === null) throw new AppError('invalid-input', `${upload.fileName} is empty: there is no header row.`);
  const delimiter = reader.delimiter ?? ',';
  return {
    delimiter,
    headers,
    sampleRows,
    rowCount,
    suggested: { ...suggested, delimiter, decimalComma: marks.comma > 0 && marks.dot === 0 },
  };
}
