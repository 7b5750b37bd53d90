import { hex } from './csv-encoding.ts';

/**
 * A small RFC 4180 CSV parser (https://www.rfc-editor.org/rfc/rfc4180): text in, records out. Beyond
 * the RFC it accepts what real exports contain: LF or lone CR line ends as well as CRLF, and `;` and
 * tab delimiters (European spreadsheet exports such as CIQUAL use `;` because `,` is their decimal
 * separator). Rows keep the 1-based physical line on which they start, so an error can point at the
 * line a text editor shows even when an earlier quoted field spans several lines.
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

/**
 * The control characters refused in fields: C0 except tab, LF and CR; DEL; C1. The WHATWG Encoding
 * Standard maps the label "latin1" to windows-1252, whose five undefined bytes decode to C1 controls.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

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
