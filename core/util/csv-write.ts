/**
 * CSV writing (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180): fields containing the delimiter, a
 * quote, CR or LF are quoted and their quotes doubled; records end with CRLF.
 *
 * Text that a spreadsheet would run as a formula (starting with = + - @, or a tab/CR) gets a leading
 * apostrophe, as OWASP's "CSV Injection" guidance recommends: exports hold free text typed by people
 * (notes, food names) and are opened in Excel. Numbers are written as numbers and never prefixed.
 * Our own readers (core/log/log-csv.ts) remove that apostrophe again.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV document. `bom` prepends a UTF-8 byte-order mark, which Excel needs to read UTF-8
 * rather than the system code page (accented names would otherwise be garbled); readers that follow
 * the WHATWG Encoding Standard drop it.
 */
export function toCsv(
  headers: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  opts: { bom?: boolean } = {},
): string {
  const lines = [headers, ...rows].map((r) => r.map((v) => csvCell(v)).join(','));
  return (opts.bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
}

/** Undoes csvCell's formula guard on a cell read back from one of our exports. */
export function unguardCell(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
