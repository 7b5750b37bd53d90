import { AppError } from '../../contract/errors.ts';
import {
  completeUtf8,
  concat,
  firstInvalidUtf8,
  hex,
  type EncodingChoice,
  type TextEncodingName,
} from './csv-encoding.ts';
import { CsvParser, sniffDelimiter, type CsvRow, type CsvSyntaxError, type Delimiter } from './csv-parser.ts';

export { ENCODING_CHOICES, type EncodingChoice, type TextEncodingName } from './csv-encoding.ts';
export {
  DELIMITERS,
  parseCsv,
  sniffDelimiter,
  type CsvParseResult,
  type CsvRow,
  type CsvSyntaxError,
  type Delimiter,
} from './csv-parser.ts';

/**
 * The CSV reader of the food and log imports: bytes in by chunks (`CsvReader.push`), records out one
 * at a time, so a file of any size is read in bounded memory. It decodes the bytes (csv-encoding.ts),
 * sniffs the delimiter from the first records unless one is given, and parses them (csv-parser.ts).
 */

/** Where a reader stands, for error messages. */
interface Position {
  line: number;
  column: number;
  header: string | null;
}

/** Text gathered before the delimiter is sniffed: 20 lines, or this many characters. */
const SNIFF_CHARS = 64 * 1024;

export interface CsvReaderOptions {
  /** Shown in errors ("food.csv"). */
  fileName: string;
  /** null: sniffed from the first records. */
  delimiter?: Delimiter | null;
  /** null: UTF-8 (or UTF-16LE with its BOM); a byte that is not UTF-8 is an error. */
  encoding?: EncodingChoice | null;
  /** Each record, the header included. */
  onRow: (row: CsvRow) => void;
  onError: (e: CsvSyntaxError) => void;
}

/**
 * Bytes in (by chunks of any size), records out. Memory stays bounded by the longest record and the
 * chunk size. Throws an AppError at the first byte that is not UTF-8 (unless an encoding is chosen).
 */
export class CsvReader {
  private parser: CsvParser | null = null;
  private pending = '';
  private carry: Uint8Array = new Uint8Array(0);
  private first = true;
  private utf16: TextDecoder | null = null;
  private single: TextDecoder | null = null;
  private readonly fast = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private header: string[] | null = null;
  private readonly opts: CsvReaderOptions;
  encoding: TextEncodingName = 'utf-8';

  constructor(opts: CsvReaderOptions) {
    this.opts = opts;
    const enc = opts.encoding ?? null;
    if (enc === 'windows-1252' || enc === 'latin1') {
      this.encoding = 'windows-1252';
      this.single = new TextDecoder('windows-1252');
    }
  }

  get delimiter(): Delimiter | null {
    return this.parser?.delimiter ?? this.opts.delimiter ?? null;
  }

  /** Bytes are decoded (or copied) before this returns, so the caller may reuse `bytes` afterwards. */
  push(bytes: Uint8Array): void {
    let b = bytes;
    if (this.first && b.length > 0) {
      const joined = this.carry.length > 0 ? concat(this.carry, b) : b;
      if (joined.length < 3 && joined.length > 0 && (joined[0] === 0xef || joined[0] === 0xff)) {
        this.carry = Uint8Array.prototype.slice.call(joined); // too short to tell whether it is a BOM
        return;
      }
      this.carry = new Uint8Array(0);
      this.first = false;
      b = joined;
      if (b[0] === 0xff && b[1] === 0xfe) {
        this.encoding = 'utf-16le';
        this.utf16 = new TextDecoder('utf-16le');
        this.single = null;
        b = b.subarray(2);
      } else if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
        b = b.subarray(3);
      }
    }
    if (this.first) return;
    if (this.utf16) return this.text(this.utf16.decode(b, { stream: true }));
    if (this.single) return this.text(this.single.decode(b, { stream: true }));
    const all = this.carry.length > 0 ? concat(this.carry, b) : b;
    const cut = completeUtf8(all);
    // A copy (a Buffer's own slice would be a view): the caller may reuse its chunk's memory.
    this.carry = Uint8Array.prototype.slice.call(all, cut);
    this.utf8(all.subarray(0, cut));
  }

  private utf8(bytes: Uint8Array): void {
    let text: string;
    try {
      text = this.fast.decode(bytes);
    } catch {
      const bad = firstInvalidUtf8(bytes);
      this.text(this.fast.decode(bytes.subarray(0, bad)));
      throw this.notUtf8(bytes[bad] ?? 0);
    }
    this.text(text);
  }

  private notUtf8(byte: number): AppError {
    if (this.pending !== '') this.flushPending();
    const p = this.position();
    const col = p.header ? `column ${p.column} ("${p.header}")` : `column ${p.column}`;
    return new AppError(
      'invalid-input',
      `${this.opts.fileName} is not UTF-8 text: row ${p.line}, ${col} holds the byte 0x${hex(byte, 2)}, which is not UTF-8. Save the file as UTF-8, or import it naming its encoding (for example windows-1252, also called Latin-1).`,
    );
  }

  private position(): Position {
    const p = this.parser?.position() ?? { line: 1, column: 1 };
    return { ...p, header: this.header?.[p.column - 1]?.trim() ?? null };
  }

  private text(s: string): void {
    if (s === '') return;
    if (this.parser) {
      this.parser.push(s);
      return;
    }
    this.pending += s;
    if (this.pending.length >= SNIFF_CHARS || countNewlines(this.pending) >= 20) this.flushPending();
  }

  private flushPending(): void {
    const d = this.opts.delimiter ?? sniffDelimiter(this.pending);
    this.parser = new CsvParser(
      d,
      (row) => {
        if (this.header === null) this.header = row.cells;
        this.opts.onRow(row);
      },
      (e) => this.opts.onError({ line: e.line, message: e.message }),
    );
    const s = this.pending;
    this.pending = '';
    this.parser.push(s);
  }

  /** Ends the input. */
  end(): void {
    if (this.carry.length > 0) {
      if (this.first) {
        this.first = false;
        const c = this.carry;
        this.carry = new Uint8Array(0);
        this.push(c);
      }
      if (this.carry.length > 0 && !this.utf16 && !this.single) {
        const c = this.carry;
        this.carry = new Uint8Array(0);
        const bad = firstInvalidUtf8(c);
        this.text(this.fast.decode(c.subarray(0, Math.max(0, bad))));
        throw this.notUtf8(c[Math.max(0, bad)] ?? 0);
      }
    }
    if (this.utf16) this.text(this.utf16.decode());
    if (this.single) this.text(this.single.decode());
    if (!this.parser) this.flushPending();
    this.parser?.end();
  }
}

function countNewlines(s: string): number {
  let count = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) count += 1;
  return count;
}

/** Bytes handed to a reader at a time, so no single decoded string is larger than this. */
export const READ_CHUNK = 1024 * 1024;

/** Feeds a whole buffer to a reader chunk by chunk and ends it. */
export function readAll(reader: CsvReader, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length; off += READ_CHUNK) reader.push(bytes.subarray(off, off + READ_CHUNK));
  reader.end();
}

/** Decodes a whole small buffer under the same rules as CsvReader (tests and tools). */
export function decodeText(
  bytes: Uint8Array,
  encoding: EncodingChoice | null = null,
): { text: string; encoding: TextEncodingName } {
  let text = '';
  const reader = new CsvReader({ fileName: 'The file', encoding, onRow: () => {}, onError: () => {} });
  // Capture the decoded text instead of parsing it.
  (reader as unknown as { text: (s: string) => void }).text = (s: string) => {
    text += s;
  };
  readAll(reader, bytes);
  return { text, encoding: reader.encoding };
}

export interface CsvTable {
  delimiter: Delimiter;
  encoding: TextEncodingName;
  /** Header cells, trimmed. */
  headers: string[];
  headerLine: number;
  /** Data records after the header. */
  rows: CsvRow[];
  errors: CsvSyntaxError[];
}

/**
 * Decodes, sniffs (unless a delimiter is given) and parses a whole CSV file whose first record is a
 * header, keeping every row: for small files (a client's diary, model input). Food tables stream.
 */
export function readCsvTable(
  bytes: Uint8Array,
  delimiter: Delimiter | null = null,
  options: { fileName?: string; encoding?: EncodingChoice | null } = {},
): CsvTable {
  const rows: CsvRow[] = [];
  const errors: CsvSyntaxError[] = [];
  const reader = new CsvReader({
    fileName: options.fileName ?? 'The file',
    delimiter,
    encoding: options.encoding ?? null,
    onRow: (r) => rows.push(r),
    onError: (e) => errors.push(e),
  });
  readAll(reader, bytes);
  const [header, ...body] = rows;
  return {
    delimiter: reader.delimiter ?? ',',
    encoding: reader.encoding,
    headers: header ? header.cells.map((h) => h.trim()) : [],
    headerLine: header?.line ?? 1,
    rows: body,
    errors,
  };
}

/** True when every cell of a record is blank (spreadsheets export these as `;;;;`). */
export function isBlankRow(row: CsvRow): boolean {
  return row.cells.every((c) => c.trim() === '');
}
