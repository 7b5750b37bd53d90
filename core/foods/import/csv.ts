/**
 * A small RFC 4180 CSV reader (https://www.rfc-editor.org/rfc/rfc4180) for the food and log imports.
 * Beyond the RFC it accepts what real exports contain: LF or lone CR line ends as well as CRLF, a
 * UTF-8 byte-order mark, `;` and tab delimiters (European spreadsheet exports such as CIQUAL use `;`
 * because `,` is their decimal separator), and windows-1252 text.
 *
 * Rows keep the 1-based physical line on which they start, so an error can point at the line a text
 * editor shows even when an earlier quoted field spans several lines.
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

/**
 * Decodes file bytes. UTF-8 is tried strictly first; bytes that are not valid UTF-8 are read as
 * windows-1252, the encoding of Excel "CSV" exports on Western-European Windows (CIQUAL and CoFID
 * downloads converted in Excel typically are). The WHATWG Encoding Standard maps the label "latin1"
 * to windows-1252, which is a superset of ISO-8859-1 for printable characters. A UTF-16LE BOM (Excel's
 * "Unicode text") is honoured too. Any BOM is removed.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  }
  try {
    // ignoreBOM false (the default) strips a leading UTF-8 BOM.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Parses CSV text with the given delimiter. A quote is special only at the start of a field (a bare
 * `5" long` inside an unquoted field is kept as written, as SR descriptions contain inch marks).
 * Empty physical lines are skipped; a missing final line break is fine.
 */
export function parseCsv(text: string, delimiter: Delimiter): CsvParseResult {
  const rows: CsvRow[] = [];
  const errors: CsvSyntaxError[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let cells: string[] = [];
  let rowLine = 1;
  let rowHasContent = false;

  const endRow = (): void => {
    if (rowHasContent) rows.push({ line: rowLine, cells });
    cells = [];
    rowHasContent = false;
  };
  /** Consumes a line break at i if there is one; returns whether it did. */
  const lineBreak = (): boolean => {
    const c = text[i];
    if (c === '\r') {
      i += text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      return true;
    }
    if (c === '\n') {
      i += 1;
      line += 1;
      return true;
    }
    return false;
  };

  while (i < n) {
    if (cells.length === 0 && !rowHasContent) rowLine = line;
    // Start of a field.
    if (text[i] === '"') {
      const startLine = line;
      i += 1;
      let value = '';
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        const chunkEnd = q === -1 ? n : q;
        const chunk = text.slice(i, chunkEnd);
        value += chunk;
        line += countLineBreaks(chunk);
        i = chunkEnd;
        if (q === -1) break;
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) {
        errors.push({ line: startLine, message: 'a quoted field is never closed (a closing " is missing)' });
        rowHasContent = true;
        cells.push(value);
        endRow();
        return { rows, errors };
      }
      cells.push(value);
      rowHasContent = true;
      if (i >= n) break;
      if (text[i] === delimiter) {
        i += 1;
        if (i >= n) cells.push('');
        continue;
      }
      if (lineBreak()) {
        endRow();
        continue;
      }
      // Text after a closing quote ("abc"def) is malformed: report it, keep the rest of the field.
      errors.push({ line, message: 'unexpected text after a closing quote' });
      let j = i;
      while (j < n && text[j] !== delimiter && text[j] !== '\r' && text[j] !== '\n') j += 1;
      cells[cells.length - 1] += text.slice(i, j);
      i = j;
      if (i < n && text[i] === delimiter) i += 1;
      else if (!lineBreak()) break;
      else endRow();
      continue;
    }
    // Unquoted field: up to the next delimiter or line break.
    let j = i;
    while (j < n) {
      const c = text[j];
      if (c === delimiter || c === '\r' || c === '\n') break;
      j += 1;
    }
    const value = text.slice(i, j);
    i = j;
    if (i >= n) {
      if (value !== '' || cells.length > 0) {
        cells.push(value);
        rowHasContent = true;
      }
      break;
    }
    if (text[i] === delimiter) {
      cells.push(value);
      rowHasContent = true;
      i += 1;
      if (i >= n) cells.push('');
      continue;
    }
    // Line break.
    if (value !== '' || cells.length > 0) {
      cells.push(value);
      rowHasContent = true;
    }
    lineBreak();
    endRow();
  }
  endRow();
  return { rows, errors };
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k += 1) {
    const c = s[k];
    if (c === '\n') count += 1;
    else if (c === '\r' && s[k + 1] !== '\n') count += 1;
  }
  return count;
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

/** Decodes, sniffs (unless a delimiter is given) and parses a CSV file whose first record is a header. */
export function readCsvTable(bytes: Uint8Array, delimiter: Delimiter | null = null): CsvTable {
  const { text, encoding } = decodeText(bytes);
  const d = delimiter ?? sniffDelimiter(text);
  const { rows, errors } = parseCsv(text, d);
  const [header, ...body] = rows;
  return {
    delimiter: d,
    encoding,
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
