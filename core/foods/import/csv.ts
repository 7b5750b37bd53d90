import { AppError } from '../../contract/errors.ts';

/**
 * A small RFC 4180 CSV reader (https://www.rfc-editor.org/rfc/rfc4180) for the food and log imports.
 * Beyond the RFC it accepts what real exports contain: LF or lone CR line ends as well as CRLF, a
 * UTF-8 byte-order mark, `;` and tab delimiters (European spreadsheet exports such as CIQUAL use `;`
 * because `,` is their decimal separator), and, when the user says so, windows-1252 text.
 *
 * It reads a stream: bytes go in by chunks (`CsvReader.push`) and records come out one at a time, so
 * a file of any size is read in bounded memory. Rows keep the 1-based physical line on which they
 * start, so an error can point at the line a text editor shows even when an earlier quoted field
 * spans several lines.
 *
 * Encoding: UTF-8 (with or without BOM) unless the caller names another encoding. A byte that is not
 * UTF-8 stops the read with an error naming its row and column: guessing another encoding for the
 * whole file would silently turn every accented name into something else. A UTF-16LE BOM (Excel's
 * "Unicode text") is honoured.
 *
 * Control characters: NUL and the other C0/C1 control characters are refused in any field, with row
 * and column (they cannot be seen, and they break names, searches and exports). Tabs and line breaks
 * inside a quoted field are kept as the CSV format allows; food names collapse them to one space.
 */

export type Delimiter = ',' | ';' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface CsvRow {
  /** 1-based physical line where the record starts (the header is usually line 1). */
  line: number;
  cells: string[];
}

export interface CsvSyntaxError {
  line: number;
  message: string;
}

export interface CsvParseResult {
  rows: CsvRow[];
  errors: CsvSyntaxError[];
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'windows-1252';

/** Encodings a user may choose for a file that is not UTF-8 (Latin-1 is read as its superset windows-1252). */
export const ENCODING_CHOICES = ['utf-8', 'windows-1252', 'latin1'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];

/**
 * The control characters refused in fields: C0 except tab, LF and CR; DEL; C1. The WHATWG Encoding
 * Standard maps the label "latin1" to windows-1252, whose five undefined bytes decode to C1 controls.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/**
 * Index of the first byte of `bytes[0..end)` that is not part of valid UTF-8, or -1. A sequence cut
 * by `end` counts as invalid: callers pass only complete sequences (see completeUtf8).
 */
export function firstInvalidUtf8(bytes: Uint8Array, end = bytes.length): number {
  let i = 0;
  while (i < end) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= end) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Length of the prefix of `bytes` that does not end inside a multi-byte UTF-8 sequence. */
function completeUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back += 1) {
    const b = bytes[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return len > back ? n - back : n;
  }
  return n;
}

/** Where a reader stands, for error messages. */
interface Position {
  line: number;
  column: number;
  header: string | null;
}

/**
 * Turns chunks of text into records. Quotes are special only at the start of a field (a bare `5" long`
 * inside an unquoted field is kept as written, as SR descriptions contain inch marks). Empty physical
 * lines are skipped; a missing final line break is fine.
 */
export class CsvParser {
  private state: 'start' | 'unquoted' | 'quoted' | 'quote' = 'start';
  private field = '';
  private cells: string[] = [];
  private rowLine = 1;
  private rowHasContent = false;
  private quoteLine = 1;
  private skipLf = false;
  private prevCr = false;
  private rowBad = false;
  line = 1;
  readonly delimiter: Delimiter;
  private readonly onRow: (row: CsvRow) => void;
  private readonly onError: (e: CsvSyntaxError & { column?: number }) => void;

  constructor(
    delimiter: Delimiter,
    onRow: (row: CsvRow) => void,
    onError: (e: CsvSyntaxError & { column?: number }) => void,
  ) {
    this.delimiter = delimiter;
    this.onRow = onRow;
    this.onError = onError;
  }

  /** The 1-based column of the field being read and the row it is in. */
  position(): { line: number; column: number } {
    const inRow = this.state !== 'start' || this.cells.length > 0 || this.rowHasContent;
    return { line: inRow ? this.rowLine : this.line, column: this.cells.length + 1 };
  }

  private endField(): void {
    const value = this.field;
    this.field = '';
    const bad = CONTROL.exec(value);
    if (bad && !this.rowBad) {
      this.rowBad = true;
      this.onError({
        line: this.rowLine,
        column: this.cells.length + 1,
        message: `column ${this.cells.length + 1} holds the control character U+${hex(bad[0].charCodeAt(0), 4)}, which cannot be stored (remove it from the file)`,
      });
    }
    this.cells.push(value);
    this.rowHasContent = true;
  }

  private endRow(): void {
    if (this.rowHasContent) this.onRow({ line: this.rowLine, cells: this.cells });
    this.cells = [];
    this.rowHasContent = false;
    this.rowBad = false;
  }

  push(text: string): void {
    const d = this.delimiter;
    const n = text.length;
    let i = 0;
    let from = 0; // start of the current field's text in this chunk
    while (i < n) {
      const c = text[i];
      if (this.skipLf) {
        this.skipLf = false;
        if (c === '\n') {
          i += 1;
          from = i;
          continue;
        }
      }
      switch (this.state) {
        case 'start':
          if (this.cells.length === 0 && !this.rowHasContent) this.rowLine = this.line;
          if (c === '"') {
            this.state = 'quoted';
            this.quoteLine = this.line;
            this.prevCr = false;
            i += 1;
            from = i;
          } else {
            this.state = 'unquoted';
            from = i;
          }
          break;
        case 'unquoted': {
          let j = i;
          while (j < n) {
            const x = text[j];
            if (x === d || x === '\n' || x === '\r') break;
            j += 1;
          }
          this.field += text.slice(from, j);
          i = j;
          from = j;
          if (j >= n) break;
          const x = text[j];
          i += 1;
          from = i;
          if (x === d) {
            this.endField();
            this.state = 'start';
          } else {
            if (this.field !== '' || this.cells.length > 0) this.endField();
            this.newLine(x === '\r');
            this.endRow();
            this.state = 'start';
          }
          break;
        }
        case 'quoted': {
          const q = text.indexOf('"', i);
          const end = q === -1 ? n : q;
          for (let k = i; k < end; k += 1) {
            const x = text[k];
            if (x === '\r') this.line += 1;
            else if (x === '\n' && !(k > i ? text[k - 1] === '\r' : this.prevCr)) this.line += 1;
          }
          this.prevCr = end > i ? text[end - 1] === '\r' : this.prevCr;
          this.field += text.slice(i, end);
          i = end;
          if (q !== -1) {
            i += 1;
            this.state = 'quote';
          }
          from = i;
          break;
        }
        case 'quote':
          // After a quote inside a quoted field: "" is a quote; a delimiter or line break ends the field.
          if (c === '"') {
            this.field += '"';
            this.state = 'quoted';
            this.prevCr = false;
            i += 1;
          } else if (c === d) {
            this.endField();
            this.state = 'start';
            i += 1;
          } else if (c === '\r' || c === '\n') {
            this.endField();
            this.newLine(c === '\r');
            this.endRow();
            this.state = 'start';
            i += 1;
          } else {
            // Text after a closing quote ("abc"def) is malformed: report it, keep the rest of the field.
            this.onError({ line: this.line, message: 'unexpected text after a closing quote' });
            this.state = 'unquoted';
          }
          from = i;
          break;
      }
    }
    if (this.state === 'unquoted') this.field += text.slice(from, n);
  }

  private newLine(cr: boolean): void {
    this.line += 1;
    if (cr) this.skipLf = true;
  }

  /** Ends the input: a last record without a line break, or a quote never closed. */
  end(): void {
    if (this.state === 'quoted') {
      this.onError({ line: this.quoteLine, message: 'a quoted field is never closed (a closing " is missing)' });
      this.endField();
    } else if (this.state === 'quote') {
      this.endField();
    } else if (this.state === 'unquoted') {
      if (this.field !== '' || this.cells.length > 0) this.endField();
    } else if (this.cells.length > 0) {
      this.endField(); // "a,b," ends with an empty field
    }
    this.endRow();
    this.state = 'start';
  }
}

/** Parses CSV text with the given delimiter (a leading BOM is ignored). */
export function parseCsv(text: string, delimiter: Delimiter): CsvParseResult {
  const rows: CsvRow[] = [];
  const errors: CsvSyntaxError[] = [];
  const parser = new CsvParser(
    delimiter,
    (r) => rows.push(r),
    (e) => errors.push({ line: e.line, message: e.message }),
  );
  parser.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  parser.end();
  return { rows, errors };
}

/**
 * Picks the delimiter that splits the first records most consistently: each candidate parses up to
 * 20 records, and the winner is the one where the most records have the header's field count (more
 * than one field), then the one with the most fields. Counting characters in the header alone fails
 * on CIQUAL, whose `;`-separated headers contain commas ("Energy, Regulation EU No 1169/2011 …").
 */
export function sniffDelimiter(text: string): Delimiter {
  const sample = firstLines(text, 20);
  let best: { d: Delimiter; consistent: number; fields: number } = { d: ',', consistent: -1, fields: 0 };
  for (const d of DELIMITERS) {
    const { rows } = parseCsv(sample, d);
    const header = rows[0];
    if (!header || header.cells.length < 2) continue;
    const fields = header.cells.length;
    // The last sampled record may be cut in the middle of a quoted field: ignore it.
    const body = rows.slice(1, -1);
    const consistent = body.length === 0 ? 1 : body.filter((r) => r.cells.length === fields).length / body.length;
    if (consistent > best.consistent || (consistent === best.consistent && fields > best.fields)) {
      best = { d, consistent, fields };
    }
  }
  return best.d;
}

function firstLines(text: string, count: number): string {
  let idx = 0;
  for (let k = 0; k < count; k += 1) {
    const next = text.indexOf('\n', idx);
    if (next === -1) return text;
    idx = next + 1;
  }
  return text.slice(0, idx);
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
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
