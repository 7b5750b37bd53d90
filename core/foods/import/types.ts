import type { ImportError } from '../../contract/foods.ts';
import type { NutrientValues } from '../nutrients.ts';

/** What a parser hands the import service: foods ready to store, or the reasons it cannot. */
export interface ParsedPortion {
  seq: number;
  amount: number;
  /** The measure's own words: "cup, sliced", "medium (7\" to 7-7/8\" long)". */
  unit: string;
  grams: number;
}

export interface ParsedFood {
  /** The id in the source file (FDC id, CIQUAL alim_code); null when the file has none. */
  sourceId: string | null;
  name: string;
  foodGroup: string | null;
  /** Per 100 g, known values only (an absent key means unknown, never zero). */
  nutrients: NutrientValues;
  portions: ParsedPortion[];
  /** Branded foods: the brand (brand_name, else brand_owner), as printed. */
  brand?: string | null;
  /** Branded foods: the package's barcode as a GTIN-14 (core/barcodes/ean.ts toGtin14). */
  gtin?: string | null;
  /** Branded foods: the ingredient list as printed. */
  ingredients?: string | null;
}

export interface ParsedImport {
  foods: ParsedFood[];
  /** The first ERROR_LIST_LIMIT row errors, in file order. */
  errors: ImportError[];
  /** Every row error, listed or not. */
  errorCount: number;
  /** Data rows read (all files of an FDC archive together). */
  rowsRead: number;
}

/** (rows done, rows in total, what is happening) */
export type ParseProgress = (done: number, total: number, message: string) => void;

/** Errors listed in a report; the rest are counted. A wrong file can have millions of bad rows. */
export const ERROR_LIST_LIMIT = 200;

/** How often parsers report progress, in rows. */
export const PROGRESS_EVERY = 1000;

export interface ErrorSink {
  add(file: string, row: number, message: string): void;
  readonly list: ImportError[];
  readonly count: number;
}

export function createErrorSink(limit = ERROR_LIST_LIMIT): ErrorSink {
  const list: ImportError[] = [];
  let count = 0;
  return {
    add(file, row, message) {
      count += 1;
      if (list.length < limit) list.push({ file, row, message });
    },
    list,
    get count() {
      return count;
    },
  };
}
